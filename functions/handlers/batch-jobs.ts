import * as z from 'zod/mini';
import { createS3Client } from '../adapters/aws/clients.js';
import { createS3SiteStore } from '../adapters/s3/s3-site-store.js';
import type { ArticlePageInput } from '../domain/render/types.js';
import { listPublishedArticles, rerenderArticle } from '../use-cases/rerender-site.js';
import { rerenderEveryIndex } from '../use-cases/rerender-site-indexes.js';
import { writeSiteBasics } from '../use-cases/write-site-basics.js';
import { JOBS_BUCKET_ENV } from './batch-jobs-env.js';
import { parseHandlerConfig } from './config.js';
import { buildLambdaDeps } from './lambda-deps.js';

/**
 * The Step Functions Distributed Map's worker (infra/constructs/batch-jobs.ts): one task per invocation, each the same
 * use case the local CLIs run. A failed item throws, so the Map retries it and, past its retries, lists it in the
 * failure report the ResultWriter leaves in the jobs bucket.
 * - `import-item`: one Markdown object under the job's prefix (the S3 object item reader's `Key`) → importArticle;
 * - `rerender-list`: writes the manifest of published article ids the re-render Map reads;
 * - `rerender-item`: one article's page, rendered again and replaced in place;
 * - `rerender-finish`: site basics, every index rebuilt, one `/*` invalidation.
 */
const nonEmpty = z.string().check(z.minLength(1));
const taskSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('import-item'), Key: nonEmpty }),
  z.object({ task: z.literal('rerender-list'), executionId: nonEmpty }),
  z.object({ task: z.literal('rerender-item'), id: nonEmpty }),
  z.object({ task: z.literal('rerender-finish') }),
]);

const config = parseHandlerConfig(process.env);
const jobsBucket = nonEmpty.parse(process.env[JOBS_BUCKET_ENV]);
const deps = buildLambdaDeps(config);
const jobs = createS3SiteStore({ client: createS3Client(), bucket: jobsBucket });
/** Index documents written at once by `rerender-finish` (S3 takes thousands of PUTs a second per prefix). */
const INDEX_WRITES_IN_FLIGHT = 32;
/** In Lambda one invocation renders one page: in process (the Map's concurrency is the parallelism). */
const inProcess = {
  renderArticlePage: async (input: ArticlePageInput) => (await deps.loadRenderer()).renderArticlePage(input),
};

export const handler = async (event: unknown): Promise<unknown> => {
  const task = taskSchema.parse(event);
  switch (task.task) {
    case 'import-item': {
      if (!/\.(md|markdown)$/i.test(task.Key)) return { skipped: task.Key };
      const object = await jobs.get(task.Key);
      if (!object) throw new Error(`${task.Key} is gone from the jobs bucket`);
      // The path inside the uploaded folder, as the local CLI keys it: one story, one article, whichever way it came.
      const relativePath = task.Key.replace(/^imports\/[^/]+\//, '');
      // Loaded on the first import item: the front matter's YAML parser and the importer are half a megabyte, which
      // every re-render worker's cold start would otherwise load for nothing.
      const [{ importArticle }, { importItemOfMarkdown }] = await Promise.all([
        import('../use-cases/import-article.js'),
        import('../domain/import/markdown-source.js'),
      ]);
      return importArticle(deps)(importItemOfMarkdown(relativePath, new TextDecoder().decode(object.body)));
    }
    case 'rerender-list': {
      const ids: Array<{ id: string }> = [];
      for await (const a of listPublishedArticles(deps)()) ids.push({ id: a.id });
      const key = `manifests/${task.executionId.replace(/[^A-Za-z0-9-]/g, '-')}.json`;
      await jobs.put({ key, body: JSON.stringify(ids), contentType: 'application/json', cacheControl: 'no-store' });
      return { bucket: jobsBucket, key, count: ids.length };
    }
    case 'rerender-item':
      return rerenderArticle(deps, inProcess)(task.id);
    case 'rerender-finish': {
      const published: Array<{ id: string; desk: string; path: string; publishedAt: string }> = [];
      for await (const a of listPublishedArticles(deps)())
        if (a.path && a.firstPublishedAt) {
          published.push({ id: a.id, desk: a.desk, path: a.path, publishedAt: a.firstPublishedAt });
        }
      await writeSiteBasics(deps)();
      const outcome = await rerenderEveryIndex(deps, { writesInFlight: INDEX_WRITES_IN_FLIGHT })(published);
      await deps.cdn.invalidate(['/*']);
      return outcome;
    }
  }
};
