import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Article } from '../../../functions/domain/article.js';
import { siteObjectKey } from '../../../functions/ports/site-store.js';
import type { AppDeps } from '../../../functions/use-cases/deps.js';
import { ARTICLE_LEASE_MS, performSiteWork } from '../../../functions/use-cases/perform-site-work.js';
import { testEnvironment } from '../support/emulators.js';
import { articleOf, rawOf, startTestNewsroom, type TestNewsroom } from '../support/test-newsroom.js';

/**
 * The publishing job crashed or failed at each of its steps, on DynamoDB Local and s3rver through the production
 * adapters. A fault-injecting wrapper around the real ports stands in for the crash: "abandon" makes the hit call and
 * every later call of that job hang for ever (a dead process: no more writes, no heartbeat); "throw" fails the call
 * (the job's failure path runs); "gate" holds every call of the job until the test lets it go (a partitioned process).
 */
type PortName = 'articles' | 'site' | 'cdn';
interface FaultPoint {
  port: PortName;
  method: string;
  when: 'before' | 'after';
}
type FaultAction =
  | 'abandon'
  | 'throw'
  | { gate: Promise<void>; then: 'proceed' | 'throw' }
  /** Holds only the hit call (slow work in a live process: its heartbeat goes on). */
  | { hold: Promise<void> };

interface FaultyJob {
  deps: AppDeps;
  /** Resolves when the fault point was reached. */
  tripped: Promise<void>;
}

const injectFault = (app: AppDeps, at: FaultPoint, action: FaultAction): FaultyJob => {
  let fired = false;
  let dead = false;
  let gate: Promise<void> | undefined;
  let trip: () => void = () => undefined;
  const tripped = new Promise<void>((resolve) => {
    trip = resolve;
  });
  const never = new Promise<never>(() => undefined);
  const fault = async (): Promise<void> => {
    fired = true;
    trip();
    if (action === 'abandon') {
      dead = true;
      return never;
    }
    if (action === 'throw') throw new Error('injected fault');
    if ('hold' in action) {
      await action.hold;
      return;
    }
    gate = action.gate;
    await action.gate;
    if (action.then === 'throw') throw new Error('injected fault after the gate');
  };
  const wrap = <T extends object>(name: PortName, port: T): T =>
    new Proxy(port, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (dead) return never;
          const hit = !fired && name === at.port && prop === at.method;
          if (hit && at.when === 'before') await fault();
          else if (gate) await gate;
          const result: unknown = await Reflect.apply(value, target, args);
          if (hit && at.when === 'after') await fault();
          return result;
        };
      },
    });
  return {
    deps: {
      ...app,
      articles: wrap('articles', app.articles),
      site: wrap('site', app.site),
      cdn: wrap('cdn', app.cdn),
    },
    tripped,
  };
};

let n: TestNewsroom;
beforeAll(async () => {
  n = await startTestNewsroom();
  await n.tick(); // site basics, so later ticks only do publishing work
});

const STORY = (word: string) =>
  `# Ministers meet in ${word}\n\nA short standfirst.\n\nThe ministers met on Thursday.\n`;
let stories = 0;

/** A story approved by the desk, publish requested (202), its site work not yet run. */
const publishRequested = async (): Promise<Article> => {
  stories += 1;
  const body = STORY(`Baku ${String.fromCharCode(96 + stories)}`);
  const created = await n.call('POST', '/api/articles', { as: 'demo-reporter', body: { desk: 'politics', body } });
  const { id } = articleOf(created);
  await n.call('POST', `/api/articles/${id}/submit`, { as: 'demo-reporter', body: { version: 1 } });
  await n.call('POST', `/api/articles/${id}/approve`, { as: 'demo-editor', body: { version: 2 } });
  const res = await n.call('POST', `/api/articles/${id}/publish`, {
    as: 'demo-editor',
    body: { version: 3 },
  });
  expect(res.status).toBe(202);
  return (await n.app.articles.get(id))!;
};

const stored = async (id: string): Promise<Article> => (await n.app.articles.get(id))!;
const pageOf = async (path: string) => n.app.site.get(siteObjectKey(path));
const eventsOf = async (id: string, type: string) =>
  (await n.app.articles.listEvents(id)).filter((e) => e.type === type);

