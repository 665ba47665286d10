import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_DYNAMODB_CREDENTIALS, createDocumentClient } from '../../../functions/adapters/aws/clients.js';
import { presenceKey } from '../../../functions/adapters/dynamodb/keys.js';
import { TABLE_TTL_ATTRIBUTE } from '../../../functions/adapters/dynamodb/table-definition.js';
import { countsResponse, presenceResponse, revisionListResponse } from '../../../functions/contract/desk-responses.js';
import { AUTOSAVE_BURST_MS } from '../../../functions/use-cases/save-article.js';
import { testEnvironment } from '../support/emulators.js';
import {
  articleOf,
  errorOf,
  historyOf,
  rawHistoryOf,
  revisionOf,
  startTestNewsroom,
  type TestNewsroom,
  type UserSub,
} from '../support/test-newsroom.js';

/** Server side of issue 12 §3 (autosave), §4 (presence), §7 (counts) and §8 (revision list and restore). */
let n: TestNewsroom;
beforeAll(async () => {
  n = await startTestNewsroom();
});

const draft = (title: string, text = 'Первый абзац текста.') => `# ${title}\n\nВводка.\n\n${text}\n`;

const create = async (title: string, as: UserSub = 'demo-reporter') => {
  const res = await n.call('POST', '/api/articles', { as, body: { desk: 'politics', body: draft(title) } });
  expect(res.status).toBe(201);
  return articleOf(res);
};

const save = (id: string, body: string, version: number, autosave?: boolean, as: UserSub = 'demo-reporter') =>
  n.call('PUT', `/api/articles/${id}`, { as, body: { body, version, ...(autosave ? { autosave } : {}) } });

