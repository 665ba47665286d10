import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildArticlePath } from '../../functions/domain/render/slug.js';
import type { CrashPoint } from '../../functions/local/crash-hooks.js';
import { startLocalStack, type LocalStack } from './support/local-stack.js';

/**
 * Issue 9, "What it must show": the local stack is killed with SIGKILL at exact points of publishing (the crash
 * hook, functions/local/crash-hooks.ts, kills the process from inside the real ports) and restarted on the same
 * data. Within 30 s of the restart every story is published and listed everywhere it belongs, or visibly failed
 * (`publishError`); no page is public for a story that is not published; nothing is published twice.
 */

const RECOVERY_MS = 30_000;
const STORIES = 3;
const dirs: string[] = [];
const stacks: LocalStack[] = [];

afterAll(async () => {
  for (const stack of stacks) await stack.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const articleSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  version: z.number(),
  path: z.string().optional(),
  slug: z.string().optional(),
  publishAt: z.string().optional(),
  sitePending: z.boolean().optional(),
  publishError: z.object({ message: z.string() }).optional(),
});
type ArticleView = z.infer<typeof articleSchema>;
const historySchema = z.array(z.looseObject({ type: z.string() }));

const api = async (base: string, token: string | undefined, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as unknown };
};

const tokenOf = async (base: string, sub: string, name: string, groups: string[]): Promise<string> =>
  z
    .object({ token: z.string() })
    .parse((await api(base, undefined, 'POST', '/api/dev/token', { sub, name, groups })).json).token;

interface Users {
  reporter: string;
  editor: string;
}
const usersOf = async (base: string): Promise<Users> => ({
  reporter: await tokenOf(base, 'demo-reporter', 'Анна Смирнова', ['reporters']),
  editor: await tokenOf(base, 'demo-editor', 'Борис Лебедев', ['desk-politics']),
});

const must = async (
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ArticleView> => {
  const res = await api(base, token, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.json)}`);
  return articleSchema.parse(res.json);
};

/** A story written, submitted and approved: ready to publish. */
const approvedStory = async (base: string, users: Users, n: number, tag: string): Promise<ArticleView> => {
  const body = `# Сбой ${tag} номер ${n}\n\nМинистры встретились в Баку и обсудили сотрудничество (${tag}-${n}).\n\nОтдел политики`;
  let a = await must(base, users.reporter, 'POST', '/api/articles', { desk: 'politics', body });
  a = await must(base, users.reporter, 'POST', `/api/articles/${a.id}/submit`, { version: a.version });
  return must(base, users.editor, 'POST', `/api/articles/${a.id}/approve`, { version: a.version, comment: 'ok' });
};

const publish = (base: string, users: Users, a: ArticleView) =>
  api(base, users.editor, 'POST', `/api/articles/${a.id}/publish`, { version: a.version }).catch(() => undefined);

const pageStatus = async (base: string, path: string): Promise<number> =>
  (await fetch(`${base}${path}`, { redirect: 'manual' })).status;
const pageText = async (base: string, path: string): Promise<string> => {
  const res = await fetch(`${base}${path}`);
  return res.status === 200 ? res.text() : `(${res.status})`;
};

/** Where a published story must be listed: its path appears in each of these documents (a day of < 100 stories). */
const listingsOf = (path: string): string[] => {
  const [, desk, yyyy, mm, dd] = path.split('/');
  return [
    '/',
    `/${desk}/`,
    '/feed.xml',
    `/${desk}/feed.xml`,
    `/${desk}/${yyyy}/${mm}/${dd}/`,
    `/sitemaps/${yyyy}-${mm}/${desk}-${yyyy}-${mm}-${dd}-1.xml`,
  ];
};