/** The invariant: a page is public only for a published story, or for the intent of a job still within its lease. */
const expectNoUnpublishedPage = async (id: string, path: string | undefined, jobWindow: boolean) => {
  const a = await stored(id);
  if (!path || a.status === 'published') return;
  const page = await pageOf(path);
  if (jobWindow) expect(a.publishIntent?.path).toBe(path);
  else expect(page).toBeUndefined();
};

const expectPublishedOnce = async (id: string) => {
  const a = await stored(id);
  expect(a.status).toBe('published');
  expect(a.publishIntent).toBeUndefined();
  expect(a.publishError).toBeUndefined();
  expect(await eventsOf(id, 'published')).toHaveLength(1);
  const page = await pageOf(a.path!);
  expect(page).toBeDefined();
  expect(page!.metadata['newsroom-status']).toBeUndefined();
  // Typography may bind short words with no-break spaces, hence \s.
  expect(/The\sministers\smet/.test(Buffer.from(page!.body).toString('utf8'))).toBe(true);
  const front = Buffer.from((await n.app.site.get('index.html'))!.body).toString('utf8');
  expect(front.includes(a.path!)).toBe(true);
  return a;
};

const POINTS: Array<[string, FaultPoint, boolean]> = [
  // [step, where the fault hits, whether the page was written by then]
  ['after the intent', { port: 'articles', method: 'recordPublishIntent', when: 'after' }, false],
  ['after the page', { port: 'site', method: 'put', when: 'after' }, true],
  ['before the final commit', { port: 'articles', method: 'commit', when: 'before' }, true],
  ['after the final commit', { port: 'articles', method: 'commit', when: 'after' }, true],
];

describe('a crash at any step of publishing is finished by the next run', () => {
  it.each(POINTS)(
    'crash %s: the next run after the lease lapses publishes it exactly once',
    async (step, at, paged) => {
      const a = await publishRequested();
      const job = injectFault(n.app, at, 'abandon');
      void performSiteWork(job.deps)(a.id);
      await job.tripped;

      const afterCrash = await stored(a.id);
      const committed = step === 'after the final commit';
      expect(afterCrash.status).toBe(committed ? 'published' : 'scheduled');
      const path = committed ? afterCrash.path! : afterCrash.publishIntent!.path;
      expect((await pageOf(path)) !== undefined).toBe(paged);
      // Between intent and final commit of the crashed job: its page may be up, with its intent recorded.
      await expectNoUnpublishedPage(a.id, path, true);

      if (!committed) {
        // The dead job's lease still holds for a moment: a run now leaves the article alone.
        n.clock.advance(ARTICLE_LEASE_MS / 2);
        expect((await n.tick()).articles.find((x) => x.id === a.id)?.outcome).toBe('busy');
        expect((await stored(a.id)).status).toBe('scheduled');
      }
      // The next tick after the lease lapsed (15 s later locally: within 30 s of the crash) finishes the job.
      n.clock.advance(ARTICLE_LEASE_MS + 1_000);
      await n.tick();
      const done = await expectPublishedOnce(a.id);
      expect(done.path).toBe(path);
      n.clock.advance(60_000);
      await n.tick();
      await expectPublishedOnce(a.id);
    },
  );

  it.each(POINTS)(
    'failure %s: no page stays up for the unpublished story; the next run publishes it',
    async (step, at) => {
      const a = await publishRequested();
      const job = injectFault(n.app, at, 'throw');
      await expect(performSiteWork(job.deps)(a.id)).rejects.toThrow('injected fault');
      const after = await stored(a.id);
      if (step === 'after the final commit') {
        expect(after.status).toBe('published');
      } else {
        expect(after.status).toBe('scheduled');
        expect(after.publishError).toMatchObject({ code: 'failed' });
        await expectNoUnpublishedPage(a.id, after.publishIntent!.path, false);
      }
      // The failure freed the lease: the next run does not have to wait for it.
      await n.tick();
      await expectPublishedOnce(a.id);
    },
  );
});

