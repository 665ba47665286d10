import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  composeImportedDraft,
  importedArticleId,
  ImportItemError,
} from '../../../functions/domain/import/import-item.js';
import { htmlToMarkdown } from '../../../functions/domain/import/html-to-markdown.js';
import { importItemOfMarkdown } from '../../../functions/domain/import/markdown-source.js';
import { readWxr, type WxrEntry } from '../../../functions/domain/import/wxr-source.js';
import { parseDraft } from '../../../functions/domain/render/parse-draft.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');

const failureOf = (run: () => unknown): ImportItemError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportItemError) return error;
    throw error;
  }
  throw new Error('expected an ImportItemError');
};

describe('Markdown front matter → import item', () => {
  it('maps title, date with offset, desk, author, tags, slug and standfirst', () => {
    const item = importItemOfMarkdown('2024/budget-vote.md', fixture('folder/2024/budget-vote.md'));
    expect(item).toEqual({
      sourceKey: 'md:2024/budget-vote.md',
      source: '2024/budget-vote.md',
      desk: 'politics',
      title: 'Парламент принял бюджет',
      date: '2024-03-01T23:30:00+03:00',
      slug: 'parlament-prinyal-byudzhet',
      author: 'Анна Смирнова',
      tags: ['бюджет', 'парламент'],
      standfirst: 'Депутаты проголосовали в третьем чтении.',
      bodyMarkdown: expect.stringContaining('Государственная дума приняла бюджет') as unknown,
    });
  });

  it('reads comma-separated tags and leaves the slug to the title when none is given', () => {
    const item = importItemOfMarkdown('2024/world-news.md', fixture('folder/2024/world-news.md'));
    expect(item.tags).toEqual(['diplomacy', 'talks']);
    expect(item.slug).toBeUndefined();
  });

  it('refuses a date without an offset, naming the file and the field', () => {
    const error = failureOf(() => importItemOfMarkdown('2024/no-offset.md', fixture('folder/2024/no-offset.md')));
    expect(error.source).toBe('2024/no-offset.md');
    expect(error.message).toContain('"date"');
  });

  it('refuses a file without front matter, a slug with capitals and YAML aliases', () => {
    expect(failureOf(() => importItemOfMarkdown('a.md', 'Just text.')).message).toContain('no front matter');
    const slugged = '---\ntitle: T\ndate: 2024-01-01T00:00:00Z\ndesk: world\nslug: Bad Slug\n---\n\nText.\n';
    expect(failureOf(() => importItemOfMarkdown('b.md', slugged)).message).toContain('"slug"');
    const aliased = '---\ntitle: &a T\ndate: 2024-01-01T00:00:00Z\ndesk: *a\n---\n\nText.\n';
    expect(failureOf(() => importItemOfMarkdown('c.md', aliased)).message).toContain('not valid YAML');
  });

  it('composes a draft the draft parser reads back with the same title, standfirst, desk and tags', () => {
    const item = importItemOfMarkdown('2024/budget-vote.md', fixture('folder/2024/budget-vote.md'));
    const draft = parseDraft(composeImportedDraft(item), { deskNames: ['Отдел политики'] });
    expect(draft.title).toBe(item.title);
    expect(draft.deck).toBe(item.standfirst);
    expect(draft.desk).toBe('politics');
    expect(draft.tags).toEqual(item.tags);
    expect(draft.byline).toBe('Анна Смирнова');
  });
});

describe('stable ids', () => {
  it('gives one source item one article id, and different items different ids', () => {
    expect(importedArticleId('md:2024/a.md')).toBe(importedArticleId('md:2024/a.md'));
    expect(importedArticleId('md:2024/a.md')).not.toBe(importedArticleId('md:2024/b.md'));
    expect(importedArticleId('wxr:https://old.example.org/?p=101')).toMatch(/^imp-[0-9a-f]{32}$/);
  });
});

describe('WordPress export (WXR) → import items', () => {
  const entries = readWxr(fixture('export.wxr.xml'), {
    fileName: 'export.wxr.xml',
    deskIds: ['politics', 'world'],
    defaultDesk: 'politics',
  });
  const items = entries.flatMap((e: WxrEntry) => (e.kind === 'item' ? [e.item] : []));

  it('maps published posts only: pages and drafts are skipped, a post without a title fails by item', () => {
    expect(entries.map((e) => e.kind)).toEqual(['item', 'skipped', 'skipped', 'item', 'failed']);
    const failed = entries[4];
    expect(failed?.kind === 'failed' && failed.error.source).toContain('export.wxr.xml item 5');
    expect(failed?.kind === 'failed' && failed.error.message).toContain('no title');
  });

  it('keeps the guid as the source key, the GMT date, the slug, author, tags and excerpt; the desk from a category', () => {
    expect(items[0]).toMatchObject({
      sourceKey: 'wxr:https://old.example.org/?p=101',
      desk: 'world',
      title: 'Budget & taxes: what changes',
      date: '2024-03-01T06:30:00Z',
      slug: 'budget-taxes',
      author: 'Jane Doe',
      tags: ['budget', 'taxes'],
      standfirst: 'Parliament voted the budget.',
    });
  });

  it('falls back to the default desk, and turns a percent-encoded Cyrillic post name into a transliterated slug', () => {
    expect(items[1]).toMatchObject({ desk: 'politics', slug: 'vybory', date: '2024-03-02T21:30:00Z' });
  });

  it('converts the post HTML to Markdown: structure kept, scripts dropped, Markdown characters escaped', () => {
    expect(items[0]?.bodyMarkdown).toBe(
      [
        'The **budget** passed on [Friday](https://example.org/vote).',
        '## What it means',
        '- Taxes stay\n- Spending \\*rises\\*',
        'Second paragraph without tags.',
        'Third paragraph.',
      ].join('\n\n'),
    );
    expect(items[1]?.bodyMarkdown).toBe(
      'Избирательные участки открылись в восемь утра.\n\nЯвка к полудню составила тридцать процентов.',
    );
  });

  it('fails posts that no category assigns to a desk when no default desk is given', () => {
    const strict = readWxr(fixture('export.wxr.xml'), { fileName: 'x.xml', deskIds: ['politics', 'world'] });
    const failure = strict[3];
    expect(failure?.kind === 'failed' && failure.error.message).toContain('no category names a desk');
  });

  it('refuses a DOCTYPE (no entity declarations are expanded) and a file that is not an export', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>';
    expect(failureOf(() => readWxr(bomb, { fileName: 'bomb.xml', deskIds: ['world'] })).message).toContain('DOCTYPE');
    expect(failureOf(() => readWxr('<html></html>', { fileName: 'page.xml', deskIds: ['world'] })).message).toContain(
      'not a WordPress export',
    );
  });
});

describe('htmlToMarkdown', () => {
  it('keeps links only with safe schemes, quotes and ordered lists', () => {
    expect(htmlToMarkdown('<p><a href="javascript:alert(1)">x</a> and <a href="/a">y</a></p>')).toBe('x and [y](/a)');
    expect(htmlToMarkdown('<blockquote><p>Quoted</p></blockquote><ol><li>one</li><li>two</li></ol>')).toBe(
      '> Quoted\n\n1. one\n2. two',
    );
  });

  it('escapes what would start a heading or list at the start of a paragraph', () => {
    expect(htmlToMarkdown('<p># not a heading</p><p>1. not a list</p>')).toBe('\\# not a heading\n\n1\\. not a list');
  });
});