interface StoryState {
  id: string;
  status: string;
  publishError?: string;
  path?: string;
  pageStatus?: number;
  /** A public page at the story's would-be path while the story has none. */
  orphanPage?: string;
  /** Scheduled and due: its publishing job may be between its recorded intent and its final commit. */
  beingPublished: boolean;
  /** Committed, with site work still owed (a take-down's 410 notice not written yet). */
  sitePending: boolean;
  missingFrom: string[];
  listedIn: string[];
  publishedEvents: number;
}

const stateOf = async (base: string, users: Users, id: string): Promise<StoryState> => {
  const a = articleSchema.parse((await api(base, users.editor, 'GET', `/api/articles/${id}`)).json);
  const history = historySchema.parse((await api(base, users.editor, 'GET', `/api/articles/${id}/history`)).json);
  const state: StoryState = {
    id,
    status: a.status,
    ...(a.publishError ? { publishError: a.publishError.message } : {}),
    ...(a.path ? { path: a.path } : {}),
    missingFrom: [],
    listedIn: [],
    publishedEvents: history.filter((e) => e.type === 'published').length,
    beingPublished: a.status === 'scheduled' && a.publishAt !== undefined && Date.parse(a.publishAt) <= Date.now(),
    sitePending: a.sitePending === true,
  };
  if (!a.path && a.slug) {
    // Not committed with a path (yet): a page written before the crash would be at the path the publishing job
    // builds from the slug and the day (the desk's zone, around now), so look there for an orphan page.
    const candidates = [-86_400_000, 0, 86_400_000].map((d) =>
      buildArticlePath('politics', new Date(Date.now() + d).toISOString(), 'Europe/Moscow', a.slug ?? ''),
    );
    for (const candidate of new Set(candidates)) {
      if ((await pageStatus(base, candidate)) === 200) state.orphanPage = candidate;
    }
  }
  if (a.path) {
    state.pageStatus = await pageStatus(base, a.path);
    for (const listing of listingsOf(a.path)) {
      const listed = (await pageText(base, listing)).includes(a.path);
      (listed ? state.listedIn : state.missingFrom).push(listing);
    }
  }
  return state;
};

/** Published, live and listed everywhere; or visibly failed; and never a public page unless published. */
const settled = (s: StoryState, expectTakenDown: boolean): boolean => {
  if (s.publishedEvents > 1 || s.orphanPage !== undefined) return false;
  if (expectTakenDown) return s.status === 'unpublished' && s.pageStatus !== 200 && s.listedIn.length === 0;
  if (s.status === 'published') return s.pageStatus === 200 && s.missingFrom.length === 0 && s.publishedEvents === 1;
  return s.publishError !== undefined && s.pageStatus !== 200;
};

const newDataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-crash-'));
  dirs.push(dir);
  return dir;
};

/**
 * Starts a stack that crashes at `point`, prepares stories, fires `trigger`, waits for the crash, restarts on the
 * same data and polls the invariants for 30 s.
 */
