/** The reporter as the article stores them (`Article.author`; not imported: render types import this module). */
interface Person {
  sub: string;
  name: string;
}

/** One author of a story as the public site names them: the page `/authors/{slug}/`, and the account if known. */
export interface Byline {
  name: string;
  slug: string;
  /** The newsroom account, when the name is the reporter's own. */
  sub?: string;
}

/** One topic of a story: the page `/tags/{slug}/`. */
export interface Topic {
  name: string;
  slug: string;
}

/** Author pages and tag pages are one mechanism with two kinds. */
export type TopicKind = 'author' | 'tag';

/** A story's place on one author's or tag's page. */
export interface TopicRef {
  kind: TopicKind;
  slug: string;
  name: string;
}

/**
 * A story's bylines and topics, deduplicated by slug (two spellings of one name are one page), first spelling wins.
 * `names` undefined means the front matter named no one: the story is the reporter's. An explicit empty list
 * (`authors: []`) means an unsigned story, credited to the desk as before.
 */
export const decideBylines = (
  names: readonly string[] | undefined,
  reporter: Person,
  slugOf: (name: string) => string,
): Byline[] => {
  const given = names ?? [reporter.name];
  const seen = new Set<string>();
  const out: Byline[] = [];
  for (const name of given) {
    const slug = slugOf(name);
    if (seen.has(slug)) continue;
    seen.add(slug);
    out.push({ name, slug, ...(name === reporter.name ? { sub: reporter.sub } : {}) });
  }
  return out;
};

export const decideTopics = (names: readonly string[], slugOf: (name: string) => string): Topic[] => {
  const seen = new Set<string>();
  const out: Topic[] = [];
  for (const name of names) {
    const slug = slugOf(name);
    if (seen.has(slug)) continue;
    seen.add(slug);
    out.push({ name, slug });
  }
  return out;
};

/** Every author and tag page a story belongs on. */
export const topicRefsOf = (authors: readonly Byline[], tags: readonly Topic[]): TopicRef[] => [
  ...authors.map((a) => ({ kind: 'author' as const, slug: a.slug, name: a.name })),
  ...tags.map((t) => ({ kind: 'tag' as const, slug: t.slug, name: t.name })),
];

export const topicRefId = (ref: Pick<TopicRef, 'kind' | 'slug'>): string => `${ref.kind}/${ref.slug}`;

/**
 * A story's authors and tags, derived from its text (front matter `authors`, else the older one-name `byline`, else
 * the reporter) and slugged by the project's slug function. The body is the single source of truth: they are not
 * stored apart from it, so an approval of an exact revision covers them too.
 */
export const storyBylines = (
  draft: { authors?: readonly string[]; byline?: string; tags: readonly string[] },
  reporter: Person,
  slugOf: (name: string) => string,
): { authors: Byline[]; topics: Topic[] } => ({
  authors: decideBylines(draft.authors ?? (draft.byline ? [draft.byline] : undefined), reporter, slugOf),
  topics: decideTopics(draft.tags, slugOf),
});
