import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../functions/http/request.js';
import {
  SITE_BASE_URL,
  articleOf,
  errorOf,
  historyOf,
  listOf,
  rawItemsOf,
  revisionOf,
  startTestNewsroom,
  type TestNewsroom,
  type UserSub,
} from '../support/test-newsroom.js';

const SEED = readFileSync('content/drafts/otg-justice-ministers-baku.txt', 'utf8');
const ENGLISH = '# Ministers meet in Baku\n\nA short standfirst.\n\nThe ministers met on Thursday.\n';

let n: TestNewsroom;
beforeAll(async () => {
  n = await startTestNewsroom();
});

const create = async (body = SEED, as: 'demo-reporter' | 'demo-reporter-2' | 'demo-chief' = 'demo-reporter') => {
  const res = await n.call('POST', '/api/articles', { as, body: { desk: 'politics', body } });
  expect(res.status).toBe(201);
  return articleOf(res);
};

const act = (id: string, action: string, as: UserSub, body: Record<string, unknown>) =>
  n.call('POST', `/api/articles/${id}/${action}`, { as, body });

describe('authentication and input errors', () => {
  it('answers 401 without a token and with a forged one', async () => {
    const none = await n.call('GET', '/api/articles?mine=true');
    expect(none.status).toBe(401);
    expect(errorOf(none).code).toBe('unauthenticated');
    const forged = await n.call('GET', '/api/articles?mine=true', { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(forged.status).toBe(401);
  });

  it('answers 400 for malformed JSON, 415 for non-JSON, 413 for an oversized body, never a stack trace', async () => {
    const bad = await n.call('POST', '/api/articles', { as: 'demo-reporter', rawBody: '{"desk": "politics",' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('invalid_input');
    const xml = await n.call('POST', '/api/articles', {
      as: 'demo-reporter',
      rawBody: '<draft/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
    const huge = await n.call('POST', '/api/articles', {
      as: 'demo-reporter',
      body: { desk: 'politics', body: `# T\n\n${'я'.repeat(MAX_BODY_BYTES)}` },
    });
    expect(huge.status).toBe(413);
    expect(errorOf(huge).code).toBe('payload_too_large');
    for (const r of [bad, xml, huge]) expect(r.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a draft without a title, an unknown desk and unknown fields with 400', async () => {
    const untitled = await n.call('POST', '/api/articles', {
      as: 'demo-reporter',
      body: { desk: 'politics', body: 'просто текст' },
    });
    expect(untitled.status).toBe(400);
    const desk = await n.call('POST', '/api/articles', { as: 'demo-reporter', body: { desk: 'sport', body: ENGLISH } });
    expect(desk.status).toBe(400);
    expect(errorOf(desk).message).toMatch(/unknown desk/);
    const extra = await n.call('POST', '/api/articles', {
      as: 'demo-reporter',
      body: { desk: 'politics', body: ENGLISH, admin: true },
    });
    expect(extra.status).toBe(400);
  });

  it('answers 404 for unknown routes and 405 with Allow for a wrong method', async () => {
    expect((await n.call('GET', '/api/nothing', { as: 'demo-reporter' })).status).toBe(404);
    const wrong = await n.call('DELETE', '/api/articles', { as: 'demo-reporter' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toContain('POST');
  });
});

describe('the lifecycle over the API', () => {
  it('creates a draft from the seed with its title, slug and the three repairs', async () => {
    const a = await create();
    expect(a).toMatchObject({ desk: 'politics', status: 'draft', version: 1, revision: 1, lang: 'ru' });
    expect(a.title).toBe('Страны ОТГ усиливают правовое сотрудничество');
    expect(a.slug).toBe('strany-otg-usilivayut-pravovoe-sotrudnichestvo');
    expect(a.fixes).toHaveLength(3);
    expect(a.author).toEqual({ sub: 'demo-reporter', name: 'Анна Смирнова' });
  });

  it('hides a draft from other reporters and the desk (404), shows it to the desk once submitted', async () => {
    const a = await create(ENGLISH);
    expect((await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-reporter-2' })).status).toBe(404);
    expect((await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-editor' })).status).toBe(404);
    const submitted = await act(a.id, 'submit', 'demo-reporter', { version: 1 });
    expect(submitted.status).toBe(200);
    expect((await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-editor' })).status).toBe(200);
    expect((await n.call('GET', `/api/articles/${a.id}`, { as: 'other-desk-editor' })).status).toBe(404);
    expect((await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-reporter-2' })).status).toBe(404);
  });

  it('refuses a reporter approving (403), the author approving as an editor (403) and a stale version (409)', async () => {
    const a = await create(ENGLISH);
    await act(a.id, 'submit', 'demo-reporter', { version: 1 });
    const byReporter = await act(a.id, 'approve', 'demo-reporter', { version: 2 });
    expect(byReporter.status).toBe(403);
    const stale = await act(a.id, 'approve', 'demo-editor', { version: 1 });
    expect(stale.status).toBe(409);
    expect(errorOf(stale)).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });

    const own = await create(ENGLISH, 'demo-chief');
    await act(own.id, 'submit', 'demo-chief', { version: 1 });
    const selfApproval = await act(own.id, 'approve', 'demo-chief', { version: 2 });
    expect(selfApproval.status).toBe(403);
    expect(errorOf(selfApproval).message).toMatch(/four-eyes/);
  });

  it('answers 409 for a transition not allowed from the current state', async () => {
    const a = await create(ENGLISH);
    const res = await act(a.id, 'publish', 'demo-editor', { version: 1 });
    // The desk cannot even see a draft, so it is 404; the author cannot publish at all, 403.
    expect(res.status).toBe(404);
    await act(a.id, 'submit', 'demo-reporter', { version: 1 });
    const early = await act(a.id, 'publish', 'demo-editor', { version: 2 });
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('invalid_transition');
  });

  it('takes the seed from draft to a live page and back down to 410', async () => {
    const a = await create();
    expect(articleOf(await act(a.id, 'submit', 'demo-reporter', { version: 1 })).status).toBe('submitted');
    const queue = await n.call('GET', '/api/articles?desk=politics&status=submitted', { as: 'demo-editor' });
    expect(listOf(queue).items.map((i) => i.id)).toContain(a.id);
    // Queue entries are summaries: the text stays out of list pages (read raw: the contract's parse drops it).
    const entry = listOf(queue).items.find((i) => i.id === a.id);
    expect(entry).toMatchObject({ title: a.title, status: 'submitted', version: 2, author: a.author });
    const rawEntry = rawItemsOf(queue).find((i) => i.id === a.id);
    expect(rawEntry).toBeDefined();
    expect(rawEntry).not.toHaveProperty('body');
    expect(articleOf(await act(a.id, 'approve', 'demo-editor', { version: 2 })).status).toBe('approved');
    const writesBefore = n.site.writes.length;
    const accepted = await act(a.id, 'publish', 'demo-editor', { version: 3 });
    // Accepted: the publishing job writes the page; until then the story is not `published`.
    expect(accepted.status).toBe(202);
    expect(articleOf(accepted).status).toBe('scheduled');
    expect(articleOf(accepted).url).toBeUndefined();
    await n.tick();
    const published = articleOf(await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-editor' }));
    expect(published.status).toBe('published');
    const path = '/politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/';
    expect(published.url).toBe(`${SITE_BASE_URL}${path}`);

    const page = await n.app.site.get('politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/index.html');
    const html = Buffer.from(page!.body).toString('utf8');
    expect(html).toContain('<html lang="ru"');
    expect(html).toContain('расширения обмена опытом');
    expect(page!.contentType).toMatch(/^text\/html/);
    const front = Buffer.from((await n.app.site.get('index.html'))!.body).toString('utf8');
    expect(front).toContain(path);
    const keys = n.site.writes.slice(writesBefore).map((w) => w.key);
    expect(keys).toContain('politics/index.html');
    expect(keys).toContain('feed.xml');
    // The CDN is told site paths; the CloudFront adapter adds its cache keys (tests/unit/adapters/cloudfront-cdn).
    expect(n.invalidations.flat()).toEqual(expect.arrayContaining([path, '/', '/politics/', '/feed.xml']));

    const history = await n.call('GET', `/api/articles/${a.id}/history`, { as: 'demo-reporter' });
    expect(historyOf(history).map((e) => e.type)).toEqual([
      'created',
      'submitted',
      'approved',
      'scheduled',
      'published',
    ]);
    expect(historyOf(history)[2]).toMatchObject({
      actor: { sub: 'demo-editor' },
      from: 'submitted',
      to: 'approved',
      revision: 1,
    });

    const down = await act(a.id, 'unpublish', 'demo-editor', {
      version: published.version,
      kind: 'editorial',
      reason: 'Ошибка в фактах',
    });
    expect(articleOf(down).status).toBe('unpublished');
    const gone = await n.app.site.get('politics/2026/11/20/strany-otg-usilivayut-pravovoe-sotrudnichestvo/index.html');
    expect(gone!.metadata['newsroom-status']).toBe('410');
    const frontAfter = Buffer.from((await n.app.site.get('index.html'))!.body).toString('utf8');
    expect(frontAfter).not.toContain(path);
    const feed = Buffer.from((await n.app.site.get('feed.xml'))!.body).toString('utf8');
    expect(feed).not.toContain(path);
  });

  it('corrects a live story at the same URL with a visible dated notice', async () => {
    const a = await create(ENGLISH);
    await act(a.id, 'submit', 'demo-reporter', { version: 1 });
    await act(a.id, 'approve', 'demo-editor', { version: 2 });
    expect((await act(a.id, 'publish', 'demo-editor', { version: 3 })).status).toBe(202);
    await n.tick();
    const live = articleOf(await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-editor' }));
    expect(live.status).toBe('published');
    const corrected = await act(a.id, 'correct', 'demo-editor-2', {
      version: live.version,
      body: ENGLISH.replace('Thursday', 'Wednesday'),
      note: 'The meeting was on Wednesday, not Thursday.',
    });
    expect(corrected.status).toBe(200);
    expect(articleOf(corrected)).toMatchObject({ status: 'published', url: live.url, revision: 2 });
    const html = Buffer.from(
      (await n.app.site.get(`${live.url!.replace(SITE_BASE_URL + '/', '')}index.html`))!.body,
    ).toString('utf8');
    expect(html).toContain('Wednesday');
    // Typography may bind short words with no-break spaces, hence \s.
    expect(html).toMatch(/class="corrections"[\s\S]*The\smeeting\swas\son\sWednesday,\snot\sThursday\./);
    expect(html).not.toMatch(/met\son\sThursday/);
  });

  it('serves revisions, comments and a private noindex preview', async () => {
    const a = await create(ENGLISH);
    const saved = await n.call('PUT', `/api/articles/${a.id}`, {
      as: 'demo-reporter',
      body: { body: `${ENGLISH}\nMore.\n`, version: 1 },
    });
    expect(articleOf(saved)).toMatchObject({ revision: 2, version: 2 });
    const r1 = await n.call('GET', `/api/articles/${a.id}/revisions/1`, { as: 'demo-reporter' });
    expect(revisionOf(r1).body).toBe(ENGLISH);
    expect((await n.call('GET', `/api/articles/${a.id}/revisions/3`, { as: 'demo-reporter' })).status).toBe(404);
    const comment = await n.call('POST', `/api/articles/${a.id}/comments`, {
      as: 'demo-reporter',
      body: { text: 'Note to self' },
    });
    expect(comment.status).toBe(201);
    const preview = await n.call('GET', `/api/articles/${a.id}/preview`, { as: 'demo-reporter' });
    expect(preview.status).toBe(200);
    expect(preview.headers['cache-control']).toBe('private, no-store');
    expect(preview.text).toMatch(/<meta name="robots" content="noindex/);
  });
});

describe('scheduling and failures', () => {
  it('publishes a scheduled story when the tick finds it due, and a cancelled one never', async () => {
    const a = await create(ENGLISH);
    await act(a.id, 'submit', 'demo-reporter', { version: 1 });
    await act(a.id, 'approve', 'demo-editor', { version: 2 });
    const at = new Date(n.clock.now().getTime() + 3_600_000).toISOString();
    const scheduled = await act(a.id, 'publish', 'demo-editor', { version: 3, at });
    expect(scheduled.status).toBe(200);
    expect(articleOf(scheduled)).toMatchObject({ status: 'scheduled', publishAt: at });
    expect((await n.tick()).articles.find((x) => x.id === a.id)).toBeUndefined();
    n.clock.advance(3_600_000);
    await n.tick();
    const after = await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-reporter' });
    expect(articleOf(after).status).toBe('published');
    n.clock.advance(-3_600_000);
  });

  it('a failed publish stays visible as overdue with its error, and the tick finishes it', async () => {
    const a = await create(ENGLISH);
    await act(a.id, 'submit', 'demo-reporter', { version: 1 });
    await act(a.id, 'approve', 'demo-editor', { version: 2 });
    n.site.failNextWrites(1);
    const accepted = await act(a.id, 'publish', 'demo-editor', { version: 3 });
    expect(accepted.status).toBe(202);
    // The job fails on the page write: the invocation fails (so retries and alarms see it).
    await expect(n.tick()).rejects.toThrow(a.id);
    const stuck = articleOf(await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-editor' }));
    expect(stuck.status).toBe('scheduled');
    expect(stuck.publishError?.message).toBeTruthy();
    const queue = await n.call('GET', '/api/articles?desk=politics&status=scheduled', { as: 'demo-editor' });
    expect(listOf(queue).items.find((i) => i.id === a.id)?.publishError).toBeTruthy();
    await n.tick();
    const done = articleOf(await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-editor' }));
    expect(done.status).toBe('published');
    expect(done.publishError).toBeUndefined();
  });
});

describe('concurrency', () => {
  it('two editors approving at once: exactly one 200 and one 409', async () => {
    const a = await create(ENGLISH);
    await act(a.id, 'submit', 'demo-reporter', { version: 1 });
    const results = await Promise.all([
      act(a.id, 'approve', 'demo-editor', { version: 2 }),
      act(a.id, 'approve', 'demo-editor-2', { version: 2 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = await n.call('GET', `/api/articles/${a.id}/history`, { as: 'demo-reporter' });
    expect(historyOf(history).filter((e) => e.type === 'approved')).toHaveLength(1);
  });

  it('a reporter and an editor saving at once: one wins, the other gets 409, no revision is lost', async () => {
    const a = await create(ENGLISH);
    await act(a.id, 'submit', 'demo-reporter', { version: 1 });
    await act(a.id, 'request-changes', 'demo-editor', { version: 2, comment: 'Add the date' });
    const results = await Promise.all([
      n.call('PUT', `/api/articles/${a.id}`, {
        as: 'demo-reporter',
        body: { body: `${ENGLISH}\nReporter's line.\n`, version: 3 },
      }),
      n.call('PUT', `/api/articles/${a.id}`, {
        as: 'demo-editor',
        body: { body: `${ENGLISH}\nEditor's line.\n`, version: 3 },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = articleOf(results.find((r) => r.status === 200)!);
    const loser = results.find((r) => r.status === 409)!;
    expect(errorOf(loser).details).toMatchObject({ currentVersion: 4 });
    const current = articleOf(await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-reporter' }));
    expect(current.body).toBe(winner.body);
    expect(current.revision).toBe(2);
    const r2 = await n.call('GET', `/api/articles/${a.id}/revisions/2`, { as: 'demo-reporter' });
    expect(revisionOf(r2).body).toBe(winner.body);
    // The loser's text was refused, not merged: it is the client's to re-apply.
    expect((await n.call('GET', `/api/articles/${a.id}/revisions/3`, { as: 'demo-reporter' })).status).toBe(404);
  });
});
