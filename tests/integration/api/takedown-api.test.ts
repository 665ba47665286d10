import { beforeAll, describe, expect, it } from 'vitest';
import {
  SITE_BASE_URL,
  articleOf,
  errorOf,
  historyOf,
  rawHistoryOf,
  startTestNewsroom,
  type TestNewsroom,
  type UserSub,
} from '../support/test-newsroom.js';

/** Editorial and legal take-downs and restore, over the API on the emulators, read back from the site bucket. */

let n: TestNewsroom;
beforeAll(async () => {
  n = await startTestNewsroom();
});

const act = (id: string, action: string, as: UserSub, body: Record<string, unknown>) =>
  n.call('POST', `/api/articles/${id}/${action}`, { as, body });

/** Creates, submits, approves and publishes a story; returns its id, version and site path. */
const publishStory = async (title: string): Promise<{ id: string; version: number; path: string }> => {
  const draft = `# ${title}\n\nКороткий подзаголовок.\n\nМинистры встретились в четверг.\n`;
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
  expect(live.url).toBeDefined();
  return { id, version: live.version, path: live.url!.replace(SITE_BASE_URL, '') };
};

/** Every object the site holds now, by key (each key ever written, read back from S3). */
const publicDocuments = async (): Promise<Map<string, string>> => {
  const docs = new Map<string, string>();
  for (const key of new Set(n.site.writes.map((w) => w.key))) {
    const object = await n.app.site.get(key);
    if (object) docs.set(key, Buffer.from(object.body).toString('utf8'));
  }
  return docs;
};
const keysMentioning = (docs: Map<string, string>, needle: string): string[] =>
  [...docs]
    .filter(([, body]) => body.includes(needle))
    .map(([key]) => key)
    .sort();

describe('unpublish', () => {
  it('needs a kind: 400 without one or with an unknown one', async () => {
    const story = await publishStory('Проверка обязательного основания');

    const without = await act(story.id, 'unpublish', 'demo-editor', { version: story.version, reason: 'Ошибка' });
    const unknown = await act(story.id, 'unpublish', 'demo-editor', {
      version: story.version,
      reason: 'Ошибка',
      kind: 'secret',
    });

    expect(without.status).toBe(400);
    expect(errorOf(without).code).toBe('invalid_input');
    expect(errorOf(without).message).toMatch(/kind/);
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).code).toBe('invalid_input');
  });

  it('editorial: the 410 notice names the story and gives the reason', async () => {
    const story = await publishStory('Редакция уточняет данные о встрече');

    const down = await act(story.id, 'unpublish', 'demo-editor', {
      version: story.version,
      reason: 'Данные не подтвердились',
      kind: 'editorial',
    });

    expect(articleOf(down)).toMatchObject({ status: 'unpublished', unpublishKind: 'editorial' });
    const notice = (await publicDocuments()).get(`${story.path.slice(1)}index.html`)!;
    expect(notice).toMatch(/Редакция уточняет данные о\sвстрече/);
    expect(notice).toMatch(/Данные не\sподтвердились/);
    const history = await n.call('GET', `/api/articles/${story.id}/history`, { as: 'demo-editor' });
    // `unpublishKind` is the event's own field, outside the contract's open event: read raw.
    expect(rawHistoryOf(history).at(-1)).toMatchObject({ type: 'unpublished', unpublishKind: 'editorial' });
  });

  it('legal: the notice and every public document carry no trace of the title, the slug or the URL', async () => {
    const title = 'Губернатор Энской области купил замок';
    const story = await publishStory(title);
    const slug = story.path.split('/').at(-2)!;
    const before = await publicDocuments();
    // The story was everywhere a live story is: front, desk and day pages, feeds, sitemaps.
    expect(keysMentioning(before, slug)).toEqual(
      expect.arrayContaining([
        'index.html',
        'politics/index.html',
        'feed.xml',
        'politics/feed.xml',
        'news-sitemap.xml',
      ]),
    );
    expect(keysMentioning(before, slug).some((k) => /^politics\/\d{4}\/\d{2}\/\d{2}\/index\.html$/.test(k))).toBe(true);
    expect(keysMentioning(before, slug).some((k) => k.startsWith('sitemaps/') || /sitemap-/.test(k))).toBe(true);

    const down = await act(story.id, 'unpublish', 'demo-editor', {
      version: story.version,
      reason: 'Решение суда по иску губернатора',
      kind: 'legal',
    });

    expect(articleOf(down)).toMatchObject({ status: 'unpublished', unpublishKind: 'legal' });
    const after = await publicDocuments();
    const notice = after.get(`${story.path.slice(1)}index.html`)!;
    expect((await n.app.site.get(`${story.path.slice(1)}index.html`))!.metadata['newsroom-status']).toBe('410');
    expect(notice).toContain('Материал недоступен по юридическим основаниям.');
    for (const trace of ['Губернатор', 'Энской', 'замок', 'иску', slug, story.path]) {
      expect({ trace, keys: keysMentioning(after, trace) }).toEqual({ trace, keys: [] });
    }
    const history = await n.call('GET', `/api/articles/${story.id}/history`, { as: 'demo-editor' });
    expect(rawHistoryOf(history).at(-1)).toMatchObject({ type: 'unpublished', unpublishKind: 'legal' });
  });
});

describe('restore', () => {
  it('puts an unpublished story back to draft; published again, it is back at its old URL', async () => {
    const story = await publishStory('История возвращается на тот же адрес');
    const down = await act(story.id, 'unpublish', 'demo-editor', {
      version: story.version,
      reason: 'Проверка',
      kind: 'legal',
    });

    const downVersion = articleOf(down).version;
    const byReporter = await act(story.id, 'restore', 'demo-reporter', { version: downVersion });
    const restored = await act(story.id, 'restore', 'demo-editor', { version: downVersion });

    expect(byReporter.status).toBe(403);
    expect(restored.status).toBe(200);
    expect(articleOf(restored)).toMatchObject({ status: 'draft' });
    expect(articleOf(restored).unpublishKind).toBeUndefined();
    const v = articleOf(restored).version;
    expect((await act(story.id, 'submit', 'demo-reporter', { version: v })).status).toBe(200);
    expect((await act(story.id, 'approve', 'demo-editor-2', { version: v + 1 })).status).toBe(200);
    n.clock.advance(3 * 86_400_000);
    expect((await act(story.id, 'publish', 'demo-editor-2', { version: v + 2 })).status).toBe(202);
    await n.tick();
    const again = await n.call('GET', `/api/articles/${story.id}`, { as: 'demo-editor' });
    expect(articleOf(again)).toMatchObject({ status: 'published', url: `${SITE_BASE_URL}${story.path}` });
    const page = await n.app.site.get(`${story.path.slice(1)}index.html`);
    expect(page!.metadata['newsroom-status']).toBeUndefined();
    expect(
      Buffer.from(page!.body)
        .toString('utf8')
        .replace(/\u00a0/g, ' '),
    ).toContain('<h1>История возвращается на тот же адрес</h1>');
    const history = await n.call('GET', `/api/articles/${story.id}/history`, { as: 'demo-editor' });
    expect(historyOf(history).map((e) => e.type)).toContain('restored');
  });
});
