import { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import type { Cdn } from '../../ports/cdn.js';
import type { IdGenerator } from '../../ports/clock.js';

/**
 * CloudFront's cache key for a site path. The viewer-request function rewrites `/x/` to `/x/index.html` and CloudFront
 * caches the rewritten URI, so invalidating the pretty path alone would leave the page cached: both are purged.
 * Shared with the local CDN, which keys its cache the same way.
 */
export const cloudFrontInvalidationPaths = (sitePaths: readonly string[]): string[] => [
  ...new Set(sitePaths.flatMap((p) => (p.endsWith('/') ? [p, `${p}index.html`] : [p]))),
];

/** CloudFront invalidations of exactly the changed paths (one request per change, deduplicated). */
export const createCloudFrontCdn = (options: {
  /** A CloudFrontClient (only CreateInvalidation is sent). */
  client: { send(command: CreateInvalidationCommand): Promise<unknown> };
  distributionId: string;
  ids: IdGenerator;
}): Cdn => ({
  async invalidate(paths) {
    const items = cloudFrontInvalidationPaths(paths).map((p) => encodeURI(p));
    if (items.length === 0) return;
    await options.client.send(
      new CreateInvalidationCommand({
        DistributionId: options.distributionId,
        InvalidationBatch: { CallerReference: options.ids.next(), Paths: { Quantity: items.length, Items: items } },
      }),
    );
  },
});
