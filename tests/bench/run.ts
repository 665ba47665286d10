/**
 * `npm run bench`: every figure the project promises, as JSON lines — render time and page size of the seed, the
 * worst parse and parse+render time over adversarial 150,000-character drafts (render.adversarial.worst),
 * S3 objects written per publish against archives of 10 and 1,000, and each Lambda's bundle size and load time
 * beside its SDK-only baseline, publish latency p50/p99 under 50 users' load beside the time until the page is live,
 * and publish-to-live with 10 vs 10,000 stories in the archive and with 500 the same day (publish-to-live.ts).
 */
import { measureArchiveImport } from './archive-import.js';
import { measureBundles } from './bundles.js';
import { measurePublish, measurePublishUnderLoad } from './publish.js';
import { measurePublishToLive } from './publish-to-live.js';
import { measureRender } from './render.js';
import { measureMedia } from './media.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

for (const measure of [
  measureRender,
  measurePublish,
  measurePublishUnderLoad,
  measurePublishToLive,
  measureBundles,
  measureMedia,
  measureArchiveImport,
]) {
  for (const row of await measure()) console.log(JSON.stringify(row));
}
