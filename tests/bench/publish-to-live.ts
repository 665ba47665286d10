/**
 * Issue 14's figure: publish-to-live (the publish request until the page, the desk page and the day archive all show
 * the story through the local stack's origin) with 10 vs 10,000 stories in the archive, and with 500 stories already
 * published that day, measured in one run. Three local stacks (`npm start`, loopback only) run side by side and the
 * publishes alternate between them, so a machine busy with other work slows all three alike.
 *
 * Seeding is batch writes straight to each stack's DynamoDB Local through the production item builders
 * (tests/support/seed-archive.ts): the archive's stories spread over 2024-01 … 2026-10 on the world desk, with no index
 * pages for their days (a publish never reads them); the busy day's 500 stories today, with their day-archive slots
 * and counter, as the rebuild would have left them.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOCAL_DYNAMODB_CREDENTIALS, createDocumentClient } from '../../functions/adapters/aws/clients.js';
import { seedArchiveFast, seedBusyDay } from '../support/seed-archive.js';

const DESK = 'world';
const TABLE_NAME = 'newsroom';
const WARM_UP = 2;
const ROUNDS = 7;
const POLL_MS = 20;

const articleSchema = z.looseObject({ id: z.string(), version: z.number(), path: z.string().optional() });

interface Scenario {
  name: string;
  archive: number;
  sameDay: number;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'archive 10', archive: 10, sameDay: 0 },
  { name: 'archive 10,000', archive: 10_000, sameDay: 0 },
  { name: 'archive 10, 500 the same day', archive: 10, sameDay: 500 },
];

const median = (xs: readonly number[]): number => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function measurePublishToLive(): Promise<Array<Record<string, unknown>>> {
  const { startLocalStack } = await import('../e2e/support/local-stack.js');
  // The desk's day in London is the UTC day in winter; the busy day is seeded on it, ending a few minutes ago.
  const now = Date.now();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
  const stacks = await Promise.all(SCENARIOS.map(() => startLocalStack({ timeoutMs: 120_000 })));
  try {
    const sessions = await Promise.all(
      stacks.map(async (stack, i) => {
        const scenario = SCENARIOS[i]!;
        const endpoint = /DynamoDB Local\s+(http:\/\/\S+)/.exec(stack.output())?.[1];
        if (!endpoint) throw new Error(`no DynamoDB Local endpoint in the stack's output:\n${stack.output()}`);
        const table = {
          client: createDocumentClient({ endpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS }),
          tableName: TABLE_NAME,
        };
        const seedStarted = performance.now();
        await seedArchiveFast(table, scenario.archive, DESK);
        if (scenario.sameDay > 0) {
          const firstAt = new Date(now - (scenario.sameDay + 60) * 1_000).toISOString();
          if (firstAt.slice(0, 10) !== today) throw new Error('too close to midnight to seed a busy day: run it later');
          await seedBusyDay(table, { desk: DESK, firstAt, count: scenario.sameDay, spacingMs: 1_000 });
        }
        const seedMs = Math.round(performance.now() - seedStarted);
        const call = async (token: string | undefined, method: string, path: string, body?: unknown) => {
          const res = await fetch(`${stack.baseUrl}${path}`, {
            method,
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          return { status: res.status, text: await res.text() };
        };
        const tokenOf = async (sub: string, name: string, groups: string[]) =>
          z
            .object({ token: z.string() })
            .parse(JSON.parse((await call(undefined, 'POST', '/api/dev/token', { sub, name, groups })).text)).token;
        const reporter = await tokenOf('demo-reporter', 'Анна Смирнова', ['reporters']);
        const editor = await tokenOf('bench-world-editor', 'World Editor', ['desk-world']);
        return { scenario, call, reporter, editor, seedMs };
      }),
    );

    /** One story written and approved, then published: ms from the publish request until page and indexes show it. */
    const publishToLive = async (s: (typeof sessions)[number], n: number): Promise<number> => {
      const body = `# Minister visits Baku, report ${n}\n\nA short standfirst ${n}.\n\nThe minister arrived on Thursday.\n`;
      let a = articleSchema.parse(
        JSON.parse((await s.call(s.reporter, 'POST', '/api/articles', { desk: DESK, body })).text),
      );
      a = articleSchema.parse(
        JSON.parse((await s.call(s.reporter, 'POST', `/api/articles/${a.id}/submit`, { version: a.version })).text),
      );
      a = articleSchema.parse(
        JSON.parse((await s.call(s.editor, 'POST', `/api/articles/${a.id}/approve`, { version: a.version })).text),
      );
      const started = performance.now();
      const res = await s.call(s.editor, 'POST', `/api/articles/${a.id}/publish`, { version: a.version });
      if (res.status >= 300) throw new Error(`publish answered ${res.status}: ${res.text}`);
      const deadline = started + 60_000;
      let path = a.path;
      for (;;) {
        if (performance.now() > deadline) throw new Error(`${s.scenario.name}: story ${a.id} not live within 60 s`);
        path ??= articleSchema.parse(JSON.parse((await s.call(s.editor, 'GET', `/api/articles/${a.id}`)).text)).path;
        if (path) {
          const dayPage = path.split('/').slice(0, 5).join('/') + '/';
          const [page, desk, day] = await Promise.all([
            s.call(undefined, 'GET', path),
            s.call(undefined, 'GET', `/${DESK}/`),
            s.call(undefined, 'GET', dayPage),
          ]);
          if (page.status === 200 && desk.text.includes(path) && day.text.includes(path)) {
            return performance.now() - started;
          }
        }
        await sleep(POLL_MS);
      }
    };

    let n = 0;
    for (let w = 0; w < WARM_UP; w += 1) for (const s of sessions) await publishToLive(s, (n += 1));
    const timings = sessions.map(() => [] as number[]);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [i, s] of sessions.entries()) timings[i]!.push(await publishToLive(s, (n += 1)));
    }
    const medians = timings.map(median);
    const base = medians[0]!;
    return [
      ...sessions.map((s, i) => ({
        metric: 'publish-to-live',
        scenario: s.scenario.name,
        archiveSize: s.scenario.archive + s.scenario.sameDay,
        sameDay: s.scenario.sameDay,
        seedMs: s.seedMs,
        publishes: ROUNDS,
        medianMs: medians[i],
        allMs: timings[i]!.map(Math.round),
      })),
      {
        metric: 'publish-to-live.ratios',
        archive10000vs10: Number((medians[1]! / base).toFixed(2)),
        archive10000vs10Goal: 1.2,
        sameDay500vs1: Number((medians[2]! / base).toFixed(2)),
        sameDay500vs1Goal: 1.5,
      },
    ];
  } finally {
    await Promise.all(stacks.map((s) => s.stop()));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  for (const row of await measurePublishToLive()) console.log(JSON.stringify(row));
}
