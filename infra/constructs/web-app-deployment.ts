import { existsSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Duration } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** Content-hashed web app files (esbuild's `[name].[hash]`), served as immutable. */
export const WEB_APP_HASHED_FILES = ['*.????????.js', '*.????????.css'];

export interface WebAppDeploymentProps {
  /** The private bucket the distribution serves the web app from. */
  bucket: IBucket;
  /** Key prefix in the bucket, without a leading slash (`newsroom/`): the path the distribution serves it under. */
  keyPrefix: string;
  /** The built app (`npm run build:web` writes `dist/web`). */
  builtDir: string;
  /** A stand-in page deployed when the app is not built, so `cdk synth` works on a fresh checkout. */
  placeholderDir: string;
  /** The app's `config.json`, built from the stack's values (Cognito domain, client id, …). */
  config: Record<string, unknown>;
}

/**
 * Copies the newsroom web app into its bucket in three steps, like the local stack serves it: content-hashed files
 * (immutable, pruned when replaced), then the pages that name them (revalidated on each load, so a deploy takes effect
 * without an invalidation), then `config.json` last.
 *
 * Logical ids: the deployments are custom resources holding no data (the files stay when one is replaced, since
 * `retainOnDelete` is on), so their ids may change.
 */
export class WebAppDeployment extends Construct {
  readonly assets: BucketDeployment;
  readonly pages: BucketDeployment;
  readonly settings: BucketDeployment;

  constructor(scope: Construct, id: string, props: WebAppDeploymentProps) {
    super(scope, id);
    const built = existsSync(path.join(props.builtDir, 'index.html'));
    if (!built) {
      Annotations.of(this).addInfo(
        `The web app is not built (${props.builtDir}); deploying a placeholder page. Run npm run build:web first (npm run deploy does).`,
      );
    }
    const source = Source.asset(built ? props.builtDir : props.placeholderDir);
    const revalidate = [CacheControl.noCache()];
    const common = { destinationBucket: props.bucket, destinationKeyPrefix: props.keyPrefix, memoryLimit: 512 };
    this.assets = new BucketDeployment(this, 'Assets', {
      ...common,
      sources: [source],
      exclude: ['*'],
      include: WEB_APP_HASHED_FILES,
      // Prunes replaced hashed files; files it excludes (the rest) are never pruned by it.
      prune: true,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    this.pages = new BucketDeployment(this, 'Pages', {
      ...common,
      sources: [source],
      exclude: [...WEB_APP_HASHED_FILES, 'config.json'],
      prune: false,
      cacheControl: revalidate,
    });
    this.settings = new BucketDeployment(this, 'Config', {
      ...common,
      sources: [Source.jsonData('config.json', props.config)],
      prune: false,
      cacheControl: revalidate,
    });
    // New assets before the index.html that names them; the configuration last.
    this.pages.node.addDependency(this.assets);
    this.settings.node.addDependency(this.pages);
  }
}
