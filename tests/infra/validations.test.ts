import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_ENV } from '../../functions/handlers/config.js';
import { parseDeployConfig } from '../../infra/config.js';
import { NewsroomTable } from '../../infra/constructs/newsroom-table.js';
import { PrivateBucket } from '../../infra/constructs/private-bucket.js';
import {
  addNewsroomValidations,
  buildNewsroomApp,
  NEWSROOM_APP_CONTEXT,
  STACK_NAMES,
} from '../../infra/newsroom-app.js';
import { findResource } from './template-helpers.js';

const outdir = () => mkdtempSync(path.join(tmpdir(), 'newsroom-cdk-'));
// Skips esbuild: these tests are about the templates' shape, not the bundles (stacks.test.ts bundles).
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

describe('the validation gate', () => {
  it('fails synthesis on an unacknowledged cdk-nag error', () => {
    const app = new App({ outdir: outdir(), context: NEWSROOM_APP_CONTEXT });
    addNewsroomValidations(app);
    new Bucket(new Stack(app, 'Careless'), 'OpenBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });

  it('accepts a finding only where it is acknowledged', () => {
    const build = (acknowledge: boolean) => {
      const app = new App({ outdir: outdir(), context: NEWSROOM_APP_CONTEXT });
      addNewsroomValidations(app);
      const stack = new Stack(app, 'Careful');
      // A private bucket without server access logs (AwsSolutions-S1).
      const scratch = new PrivateBucket(stack, 'Scratch');
      if (acknowledge)
        Validations.of(scratch).acknowledge({ id: 'AwsSolutions-S1', reason: 'scratch space, nothing to audit' });
      return app;
    };
    expect(() => build(false).synth()).toThrow(/Careful\/Scratch[\s\S]*AwsSolutions-S1/);
    expect(() => build(true).synth()).not.toThrow();
  });
});

describe('safe defaults with opt-outs', () => {
  it('turns off recovery and protection of a table only with a reason, recorded on the construct', () => {
    const stack = new Stack(new App({ context: NO_BUNDLING }), 'Scratch');
    const table = new NewsroomTable(stack, 'Table', {
      pointInTimeRecovery: { enabled: false, reason: 'throw-away preview environment' },
      protection: { enabled: false, reason: 'throw-away preview environment' },
    });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: {
        DeletionProtectionEnabled: false,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      },
    });
    expect(table.node.metadata.map((m) => [m.type, m.data])).toEqual([
      ['newsroom:opt-out:pointInTimeRecovery', 'throw-away preview environment'],
      ['newsroom:opt-out:protection', 'throw-away preview environment'],
    ]);
  });

  it('narrows a bucket policy to one distribution when its id is pinned', () => {
    const stack = new Stack(new App(), 'Scratch');
    new PrivateBucket(stack, 'Site').grantCloudFrontRead('E2ABCDEF12345');
    const [policy] = findResource(Template.fromStack(stack), 'AWS::S3::BucketPolicy');
    const allow = policy!.properties.PolicyDocument.Statement.find((s: { Effect: string }) => s.Effect === 'Allow');
    expect(allow.Condition).toEqual({
      StringEquals: {
        'AWS:SourceAccount': { Ref: 'AWS::AccountId' },
        'AWS:SourceArn': {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':cloudfront::',
              { Ref: 'AWS::AccountId' },
              ':distribution/E2ABCDEF12345',
            ],
          ],
        },
      },
    });
  });
});

describe('deploy options', () => {
  let stateless: Template;
  let stateful: Template;

  beforeAll(() => {
    const { app } = buildNewsroomApp({
      outdir: outdir(),
      context: {
        ...NO_BUNDLING,
        webAppDir: 'tests/.tmp/no-web-app-here',
        domainName: 'news.example.org',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
        mfa: 'optional',
        authDomainPrefix: 'example-newsroom',
        apiThrottleRate: '20',
      },
    });
    const assembly = app.synth();
    stateful = Template.fromJSON(assembly.getStackByName(STACK_NAMES.stateful).template);
    stateless = Template.fromJSON(assembly.getStackByName(STACK_NAMES.stateless).template);
  });

  it('serves a custom domain with its certificate and TLS 1.2 at least', () => {
    const [distribution] = findResource(stateless, 'AWS::CloudFront::Distribution');
    expect(distribution!.properties.DistributionConfig).toMatchObject({
      Aliases: ['news.example.org'],
      ViewerCertificate: {
        AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
  });

  it('uses the custom domain for the site URL and the sign-in callback', () => {
    const api = findResource(stateless, 'AWS::Lambda::Function').find((f) => f.id.startsWith('ApiHandler'));
    expect(api!.properties.Environment.Variables[HANDLER_ENV.siteBaseUrl]).toBe('https://news.example.org');
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://news.example.org/newsroom/'],
    });
  });

  it('makes MFA optional and names the sign-in domain as asked', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL' });
    stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'example-newsroom' });
  });

  it('reads numbers from command-line strings', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 100 },
    });
  });
});

describe('parseDeployConfig', () => {
  it('refuses a domain without its certificate, naming both options', () => {
    expect(() => parseDeployConfig({ domainName: 'news.example.org' })).toThrow(
      /domainName and certificateArn go together/,
    );
  });

  it('refuses a certificate outside us-east-1', () => {
    expect(() =>
      parseDeployConfig({
        domainName: 'news.example.org',
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
      }),
    ).toThrow(/certificateArn must be an ACM certificate in us-east-1/);
  });

  it('reads another desks file when asked', () => {
    expect(() => parseDeployConfig({ desks: 'content/no-such-desks.json' })).toThrow(/Desks file not found/);
    expect(parseDeployConfig({}).desks.map((d) => d.id)).toEqual(['politics', 'world']);
  });
});