describe('server autosave', () => {
  it('makes a revision per autosave but one `edited` event per burst; a manual save or a pause starts a new one', async () => {
    const a = await create('Автосохранение');
    let version = a.version;
    const bodies = ['один', 'два', 'три'].map((w) => draft('Автосохранение', `Текст ${w}.`));
    for (const body of bodies) {
      n.clock.advance(10_000);
      const res = await save(a.id, body, version, true);
      expect(res.status).toBe(200);
      version = articleOf(res).version;
    }
    let after = articleOf(await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-reporter' }));
    expect(after.revision).toBe(4);
    expect(after.body).toBe(bodies[2]);
    let edits = historyOf(await n.call('GET', `/api/articles/${a.id}/history`, { as: 'demo-reporter' })).filter(
      (e) => e.type === 'edited',
    );
    expect(edits.map((e) => [e.revision, e.autosave])).toEqual([[2, true]]);
    // Every autosaved revision is kept and readable.
    expect(revisionOf(await n.call('GET', `/api/articles/${a.id}/revisions/3`, { as: 'demo-reporter' })).body).toBe(
      bodies[1],
    );

    // A pause longer than the burst window: the next autosave is a new burst with its own event.
    n.clock.advance(AUTOSAVE_BURST_MS + 1);
    version = articleOf(await save(a.id, draft('Автосохранение', 'После перерыва.'), version, true)).version;
    // A manual save always records an event; the autosave after it starts a new burst.
    version = articleOf(await save(a.id, draft('Автосохранение', 'Вручную.'), version)).version;
    n.clock.advance(5_000);
    await save(a.id, draft('Автосохранение', 'Снова авто.'), version, true);
    edits = historyOf(await n.call('GET', `/api/articles/${a.id}/history`, { as: 'demo-reporter' })).filter(
      (e) => e.type === 'edited',
    );
    expect(edits.map((e) => [e.revision, e.autosave ?? false])).toEqual([
      [2, true],
      [5, true],
      [6, false],
      [7, true],
    ]);
    after = articleOf(await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-reporter' }));
    expect(after.revision).toBe(7);
  });

  it('refuses a stale autosave with 409 and keeps the newer text', async () => {
    const a = await create('Конфликт автосохранения');
    const first = articleOf(await save(a.id, draft('Конфликт автосохранения', 'Моя правка.'), a.version, true));
    const stale = await save(a.id, draft('Конфликт автосохранения', 'Старая вкладка.'), a.version, true);
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('stale_version');
    const now = articleOf(await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-reporter' }));
    expect(now.body).toBe(first.body);
  });

  it('sends an approved story back to the desk on an editor autosave and records that change', async () => {
    const a = await create('Правка после одобрения');
    const submitted = articleOf(
      await n.call('POST', `/api/articles/${a.id}/submit`, { as: 'demo-reporter', body: { version: a.version } }),
    );
    const approved = articleOf(
      await n.call('POST', `/api/articles/${a.id}/approve`, {
        as: 'demo-editor',
        body: { version: submitted.version },
      }),
    );
    // The editor's burst: the first autosave changes the status, so it is an event even though a burst goes on.
    const one = articleOf(
      await save(a.id, draft('Правка после одобрения', 'Правка редактора.'), approved.version, true, 'demo-editor'),
    );
    expect(one.status).toBe('submitted');
    expect(one.approvedRevision).toBeUndefined();
    const events = historyOf(await n.call('GET', `/api/articles/${a.id}/history`, { as: 'demo-editor' }));
    expect(events.at(-1)).toMatchObject({ type: 'edited', from: 'approved', to: 'submitted', autosave: true });
  });
});

describe('presence', () => {
  it('tells each editor who else has the story open, renews, expires after the lease and ends on leave', async () => {
    const a = await create('Присутствие');
    const submitted = articleOf(
      await n.call('POST', `/api/articles/${a.id}/submit`, { as: 'demo-reporter', body: { version: a.version } }),
    );
    const put = async (as: UserSub) => {
      const res = await n.call('PUT', `/api/articles/${a.id}/presence`, { as });
      expect(res.status).toBe(200);
      return presenceResponse.parse(res.json);
    };
    const openedAt = n.clock.now().toISOString();
    const first = await put('demo-editor');
    expect(first.others).toEqual([]);
    expect(first.ttlSeconds).toBe(45);
    n.clock.advance(5_000);
    const second = await put('demo-editor-2');
    expect(second.others.map((o) => o.name)).toEqual(['Борис Лебедев']);
    const seen = presenceResponse.parse(
      (await n.call('GET', `/api/articles/${a.id}/presence`, { as: 'demo-editor' })).json,
    );
    expect(seen.others.map((o) => [o.sub, o.name])).toEqual([['demo-editor-2', 'Галина Петрова']]);

    // The lease item carries DynamoDB's TTL attribute (epoch seconds), after its own expiry.
    const env = testEnvironment();
    const client = createDocumentClient({ endpoint: env.dynamoEndpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS });
    const item = await client.send(new GetCommand({ TableName: n.tableName, Key: presenceKey(a.id, 'demo-editor-2') }));
    const ttl: unknown = item.Item?.[TABLE_TTL_ATTRIBUTE];
    expect(typeof ttl).toBe('number');
    expect(Number(ttl) * 1000).toBeGreaterThan(n.clock.now().getTime() + 45_000);

    // Renewed within the lease, Борис stays (and keeps his `since`); Галина, not renewed, lapses after 45 s.
    n.clock.advance(30_000);
    await put('demo-editor');
    n.clock.advance(20_000);
    const later = presenceResponse.parse(
      (await n.call('GET', `/api/articles/${a.id}/presence`, { as: 'demo-editor-2' })).json,
    );
    expect(later.others.map((o) => o.name)).toEqual(['Борис Лебедев']);
    expect(later.others[0]?.since).toBe(openedAt);
    expect((await put('demo-editor')).others).toEqual([]);

    // Leaving ends the lease at once.
    await put('demo-editor-2');
    expect((await n.call('DELETE', `/api/articles/${a.id}/presence`, { as: 'demo-editor-2' })).status).toBe(204);
    expect((await put('demo-editor')).others).toEqual([]);

    // Presence never replaces the version check: a stale save is still 409.
    const stale = await save(a.id, draft('Присутствие', 'Правка.'), submitted.version - 1, false, 'demo-editor');
    expect(stale.status).toBe(409);
  });

  it('answers 404 to someone who may not see the story, as every other article route does', async () => {
    const a = await create('Чужой черновик');
    const res = await n.call('PUT', `/api/articles/${a.id}/presence`, { as: 'demo-reporter-2' });
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
  });
});

describe('counts by status', () => {
  it('counts a desk by status with a COUNT query per status, and a reporter by status over their own stories', async () => {
    const t = await startTestNewsroom();
    const make = async (title: string, as: UserSub) => {
      const res = await t.call('POST', '/api/articles', { as, body: { desk: 'politics', body: draft(title) } });
      return articleOf(res);
    };
    const submit = async (a: { id: string; version: number }, as: UserSub) =>
      articleOf(await t.call('POST', `/api/articles/${a.id}/submit`, { as, body: { version: a.version } }));
    await make('Черновик 1', 'demo-reporter');
    await make('Черновик 2', 'demo-reporter');
    const s1 = await submit(await make('Сдан 1', 'demo-reporter'), 'demo-reporter');
    await submit(await make('Сдан 2', 'demo-reporter-2'), 'demo-reporter-2');
    await t.call('POST', `/api/articles/${s1.id}/approve`, { as: 'demo-editor', body: { version: s1.version } });
    // A published story is the archive: not counted, and not read to count the rest.
    const p = await submit(await make('Опубликован', 'demo-reporter-2'), 'demo-reporter-2');
    const pa = articleOf(
      await t.call('POST', `/api/articles/${p.id}/approve`, { as: 'demo-editor', body: { version: p.version } }),
    );
    expect(
      (await t.call('POST', `/api/articles/${p.id}/publish`, { as: 'demo-editor', body: { version: pa.version } }))
        .status,
    ).toBe(202);
    await t.tick();
    expect(articleOf(await t.call('GET', `/api/articles/${p.id}`, { as: 'demo-editor' })).status).toBe('published');

    const desk = await t.call('GET', '/api/articles/counts?desk=politics', { as: 'demo-editor' });
    expect(desk.status).toBe(200);
    const dc = countsResponse.parse(desk.json);
    expect(dc.counts).toEqual({
      submitted: 1,
      changes_requested: 0,
      approved: 1,
      scheduled: 0,
    });
    expect(dc.capped).toEqual([]);
    // One COUNT query per working status reads exactly the stories in it: 2 index items here, none of the archive.
    expect(dc.itemsRead).toBe(2);

    const mine = countsResponse.parse(
      (await t.call('GET', '/api/articles/counts?mine=true', { as: 'demo-reporter' })).json,
    );
    expect(mine.counts).toEqual({ draft: 2, approved: 1 });
    expect(mine.itemsRead).toBe(3);

    // Only the desk's editors may count its queue; an unknown desk is a 400, as in the list.
    expect((await t.call('GET', '/api/articles/counts?desk=politics', { as: 'demo-reporter' })).status).toBe(403);
    expect((await t.call('GET', '/api/articles/counts?desk=nowhere', { as: 'demo-editor' })).status).toBe(400);
    expect((await t.call('GET', '/api/articles/counts?desk=politics&x=1', { as: 'demo-editor' })).status).toBe(400);
  });
});

describe('revision history with restore', () => {
  it('lists revisions without their text and restores one as a new revision, noted in the history', async () => {
    const a = await create('История');
    const v2 = articleOf(await save(a.id, draft('История', 'Вторая редакция.'), a.version));
    const v3 = articleOf(await save(a.id, draft('История', 'Третья редакция.'), v2.version));
    const list = revisionListResponse.parse(
      (await n.call('GET', `/api/articles/${a.id}/revisions`, { as: 'demo-reporter' })).json,
    );
    expect(list.items.map((r) => r.number)).toEqual([3, 2, 1]);
    expect(list.nextBefore).toBeNull();
    expect(list.items[0]).not.toHaveProperty('body');
    expect(list.items[0]?.author.name).toBe('Анна Смирнова');

    // A stale restore is a 409, like any other save.
    const stale = await n.call('POST', `/api/articles/${a.id}/revisions/1/restore`, {
      as: 'demo-reporter',
      body: { version: v2.version },
    });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('stale_version');

    const res = await n.call('POST', `/api/articles/${a.id}/revisions/1/restore`, {
      as: 'demo-reporter',
      body: { version: v3.version },
    });
    expect(res.status).toBe(200);
    const restored = articleOf(res);
    expect(restored.revision).toBe(4);
    expect(restored.body).toBe(a.body);
    expect(restored.title).toBe('История');
    const last = rawHistoryOf(await n.call('GET', `/api/articles/${a.id}/history`, { as: 'demo-reporter' })).at(-1);
    expect(last).toMatchObject({ type: 'edited', revision: 4, restoredFrom: 1 });
    const rev4 = revisionListResponse.parse(
      (await n.call('GET', `/api/articles/${a.id}/revisions`, { as: 'demo-reporter' })).json,
    ).items[0];
    expect(rev4).toMatchObject({ number: 4, restoredFrom: 1 });

    // Unknown revision, and someone who may not see the story: 404.
    expect(
      (
        await n.call('POST', `/api/articles/${a.id}/revisions/9/restore`, {
          as: 'demo-reporter',
          body: { version: restored.version },
        })
      ).status,
    ).toBe(404);
    expect((await n.call('GET', `/api/articles/${a.id}/revisions`, { as: 'demo-reporter-2' })).status).toBe(404);
  });

  it('pages a long history 25 at a time, newest first', async () => {
    const a = await create('Длинная история');
    let version = a.version;
    for (let i = 2; i <= 27; i += 1) {
      version = articleOf(await save(a.id, draft('Длинная история', `Редакция ${i}.`), version)).version;
    }
    const first = revisionListResponse.parse(
      (await n.call('GET', `/api/articles/${a.id}/revisions`, { as: 'demo-reporter' })).json,
    );
    expect(first.items).toHaveLength(25);
    expect(first.items[0]?.number).toBe(27);
    expect(first.nextBefore).toBe(3);
    const second = revisionListResponse.parse(
      (await n.call('GET', `/api/articles/${a.id}/revisions?before=3`, { as: 'demo-reporter' })).json,
    );
    expect(second.items.map((r) => r.number)).toEqual([2, 1]);
    expect(second.nextBefore).toBeNull();
  });
});
