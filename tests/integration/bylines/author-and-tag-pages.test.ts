import { beforeAll, describe, expect, it } from 'vitest';
import type { PublishedStory } from '../../../functions/ports/published-index.js';
import type { TopicIndex } from '../../../functions/ports/topic-index.js';
import { siteObjectKey } from '../../../functions/ports/site-store.js';
import {
  SITE_BASE_URL,
  articleOf,
  startTestNewsroom,
  type TestNewsroom,
  type UserSub,
} from '../support/test-newsroom.js';

/** Author and tag pages, their feeds, the topics sitemap and the partner feeds, on DynamoDB Local and s3rver. */

let n: TestNewsroom;
/** Every `latest` query the rebuild makes: which topic, with which bound, and how many stories came back. */
const latestReads: Array<{ topic: string; limit: number; returned: number }> = [];
beforeAll(async () => {
  n = await startTestNewsroom();
  const inner: TopicIndex = n.app.topics;
  n.app.topics = {
    ...inner,
    latest: async (kind, slug, limit) => {
      const out = await inner.latest(kind, slug, limit);
      latestReads.push({ topic: `${kind}/${slug}`, limit, returned: out.items.length });
      return out;
    },
  };
});

const act = (id: string, action: string, as: UserSub, body: Record<string, unknown>) =>
  n.call('POST', `/api/articles/${id}/${action}`, { as, body });

const publish = async (draft: string): Promise<{ id: string; version: number; path: string }> => {
  const created = await n.call('POST', '/api/articles', {
    as: 'demo-reporter',
    body: { desk: 'politics', body: draft },
  });
  expect(created.status).toBe(201);
  const id = articleOf(created).id;
  expect((await act(id, 'submit', 'demo-reporter', { version: 1 })).status).toBe(200);
  expect((await act(id, 'approve', 'demo-editor', { version: 2 })).status).toBe(200);
  expect((await act(id, 'publish', 'demo-editor', { version: 3 })).status).toBe(202);
  await n.tick();
  const live = articleOf(await n.call('GET', `/api/articles/${id}`, { as: 'demo-editor' }));
  expect(live.status).toBe('published');
  return { id, version: live.version, path: live.url!.replace(SITE_BASE_URL, '') };
};

const read = async (path: string): Promise<string | undefined> => {
  const object = await n.app.site.get(siteObjectKey(path));
  return object ? Buffer.from(object.body).toString('utf8') : undefined;
};

const TWO_AUTHORS = (title: string) =>
  `---\nauthors: [Анна Смирнова, Дмитрий Орлов]\ntags: [ОТГ, Юстиция]\n---\n# ${title}\n\nПодзаголовок материала.\n\nМинистры встретились в четверг.\n`;

