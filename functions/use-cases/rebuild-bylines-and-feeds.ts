import type { Article } from '../domain/article.js';
import { storyBylines, topicRefId, topicRefsOf, type TopicRef } from '../domain/bylines.js';
import { CONTENT_TYPES } from '../domain/cache-policy.js';
import type { DistributedStory } from '../domain/render/distribution-feeds.js';
import type { PublishedStory } from '../ports/published-index.js';
import type { PageRenderer } from '../ports/renderer.js';
import { siteObjectKey, type SiteObject } from '../ports/site-store.js';
import type { AppDeps } from './deps.js';
import { requireDesk } from './draft-content.js';
import { mapBounded } from './map-bounded.js';
import { feedContentType, htmlObject, invalidateSitePaths, xmlObject } from './site-pages.js';

/** Bounds of what one rebuild reads for bylines and partner feeds: flat whatever the archive's size. */
export const BYLINE_INDEX_LIMITS = {
  /** Stories on an author or tag page and in its feed; older ones stay reachable from the desks' day archives. */
  topicPage: 30,
  /** Google's limit for one sitemap file. */
  topicsSitemap: 50_000,
  dzen: 30,
  ninjs: 30,
} as const;

/** Documents one bylines rebuild writes at once. */
const BYLINE_WRITES_IN_FLIGHT = 8;
/** Articles synced, or topic pages read, at once (a batch's round has up to 90 articles and their topics). */
const BYLINE_REQUESTS_IN_FLIGHT = 8;

/** The ninjs file's media type (cache-policy.ts names only the site's HTML and XML types). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface BylineRebuildInput {
  /** The articles whose marks this round covers, as read after the lists (consistent reads). */
  articles: readonly (Article | undefined)[];
  /** Desks whose lists changed this round. */
  desks: readonly string[];
  /** Each desk's newest stories as this round read them (the desk page's query). */
  latestByDesk: ReadonlyMap<string, { items: readonly PublishedStory[] }>;
}

const isLive = (a: Article): a is Article & { path: string; firstPublishedAt: string } =>
  a.status === 'published' && a.path !== undefined && a.firstPublishedAt !== undefined;

const listingOf = (a: Article & { path: string; firstPublishedAt: string }): PublishedStory => ({
  id: a.id,
  title: a.title,
  ...(a.deck ? { deck: a.deck } : {}),
  path: a.path,
  desk: a.desk,
  lang: a.lang,
  publishedAt: a.firstPublishedAt,
  ...(a.modifiedAt ? { modifiedAt: a.modifiedAt } : {}),
});

/**
 * Bylines' part of a site-index round (joined to rebuildSiteIndexes): puts each marked story on exactly its own
 * authors' and tags' pages (and off the pages it left: a correction that drops a tag, a take-down), rewrites only
 * those pages and feeds from one bounded query each, the topics sitemap when a topic appeared or emptied, and the
 * changed desks' Dzen feeds and the ninjs partner file from the lists the round already read. Answers the keys written.
 */
