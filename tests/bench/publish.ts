/**
 * Publishing cost against archives of different sizes, on the real emulators: S3 objects written and wall time of one
 * publish (render, page, indexes, feeds, sitemaps) into archives of 10 and of 1,000 live articles, beside the time
 * the publish request itself takes (it commits; the publishing job does the rest).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  S3RVER_CREDENTIALS,
  createDocumentClient,
  createS3Client,
} from '../../functions/adapters/aws/clients.js';
import { composeAppDeps } from '../../functions/handlers/compose.js';
import { findFreePort, startDynamoDbLocal, startS3Server } from '../../functions/local/emulators.js';
import { ensureBucket, ensureTable } from '../../functions/local/provision.js';
import { DEMO_USERS } from '../../functions/local/demo-users.js';
import type { Clock } from '../../functions/ports/clock.js';
import { createArticle } from '../../functions/use-cases/create-article.js';
import { publishArticle } from '../../functions/use-cases/publish-article.js';
import { runPublishingTick } from '../../functions/use-cases/run-publishing-tick.js';
import { transitionArticle } from '../../functions/use-cases/transition-article.js';
import { seedPublishedArchive } from '../support/seed-archive.js';

const STORY = '# Ministers meet in Baku\n\nA short standfirst.\n\nThe ministers met on Thursday.\n';
const [reporter, editor] = [DEMO_USERS[0], DEMO_USERS[1]];

export async function measurePublish(sizes: readonly number[] = [10, 1_000]): Promise<Array<Record<string, unknown>>> {
  const dir = await mkdtemp(join(tmpdir(), 'newsroom-bench-'));
  const [dp, sp] = await Promise.all([findFreePort(), findFreePort()]);
  const [dynamo, s3server] = await Promise.all([
    startDynamoDbLocal({ port: dp }),
    startS3Server({ port: sp, directory: dir }),
  ]);
  const rows: Array<Record<string, unknown>> = [];
  try {
    const documentClient = createDocumentClient({ endpoint: dynamo.endpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS });
    const s3 = createS3Client({ endpoint: s3server.endpoint, credentials: S3RVER_CREDENTIALS });
    for (const size of sizes) {
      const tableName = `bench-${size}`;
      const bucket = `bench-${size}`;
      await ensureTable(documentClient, tableName);
      await ensureBucket(s3, bucket);
      const clock: Clock = { now: () => new Date('2026-11-20T09:00:00.000Z') };
      const deps = composeAppDeps({
        documentClient,
        s3,
        tableName,
        siteBucket: bucket,
        siteBaseUrl: 'https://news.example.test',
        cdn: { invalidate: async () => undefined },
        clock,
        log: { info: () => undefined, error: () => undefined },
      });
      const writes: string[] = [];
      const inner = deps.site;
      deps.site = { ...inner, put: async (o) => (writes.push(o.key), inner.put(o)) };
      await seedPublishedArchive(deps, size);
      // Several publishes per archive: the first pays for warm-up (connections, JIT), so the median is reported.
      const timings: number[] = [];
      const requestTimings: number[] = [];
      let objectsWritten = 0;
      for (let run = 0; run < 5; run += 1) {
        const article = await createArticle(deps)({ actor: reporter, desk: 'politics', body: STORY });
        await transitionArticle(deps)({ actor: reporter, id: article.id, action: 'submit', version: 1 });
        await transitionArticle(deps)({ actor: editor, id: article.id, action: 'approve', version: 2 });
        const before = writes.length;
        const started = performance.now();
        await publishArticle(deps)({ actor: editor, id: article.id, version: 3 });
        requestTimings.push(performance.now() - started);
        // The request only commits; the publishing job (as the tick or the stream runs it) writes page and indexes.
        await runPublishingTick(deps)({ ids: [article.id] });
        timings.push(performance.now() - started);
        objectsWritten = Math.max(objectsWritten, writes.length - before);
      }
      const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
      rows.push({
        metric: 'publish',
        archiveSize: size,
        objectsWrittenPerPublish: objectsWritten,
        medianPublishRequestMs: median(requestTimings),
        medianPublishMs: median(timings),
      });
    }
  } finally {
    await Promise.all([dynamo.stop(), s3server.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await measurePublish()) console.log(JSON.stringify(row));
}