describe('author and tag pages', () => {
  it('a story with two authors and two tags is on each one’s page and feed, and in the topics sitemap', async () => {
    const story = await publish(TWO_AUTHORS('Министры юстиции встретились в Баку'));
    const page = await read(story.path);
    expect(page).toContain('<a href="/authors/anna-smirnova/" rel="author">Анна Смирнова</a>');
    expect(page).toContain('<a href="/tags/otg/" rel="tag">ОТГ</a>');

    for (const path of ['/authors/anna-smirnova/', '/authors/dmitriy-orlov/', '/tags/otg/', '/tags/yustitsiya/']) {
      const html = await read(path);
      expect(html, path).toContain(`href="${story.path}"`);
      // Typography puts no-break spaces after short words: look for a long one.
      expect(html, path).toContain('Министры юстиции встретились');
      const feed = await read(`${path}feed.xml`);
      expect(feed, path).toContain(`<link href="${SITE_BASE_URL}${story.path}"/>`);
    }
    const sitemap = await read('/sitemaps/topics.xml');
    expect(sitemap).toContain(`<loc>${SITE_BASE_URL}/authors/dmitriy-orlov/</loc>`);
    expect(sitemap).toContain(`<loc>${SITE_BASE_URL}/tags/yustitsiya/</loc>`);
    expect(await read('/sitemap.xml')).toContain(`<loc>${SITE_BASE_URL}/sitemaps/topics.xml</loc>`);

    const dzen = await read('/politics/dzen.xml');
    expect(dzen).toContain('<content:encoded><![CDATA[');
    expect(dzen).toContain('Министры встретились');
    const ninjs = JSON.parse((await read('/partners/ninjs.json')) ?? '{}') as { items: Array<Record<string, unknown>> };
    expect(ninjs.items.map((i) => i.uri)).toContain(`${SITE_BASE_URL}${story.path}`);
  });

  it('a later publish reads and writes only its own topics, each with one bounded query', async () => {
    // 35 older stories on the tag, written straight to the topic index: more than a page holds.
    for (let i = 0; i < 35; i += 1) {
      const old: PublishedStory = {
        id: `old-${String(i).padStart(2, '0')}`,
        title: `Старый материал ${i}`,
        path: `/politics/2026/10/${String(1 + (i % 28)).padStart(2, '0')}/old-${i}/`,
        desk: 'politics',
        lang: 'ru',
        publishedAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T08:${String(i).padStart(2, '0')}:00.000Z`,
      };
      await n.app.topics.syncStory({
        articleId: old.id,
        version: 1,
        story: old,
        refs: [{ kind: 'tag', slug: 'arkhiv', name: 'Архив' }],
      });
    }
    latestReads.length = 0;
    const writesBefore = n.site.writes.length;

    const story = await publish(`---\ntags: [Архив]\n---\n# Новый материал в архивной теме\n\nТекст.\n`);

    expect(latestReads.map((r) => r.topic).sort()).toEqual(['author/anna-smirnova', 'tag/arkhiv']);
    for (const r of latestReads) {
      expect(r.limit).toBe(30);
      expect(r.returned).toBeLessThanOrEqual(30);
    }
    const tagPage = (await read('/tags/arkhiv/')) ?? '';
    expect(tagPage).toContain(story.path);
    expect(tagPage.match(/<h2>/g)).toHaveLength(30); // one heading per listed story
    const keys = n.site.writes.slice(writesBefore).map((w) => w.key);
    const topicKeys = keys.filter((k) => k.startsWith('authors/') || k.startsWith('tags/'));
    expect(new Set(topicKeys)).toEqual(
      new Set([
        'authors/anna-smirnova/index.html',
        'authors/anna-smirnova/feed.xml',
        'tags/arkhiv/index.html',
        'tags/arkhiv/feed.xml',
      ]),
    );
  });

  it('a correction that drops a tag takes the story off that tag’s page', async () => {
    const story = await publish(TWO_AUTHORS('Соглашение о правовой помощи'));
    const corrected = `---\nauthors: [Анна Смирнова, Дмитрий Орлов]\ntags: [ОТГ]\n---\n# Соглашение о правовой помощи\n\nПодзаголовок материала.\n\nМинистры встретились в пятницу.\n`;
    const reply = await act(story.id, 'correct', 'demo-editor', {
      version: story.version,
      body: corrected,
      note: 'День',
    });
    expect(reply.status).toBe(200);
    await n.tick();
    expect(await read('/tags/otg/')).toContain(story.path);
    expect(await read('/tags/yustitsiya/')).not.toContain(story.path);
  });

  it('an editorial take-down is canceled in the partner file; published again, it is usable once more', async () => {
    const story = await publish(`---\ntags: [Проверка]\n---\n# Материал снят редакцией\n\nТекст.\n`);
    const uri = `${SITE_BASE_URL}${story.path}`;
    const down = await act(story.id, 'unpublish', 'demo-editor', {
      version: story.version,
      reason: 'Ошибка',
      kind: 'editorial',
    });
    expect(down.status).toBe(200);
    await n.tick();
    const ninjs = () =>
      read('/partners/ninjs.json').then(
        (t) => (JSON.parse(t ?? '{}') as { items: Array<Record<string, unknown>> }).items,
      );
    expect((await ninjs()).filter((i) => i.uri === uri)).toEqual([
      expect.objectContaining({ pubstatus: 'canceled', version: '2' }),
    ]);
    expect(await read('/tags/proverka/')).toBeUndefined();

    const restored = articleOf(await act(story.id, 'restore', 'demo-editor', { version: articleOf(down).version }));
    expect((await act(story.id, 'submit', 'demo-reporter', { version: restored.version })).status).toBe(200);
    expect((await act(story.id, 'approve', 'demo-editor', { version: restored.version + 1 })).status).toBe(200);
    expect((await act(story.id, 'publish', 'demo-editor', { version: restored.version + 2 })).status).toBe(202);
    await n.tick();
    expect((await ninjs()).filter((i) => i.uri === uri)).toEqual([expect.objectContaining({ pubstatus: 'usable' })]);
    expect(await read('/tags/proverka/')).toContain(story.path);
  });

  it('a legal take-down leaves no trace of the title on author and tag pages, feeds or partner files', async () => {
    const title = 'Секретный материал под судебным запретом';
    const story = await publish(
      `---\nauthors: [Галина Петрова]\ntags: [Суд]\n---\n# ${title}\n\nПодзаголовок.\n\nТекст материала.\n`,
    );
    // Typography changes spaces in the title: its distinctive words and its URL are the traces to look for.
    const traces = ['Секретный', 'судебным', 'запретом', 'sekretniy-material'];
    expect(await read('/authors/galina-petrova/')).toContain('Секретный');
    expect(await read('/partners/ninjs.json')).toContain('Секретный');

    const down = await act(story.id, 'unpublish', 'demo-editor', {
      version: story.version,
      reason: 'Суд',
      kind: 'legal',
    });
    expect(down.status).toBe(200);
    await n.tick();

    // The only story of this author and tag: their pages and feeds go, and the sitemap no longer lists them.
    for (const path of [
      '/authors/galina-petrova/',
      '/authors/galina-petrova/feed.xml',
      '/tags/sud/',
      '/tags/sud/feed.xml',
    ]) {
      expect(await read(path), path).toBeUndefined();
    }
    expect(await read('/sitemaps/topics.xml')).not.toContain('galina-petrova');
    for (const path of ['/politics/dzen.xml', '/partners/ninjs.json', '/authors/anna-smirnova/', '/tags/otg/']) {
      const body = (await read(path)) ?? '';
      for (const trace of traces) expect(body, `${path}: ${trace}`).not.toContain(trace);
    }
    expect((await n.app.topics.latest('author', 'galina-petrova', 30)).items).toEqual([]);
  });
});