export const rebuildBylinesAndFeeds = async (deps: AppDeps, input: BylineRebuildInput): Promise<string[]> => {
  const renderer = await deps.loadRenderer();
  const site = deps.siteConfig;
  const paths = renderer.TOPIC_PATHS;
  const deskNames = [...deps.desks.values()].map((d) => d.name);
  const puts: Array<{ path: string; object: SiteObject }> = [];
  const removals: string[] = [];

  // Each article's own items (its membership, its topic entries, its withdrawal record): nothing shared between two
  // articles, so several are synced at once; the results are taken in the articles' order.
  const synced = await mapBounded(
    input.articles.filter((a): a is Article => a !== undefined),
    BYLINE_REQUESTS_IN_FLIGHT,
    async (article) => {
      const parsed = renderer.parseDraft(article.body, { deskNames, lang: article.lang });
      const { authors, topics } = storyBylines(parsed, article.author, renderer.buildSlug);
      const refs = topicRefsOf(authors, topics);
      const story = isLive(article) ? listingOf(article) : undefined;
      await noteWithdrawal(deps, article);
      const { previous } = await deps.topics.syncStory({
        articleId: article.id,
        version: article.version,
        story,
        refs,
      });
      return { refs, previous, live: story !== undefined };
    },
  );
  const touched = new Map<string, TopicRef>();
  const liveRefs = new Map<string, TopicRef>();
  for (const { refs, previous, live } of synced) {
    for (const r of previous) touched.set(topicRefId(r), r);
    if (!live) continue;
    for (const r of refs) {
      touched.set(topicRefId(r), r);
      liveRefs.set(topicRefId(r), r);
    }
  }

  let registryChanged = (await deps.topics.register([...liveRefs.values()])).length > 0;
  const newest = await mapBounded([...touched.values()], BYLINE_REQUESTS_IN_FLIGHT, async (ref) => ({
    ref,
    ...(await deps.topics.latest(ref.kind, ref.slug, BYLINE_INDEX_LIMITS.topicPage)),
  }));
  for (const { ref, name, items } of newest) {
    const pagePath = paths.page(ref.kind, ref.slug);
    const feedPath = paths.feed(ref.kind, ref.slug);
    if (items.length === 0) {
      // Nobody's page lists nothing: the page and feed go (a legal take-down of an author's only story included).
      removals.push(pagePath, feedPath);
      await deps.topics.unregister(ref.kind, ref.slug);
      registryChanged = true;
      continue;
    }
    puts.push(...topicDocuments(deps, renderer, ref, { name, items }));
  }
  if (registryChanged) {
    const topics = await deps.topics.listTopics(BYLINE_INDEX_LIMITS.topicsSitemap);
    puts.push({
      path: paths.sitemap,
      object: xmlObject(paths.sitemap, renderer.renderTopicsSitemap({ site, topics })),
    });
  }

  puts.push(...(await renderPartnerFeeds(deps, renderer, input)));

  // A dozen whole-object PUTs at once rather than in a row (as the index rebuild writes its own).
  await mapBounded(puts, BYLINE_WRITES_IN_FLIGHT, ({ object }) => deps.site.put(object));
  for (const path of removals) await deps.site.delete(siteObjectKey(path));
  await invalidateSitePaths(deps, [...puts.map((p) => p.path), ...removals]);
  return puts.map((p) => p.object.key);
};

/** An author's or tag's page and feed, from its newest stories (`topics.latest`). */
export const topicDocuments = (
  deps: Pick<AppDeps, 'siteConfig' | 'desks'>,
  renderer: PageRenderer,
  ref: TopicRef,
  latest: { name?: string; items: PublishedStory[] },
): Array<{ path: string; object: SiteObject }> => {
  const site = deps.siteConfig;
  const paths = renderer.TOPIC_PATHS;
  const { items } = latest;
  const pagePath = paths.page(ref.kind, ref.slug);
  const feedPath = paths.feed(ref.kind, ref.slug);
  const title = latest.name ?? ref.name;
  const feed = renderer.renderFeed({
    site,
    title: `${title} — ${site.name}`,
    path: feedPath,
    pagePath,
    lang: site.lang,
    items,
  });
  return [
    {
      path: pagePath,
      object: htmlObject(
        pagePath,
        renderer.renderTopicPage({ site, kind: ref.kind, slug: ref.slug, name: title, items, desks: deps.desks }),
      ),
    },
    { path: feedPath, object: xmlObject(feedPath, feed, feedContentType(feed)) },
  ];
};

/**
 * Partners learn of an editorial take-down (ninjs `canceled`); a legal one, or the story live again, removes the
 * record, so a legal take-down leaves not even the URL in the partner file.
 */