describe('a live job keeps its lease while it works', () => {
  it('the heartbeat renews the lease past its first term, so a later run does not take over live work', async () => {
    const a = await publishRequested();
    let release: () => void = () => undefined;
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job = injectFault(n.app, { port: 'site', method: 'put', when: 'before' }, { hold });
    const running = performSiteWork(job.deps, { heartbeatMs: 20 })(a.id);
    await job.tripped;
    const leaseUntil = async (): Promise<number> => {
      const out = await testEnvironment().documentClient.send(
        new GetCommand({ TableName: n.tableName, Key: { pk: `ARTICLE#${a.id}`, sk: 'META' } }),
      );
      return z.object({ leaseUntil: z.number() }).parse(out.Item).leaseUntil;
    };
    const firstTerm = await leaseUntil();
    n.clock.advance(ARTICLE_LEASE_MS / 2);
    await vi.waitFor(async () => expect(await leaseUntil()).toBeGreaterThan(firstTerm));
    n.clock.advance(ARTICLE_LEASE_MS / 2 + 1_000);
    // Past the first term: without the heartbeat this run would take over work still in progress.
    expect((await n.tick()).articles.find((x) => x.id === a.id)?.outcome).toBe('busy');
    release();
    expect(await running).toBe('published');
    await n.tick();
    await expectPublishedOnce(a.id);
  });
});

describe('leases never block the desk', () => {
  const livePublished = async (): Promise<Article> => {
    const a = await publishRequested();
    await n.tick();
    return stored(a.id);
  };
  /** A holder that took the lease and died (no heartbeat, no release). */
  const deadHolder = async (id: string) =>
    expect(await n.app.articles.acquireArticleLease(id, 'dead-holder', n.clock.now().getTime(), ARTICLE_LEASE_MS)).toBe(
      true,
    );

  it('a take-down goes through at once over a dead holder lease, and the page answers 410', async () => {
    const a = await livePublished();
    await deadHolder(a.id);
    const down = await n.call('POST', `/api/articles/${a.id}/unpublish`, {
      as: 'demo-editor',
      body: { version: a.version, kind: 'legal', reason: 'Legal request' },
    });
    expect(down.status).toBe(200);
    expect(articleOf(down).status).toBe('unpublished');
    expect((await pageOf(a.path!))!.metadata['newsroom-status']).toBe('410');
    expect((await stored(a.id)).pendingSiteWork).toBeUndefined();
  });

  it('a correction goes through at once over a dead holder lease, and the page shows it', async () => {
    const a = await livePublished();
    await deadHolder(a.id);
    const corrected = await n.call('POST', `/api/articles/${a.id}/correct`, {
      as: 'demo-editor-2',
      body: { version: a.version, body: a.body.replace('Thursday', 'Wednesday'), note: 'Wednesday, not Thursday.' },
    });
    expect(corrected.status).toBe(200);
    const html = Buffer.from((await pageOf(a.path!))!.body).toString('utf8');
    expect(html.includes('Wednesday')).toBe(true);
    expect((await stored(a.id)).pendingSiteWork).toBeUndefined();
  });

  it('cancelling a schedule whose job died after writing the page takes the page down at once', async () => {
    const a = await publishRequested();
    const job = injectFault(n.app, { port: 'articles', method: 'commit', when: 'before' }, 'abandon');
    void performSiteWork(job.deps)(a.id);
    await job.tripped;
    const path = (await stored(a.id)).publishIntent!.path;
    expect(await pageOf(path)).toBeDefined();
    const cancel = await n.call('POST', `/api/articles/${a.id}/cancel-schedule`, {
      as: 'demo-editor',
      body: { version: a.version },
    });
    expect(cancel.status).toBe(200);
    expect(articleOf(cancel).status).toBe('approved');
    expect(await pageOf(path)).toBeUndefined();
    const after = await stored(a.id);
    expect(after.publishIntent).toBeUndefined();
    expect(after.pendingSiteWork).toBeUndefined();
    n.clock.advance(ARTICLE_LEASE_MS + 1_000);
    await n.tick();
    expect(await pageOf(path)).toBeUndefined();
    expect(await eventsOf(a.id, 'published')).toHaveLength(0);
  });

  it('a cancel while the job is writing the page: the job, started over, takes its own page down', async () => {
    const a = await publishRequested();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job = injectFault(n.app, { port: 'site', method: 'put', when: 'before' }, { gate, then: 'proceed' });
    const running = performSiteWork(job.deps)(a.id);
    await job.tripped;
    const path = (await stored(a.id)).publishIntent!.path;
    const cancel = await n.call('POST', `/api/articles/${a.id}/cancel-schedule`, {
      as: 'demo-editor',
      body: { version: a.version },
    });
    expect(cancel.status).toBe(200);
    release();
    expect(await running).toBe('removed');
    expect(await pageOf(path)).toBeUndefined();
    expect((await stored(a.id)).status).toBe('approved');
    expect(await eventsOf(a.id, 'published')).toHaveLength(0);
  });
});

