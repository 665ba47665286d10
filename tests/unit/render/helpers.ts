import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { ArticlePageInput, DeskInfo, ParsedDraft, SiteConfig } from '../../../functions/domain/render/types.js';

/** Repository root (vitest runs from it; the path is resolved from this file so it works from anywhere). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const readSeed = (): string =>
  readFileSync(join(REPO_ROOT, 'content', 'drafts', 'otg-justice-ministers-baku.txt'), 'utf8');

export const readFixture = (name: string): string =>
  readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'drafts', name), 'utf8');

export const SITE: SiteConfig = {
  name: 'Newsroom',
  baseUrl: 'https://news.example.org',
  lang: 'ru',
  description: 'Новости редакции',
};

export const POLITICS: DeskInfo = { id: 'politics', name: 'Отдел политики', lang: 'ru', timeZone: 'Europe/Moscow' };
export const WORLD: DeskInfo = { id: 'world', name: 'World desk', lang: 'en', timeZone: 'Europe/London' };
export const DESK_NAMES = [POLITICS.name, WORLD.name];

export const NBSP = '\u00A0';

export const pageInput = (draft: ParsedDraft, overrides: Partial<ArticlePageInput> = {}): ArticlePageInput => ({
  draft,
  site: SITE,
  desk: POLITICS,
  path: '/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/',
  publishedAt: '2026-11-20T09:30:00Z',
  corrections: [],
  author: { name: 'Мария Репортёрова' },
  ...overrides,
});

/** Parse HTML with a real HTML parser (htmlparser2, the one sanitize-html uses). */
export const parseHtml = (html: string) => parseDocument(html);
export { DomUtils };

type Doc = ReturnType<typeof parseDocument>;
export type HtmlElement = ReturnType<typeof DomUtils.getElementsByTagName>[number];

export const elements = (doc: Doc | HtmlElement, tag: string): HtmlElement[] =>
  DomUtils.getElementsByTagName(tag, doc, true);

export const textOf = (node: HtmlElement): string => DomUtils.textContent(node);

export const byClass = (doc: Doc | HtmlElement, className: string): HtmlElement[] =>
  DomUtils.findAll((el) => (el.attribs.class ?? '').split(/\s+/).includes(className), DomUtils.getChildren(doc));
