import type { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import {
  cloudFrontInvalidationPaths,
  createCloudFrontCdn,
} from '../../../functions/adapters/cloudfront/cloudfront-cdn.js';

describe('CloudFront cache keys', () => {
  it('purges a pretty path and the rewritten URI CloudFront caches it under; other paths as given, once each', () => {
    expect(cloudFrontInvalidationPaths(['/politics/', '/feed.xml', '/politics/', '/politics/*'])).toEqual([
      '/politics/',
      '/politics/index.html',
      '/feed.xml',
      '/politics/*',
    ]);
  });

  it('sends one invalidation with both keys of every page (no CloudFront emulator exists: the client records)', async () => {
    const sent: CreateInvalidationCommand[] = [];
    // A recording stand-in for the SDK client: only `send` is used, and there is no emulator to run it against.
    const client = {
      send: (command: CreateInvalidationCommand) => {
        sent.push(command);
        return Promise.resolve();
      },
    };
    let n = 0;
    const cdn = createCloudFrontCdn({
      client,
      distributionId: 'E123',
      ids: { next: () => `ref-${(n += 1)}` },
    });

    await cdn.invalidate(['/politics/2026/11/20/урок/', '/']);
    await cdn.invalidate([]);

    expect(sent).toHaveLength(1);
    expect(sent[0]!.input).toEqual({
      DistributionId: 'E123',
      InvalidationBatch: {
        CallerReference: 'ref-1',
        Paths: {
          Quantity: 4,
          Items: [
            '/politics/2026/11/20/%D1%83%D1%80%D0%BE%D0%BA/',
            '/politics/2026/11/20/%D1%83%D1%80%D0%BE%D0%BA/index.html',
            '/',
            '/index.html',
          ],
        },
      },
    });
  });
});
