import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createDocumentClient, createS3Client } from '../adapters/aws/clients.js';
import { createCloudFrontCdn, noCdn } from '../adapters/cloudfront/cloudfront-cdn.js';
import { createUlidGenerator, jsonLogger } from '../adapters/system.js';
import { runPublishingTick, type TickOutcome } from '../use-cases/run-publishing-tick.js';
import { writeSiteBasics } from '../use-cases/write-site-basics.js';
import { composeAppDeps } from './compose.js';
import { parseHandlerConfig } from './config.js';

const config = parseHandlerConfig(process.env);
const ids = createUlidGenerator();
const app = composeAppDeps({
  documentClient: createDocumentClient(),
  s3: createS3Client(),
  tableName: config.tableName,
  siteBucket: config.siteBucket,
  siteBaseUrl: config.siteBaseUrl,
  desksJson: config.desksJson,
  ids,
  cdn: config.distributionId
    ? createCloudFrontCdn({ client: new CloudFrontClient({}), distributionId: config.distributionId, ids })
    : noCdn,
});
let basicsWritten = false;

/** EventBridge, every minute: publish what is due, retry failed site work, finish pending index rebuilds. */
export const handler = async (): Promise<TickOutcome> => {
  if (!basicsWritten) {
    await writeSiteBasics(app)();
    basicsWritten = true;
  }
  const outcome = await runPublishingTick(app)();
  const failed = outcome.articles.filter((a) => a.outcome === 'failed');
  jsonLogger.info('publishing tick', { ...outcome, failed: failed.length });
  // A failed article makes the invocation fail, so retries, the on-failure queue and its alarm see it.
  if (failed.length > 0) throw new Error(`site work failed for ${failed.map((f) => f.id).join(', ')}`);
  return outcome;
};
