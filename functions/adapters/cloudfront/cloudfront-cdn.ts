import { CreateInvalidationCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { Cdn } from '../../ports/cdn.js';
import type { IdGenerator } from '../../ports/clock.js';

/** CloudFront invalidations of exactly the changed paths (one request per change, deduplicated). */
export const createCloudFrontCdn = (options: {
  client: CloudFrontClient;
  distributionId: string;
  ids: IdGenerator;
}): Cdn => ({
  async invalidate(paths) {
    const items = [...new Set(paths)].map((p) => encodeURI(p));
    if (items.length === 0) return;
    await options.client.send(
      new CreateInvalidationCommand({
        DistributionId: options.distributionId,
        InvalidationBatch: { CallerReference: options.ids.next(), Paths: { Quantity: items.length, Items: items } },
      }),
    );
  },
});
