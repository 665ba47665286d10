import type { Byline, Topic } from '../bylines.js';
import { escapeHtml } from './escape.js';
import { absoluteUrl } from './site-paths.js';
import { TOPIC_PATHS } from './topic-paths.js';
import { typesetText } from './typeset.js';
import type { Lang } from './types.js';

export const BYLINE_LABELS = {
  ru: {
    authors: 'Авторы',
    tags: 'Теги',
    author: 'Автор',
    tag: 'Тег',
    latest: 'Последние материалы',
    olderInArchive: 'Более ранние материалы — в архиве разделов.',
  },
  en: {
    authors: 'Authors',
    tags: 'Tags',
    author: 'Author',
    tag: 'Tag',
    latest: 'Latest stories',
    olderInArchive: 'Older stories are in the desks’ archives.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** The byline: each author's name linking to their page, joined as the language writes a list. */
export const renderBylineLine = (authors: readonly Byline[], lang: Lang): string => {
  const links = authors.map(
    (a) =>
      `<a href="${escapeHtml(TOPIC_PATHS.page('author', a.slug))}" rel="author">${escapeHtml(typesetText(a.name, lang))}</a>`,
  );
  const joined =
    links.length <= 1
      ? links.join('')
      : `${links.slice(0, -1).join(', ')} ${lang === 'ru' ? 'и' : 'and'} ${links.at(-1) ?? ''}`;
  return `<p class="meta byline">${joined}</p>`;
};

/** The story's tags as links to their pages (a labelled list, after the text). */
export const renderTagLinks = (topics: readonly Topic[], lang: Lang): string =>
  topics.length
    ? `<nav class="tags" aria-label="${escapeHtml(BYLINE_LABELS[lang].tags)}"><ul>${topics
        .map(
          (t) =>
            `<li><a href="${escapeHtml(TOPIC_PATHS.page('tag', t.slug))}" rel="tag">${escapeHtml(typesetText(t.name, lang))}</a></li>`,
        )
        .join('')}</ul></nav>`
    : '';

/** JSON-LD `author`: one schema.org Person per author, each with their page's URL. */
export const personsOf = (authors: readonly Byline[], baseUrl: string): Array<Record<string, string>> =>
  authors.map((a) => ({
    '@type': 'Person',
    name: a.name,
    url: absoluteUrl(baseUrl, TOPIC_PATHS.page('author', a.slug)),
  }));
