import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { WEB_APP_PLACEHOLDER_DIR } from '../../infra/stacks/stateless-stack.js';
import { WEB_APP_HASHED_FILES, WebAppDeployment } from '../../infra/constructs/web-app-deployment.js';
import { findResource } from './template-helpers.js';

const builtDir = mkdtempSync(path.join(tmpdir(), 'newsroom-web-'));
writeFileSync(path.join(builtDir, 'index.html'), '<!doctype html><title>Newsroom</title>');
afterAll(() => {
  rmSync(builtDir, { recursive: true, force: true });
});

const build = (dir: string) => {
  const stack = new Stack(new App(), 'Test');
  new WebAppDeployment(stack, 'WebApp', {
    bucket: new Bucket(stack, 'WebAppBucket'),
    keyPrefix: 'newsroom/',
    builtDir: dir,
    placeholderDir: WEB_APP_PLACEHOLDER_DIR,
    config: { auth: 'cognito', clientId: 'client-1' },
  });
  return { stack, template: Template.fromStack(stack) };
};

describe('WebAppDeployment', () => {
  it('copies hashed assets (immutable, pruned), then the pages (revalidated), then config.json', () => {
    const deployments = findResource(build(builtDir).template, 'Custom::CDKBucketDeployment');
    expect(
      deployments.map((d) => [
        d.id.replace(/CustomResource.*$/, ''),
        d.properties.DestinationBucketKeyPrefix,
        d.properties.Prune,
        d.properties.SystemMetadata['cache-control'],
        d.resource.DependsOn,
      ]),
    ).toEqual([
      ['WebAppAssets', 'newsroom/', true, 'public, max-age=31536000, immutable', undefined],
      [
        'WebAppPages',
        'newsroom/',
        false,
        'no-cache',
        expect.arrayContaining([expect.stringMatching(/^WebAppAssetsCustomResource/)]),
      ],
      [
        'WebAppConfig',
        'newsroom/',
        false,
        'no-cache',
        expect.arrayContaining([expect.stringMatching(/^WebAppPagesCustomResource/)]),
      ],
    ]);
    expect(deployments[0]?.properties.Exclude).toEqual(['*']);
    expect(deployments[0]?.properties.Include).toEqual(WEB_APP_HASHED_FILES);
    expect(deployments[1]?.properties.Exclude).toEqual([...WEB_APP_HASHED_FILES, 'config.json']);
  });

  it('deploys a placeholder page, and says so, when the app is not built', () => {
    const missing = build(path.join(builtDir, 'not-here'));
    Annotations.fromStack(missing.stack).hasInfo('/Test/WebApp', Match.stringLikeRegexp('The web app is not built'));
    const built = build(builtDir);
    Annotations.fromStack(built.stack).hasNoInfo('/Test/WebApp', Match.anyValue());
  });
});