const crashAndRecover = async (
  point: CrashPoint,
  prepare: (
    base: string,
    users: Users,
  ) => Promise<{ ids: string[]; takenDown: string[]; trigger: () => Promise<void> }>,
) => {
  const dataDir = newDataDir();
  const crashing = await startLocalStack({ dataDir, env: { NEWSROOM_CRASH_AT: point } });
  stacks.push(crashing);
  const users = await usersOf(crashing.baseUrl);
  const { ids, takenDown, trigger } = await prepare(crashing.baseUrl, users);
  await trigger();
  await crashing.exited();
  // The crash must have happened where it was asked for, or the test shows nothing.
  expect(crashing.output()).toContain(`crash hook: SIGKILL at ${point}`);
  await crashing.kill();

  const restarted = await startLocalStack({ dataDir });
  stacks.push(restarted);
  const readyAt = Date.now();
  const after = await usersOf(restarted.baseUrl);
  let states: StoryState[];
  // Invariants that must hold at every moment after the restart, not only at the end.
  const violations: string[] = [];
  for (;;) {
    states = await Promise.all(ids.map((id) => stateOf(restarted.baseUrl, after, id)));
    for (const s of states) {
      // A take-down commits first, then writes the 410 notice: until the job does, the story says so (sitePending)
      // and must be gone by the end of the window (settled); a live page with nothing owed is a leak.
      if (s.status !== 'published' && s.pageStatus === 200 && !s.sitePending)
        violations.push(`${s.id} ${s.status} but its page answers 200`);
      // Publishing records its intent (path, revision), writes the page, then commits `published`: steps of one
      // job. A crash between the page and the commit leaves the page up until the resumed job commits, which is
      // allowed only for a story that is due now; any other public page of an unpublished story is a leak.
      if (s.orphanPage && !s.beingPublished) violations.push(`${s.id} ${s.status} but ${s.orphanPage} answers 200`);
      if (s.publishedEvents > 1) violations.push(`${s.id} has ${s.publishedEvents} published events`);
    }
    if (states.every((s) => settled(s, takenDown.includes(s.id))) || Date.now() - readyAt > RECOVERY_MS) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const recoveredInMs = Date.now() - readyAt;
  await restarted.stop();

  expect([...new Set(violations)]).toEqual([]);
  expect(
    states.filter((s) => !settled(s, takenDown.includes(s.id))),
    `not settled ${Math.round(recoveredInMs / 1000)} s after the restart`,
  ).toEqual([]);
  expect(recoveredInMs).toBeLessThanOrEqual(RECOVERY_MS + 5_000);
};

/** Three approved stories published at once; the first to reach `point` kills the stack. */
const publishThree =
  (tag: string) =>
  async (base: string, users: Users): Promise<{ ids: string[]; takenDown: string[]; trigger: () => Promise<void> }> => {
    const stories: ArticleView[] = [];
    for (let n = 1; n <= STORIES; n += 1) stories.push(await approvedStory(base, users, n, tag));
    return {
      ids: stories.map((s) => s.id),
      takenDown: [],
      trigger: async () => {
        await Promise.all(stories.map((s) => publish(base, users, s)));
      },
    };
  };

describe('publishing survives a SIGKILL of the whole local stack', { timeout: 240_000 }, () => {
  for (const point of ['before-page-write', 'after-page-write', 'after-commit', 'during-index-rebuild'] as const) {
    it(`killed at ${point}: within 30 s of the restart every story is published and listed, or visibly failed`, () =>
      crashAndRecover(point, publishThree(point)));
  }

  it('killed during a take-down: within 30 s the story is gone from the site, the others stay listed', () =>
    crashAndRecover('during-take-down', async (base, users) => {
      const stories: ArticleView[] = [];
      for (let n = 1; n <= 2; n += 1) stories.push(await approvedStory(base, users, n, 'take-down'));
      for (const s of stories) {
        // 202: accepted; the publishing job makes the page live and then commits `published`.
        const res = await api(base, users.editor, 'POST', `/api/articles/${s.id}/publish`, { version: s.version });
        if (res.status !== 202) throw new Error(`publish → ${res.status} ${JSON.stringify(res.json)}`);
      }
      let target = await must(base, users.editor, 'GET', `/api/articles/${stories[0]!.id}`);
      for (let i = 0; i < 60 && target.status !== 'published'; i += 1) {
        await new Promise((r) => setTimeout(r, 500));
        target = await must(base, users.editor, 'GET', `/api/articles/${stories[0]!.id}`);
      }
      if (target.status !== 'published') throw new Error(`not published before the take-down: ${target.status}`);
      const { version } = target;
      return {
        ids: stories.map((s) => s.id),
        takenDown: [stories[0]!.id],
        trigger: async () => {
          await api(base, users.editor, 'POST', `/api/articles/${stories[0]!.id}/unpublish`, {
            version,
            kind: 'editorial',
            reason: 'Проверка снятия',
          }).catch(() => undefined);
        },
      };
    }));
});