const noteWithdrawal = async (deps: AppDeps, a: Article): Promise<void> => {
  if (a.status === 'unpublished' && a.unpublishKind !== 'legal' && a.path && a.firstPublishedAt) {
    await deps.topics.recordWithdrawal({
      articleId: a.id,
      uri: `${deps.siteConfig.baseUrl}${a.path}`,
      version: String(2 + a.corrections.length),
      at: a.unpublishedAt ?? a.updatedAt,
      firstPublishedAt: a.firstPublishedAt,
      lang: a.lang,
    });
  } else if (a.status === 'published' || a.unpublishKind === 'legal') {
    await deps.topics.forgetWithdrawal(a.id);
  }
};

/** Dzen per changed desk and the ninjs file: full text, so each listed story is read and typeset (≤ 30 + 30). */
export const renderPartnerFeeds = async (
  deps: AppDeps,
  renderer: PageRenderer,
  input: BylineRebuildInput,
): Promise<Array<{ path: string; object: SiteObject }>> => {
  const site = deps.siteConfig;
  // Every story either feed lists, read in one batch: the requests stay the same however many there are (≤ 30 + 30).
  const listedByDesk = [...new Set(input.desks)].map(
    (deskId) => [deskId, (input.latestByDesk.get(deskId)?.items ?? []).slice(0, BYLINE_INDEX_LIMITS.dzen)] as const,
  );
  const latest = [...input.latestByDesk.values()]
    .flatMap((l) => l.items)
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .slice(0, BYLINE_INDEX_LIMITS.ninjs);
  const ids = [...new Set([...listedByDesk.flatMap(([, items]) => items), ...latest].map((i) => i.id))];
  const articles = ids.length > 0 ? await deps.articles.getMany(ids) : new Map<string, Article>();
  const cache = new Map<string, DistributedStory | undefined>();
  const distributed = (id: string): DistributedStory | undefined => {
    if (!cache.has(id)) cache.set(id, distributedOf(deps, renderer, articles.get(id)));
    return cache.get(id);
  };
  const present = (stories: (DistributedStory | undefined)[]): DistributedStory[] =>
    stories.filter((s): s is DistributedStory => s !== undefined);
  const out: Array<{ path: string; object: SiteObject }> = [];
  for (const [deskId, listed] of listedByDesk) {
    const desk = deps.desks.get(deskId);
    if (!desk) continue;
    const items = present(listed.map((i) => distributed(i.id)));
    const path = renderer.TOPIC_PATHS.dzen(deskId);
    out.push({ path, object: xmlObject(path, renderer.renderDzenFeed({ site, desk, items }), CONTENT_TYPES.rss) });
  }
  const items = present(latest.map((i) => distributed(i.id)));
  const live = new Set(items.map((i) => i.id));
  const canceled = (await deps.topics.withdrawals(BYLINE_INDEX_LIMITS.ninjs)).filter((w) => !live.has(w.articleId));
  const path = renderer.TOPIC_PATHS.ninjs;
  out.push({
    path,
    object: {
      ...xmlObject(path, renderer.renderNinjsFeed({ site, items, canceled })),
      contentType: JSON_CONTENT_TYPE,
    },
  });
  return out;
};

const distributedOf = (deps: AppDeps, renderer: PageRenderer, a: Article | undefined): DistributedStory | undefined => {
  // A list may trail a take-down by a moment: only what is live now goes out.
  if (!a || !isLive(a)) return undefined;
  const desk = requireDesk(deps.desks, a.desk);
  const draft = renderer.parseDraft(a.body, { deskNames: [...deps.desks.values()].map((d) => d.name), lang: a.lang });
  const { authors, topics } = storyBylines(draft, a.author, renderer.buildSlug);
  const story = renderer.typesetStory({
    draft,
    site: deps.siteConfig,
    desk,
    path: a.path,
    publishedAt: a.firstPublishedAt,
    corrections: a.corrections,
    author: { name: a.author.name },
  });
  return {
    ...listingOf(a),
    corrections: a.corrections.length,
    bodyHtml: story.bodyHtml,
    authors,
    topics,
  };
};