describe('cleanup deletes only what its own lease owns', () => {
  it('a job that lost its lease and failed never deletes the page another run published', async () => {
    const a = await publishRequested();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Job A writes the page, then stalls (a partition: no heartbeat either) and later fails on its commit.
    const jobA = injectFault(n.app, { port: 'articles', method: 'commit', when: 'before' }, { gate, then: 'throw' });
    const runningA = performSiteWork(jobA.deps)(a.id);
    await jobA.tripped;
    n.clock.advance(ARTICLE_LEASE_MS + 1_000);
    await n.tick();
    const published = await expectPublishedOnce(a.id);
    release();
    await expect(runningA).rejects.toThrow('injected fault');
    await expectPublishedOnce(a.id);
    expect(published.path).toBeDefined();
  });

  it('a job whose lease another run holds leaves the page to that run when it fails', async () => {
    const a = await publishRequested();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const jobA = injectFault(n.app, { port: 'cdn', method: 'invalidate', when: 'before' }, { gate, then: 'throw' });
    const runningA = performSiteWork(jobA.deps)(a.id);
    await jobA.tripped;
    const path = (await stored(a.id)).publishIntent!.path;
    n.clock.advance(ARTICLE_LEASE_MS + 1_000);
    expect(await n.app.articles.acquireArticleLease(a.id, 'job-b', n.clock.now().getTime(), ARTICLE_LEASE_MS)).toBe(
      true,
    );
    release();
    // A fails after its page write, but the lease is B's: A must not take the page down (B is publishing it).
    await expect(runningA).rejects.toThrow('injected fault');
    expect(await pageOf(path)).toBeDefined();
    expect((await stored(a.id)).publishError).toBeUndefined();
    n.clock.advance(ARTICLE_LEASE_MS + 1_000);
    await n.tick();
    await expectPublishedOnce(a.id);
  });
});

describe('publish answers before the page is written', () => {
  it('commits the schedule, answers 202 with the story still scheduled, and writes nothing public', async () => {
    const writes = n.site.writes.length;
    const a = await publishRequested();
    expect(a.status).toBe('scheduled');
    expect(n.site.writes.length).toBe(writes);
    expect(a.publishIntent).toBeUndefined();
    const view = await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-editor' });
    expect(articleOf(view)).toMatchObject({ status: 'scheduled' });
    expect(articleOf(view).url).toBeUndefined();
    // Not a contract field (the parse would drop it): the raw answer must not carry the internal intent.
    expect(rawOf(view)).not.toHaveProperty('publishIntent');
    await n.tick();
    await expectPublishedOnce(a.id);
  });

  it('flags work overdue beyond a minute that another holder keeps, for the desk to see', async () => {
    const a = await publishRequested();
    const holder = 'live-holder';
    n.clock.advance(61_000);
    expect(await n.app.articles.acquireArticleLease(a.id, holder, n.clock.now().getTime(), ARTICLE_LEASE_MS)).toBe(
      true,
    );
    expect((await n.tick()).articles.find((x) => x.id === a.id)?.outcome).toBe('busy');
    const flagged = await n.call('GET', `/api/articles/${a.id}`, { as: 'demo-editor' });
    expect(articleOf(flagged).status).toBe('scheduled');
    expect(articleOf(flagged).publishError).toMatchObject({ code: 'stalled' });
    n.clock.advance(ARTICLE_LEASE_MS + 1_000);
    await n.tick();
    await expectPublishedOnce(a.id);
  });
});
