import type { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
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
    // Loaded on the first invalidation (see lazyCloudFrontClient): most requests a Lambda serves never make one.
    const { CreateInvalidationCommand } = await import('./cloudfront-sdk.js');
    await options.client.send(
      new CreateInvalidationCommand({
        DistributionId: options.distributionId,
        InvalidationBatch: { CallerReference: options.ids.next(), Paths: { Quantity: items.length, Items: items } },
      }),
    );
  },
});

/**
 * A CloudFront client created on its first `send`. The SDK's CloudFront client is about 140 KB of minified code that
 * every cold start would compile for nothing: only publishing, corrections and take-downs invalidate.
 */
export const lazyCloudFrontClient = (): { send(command: CreateInvalidationCommand): Promise<unknown> } => {
  let client: Promise<{ send(command: CreateInvalidationCommand): Promise<unknown> }> | undefined;
  return {
    async send(command) {
      client ??= import('./cloudfront-sdk.js').then((sdk) => new sdk.CloudFrontClient({}));
      return (await client).send(command);
    },
  };
};
