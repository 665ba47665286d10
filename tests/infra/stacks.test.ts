import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type IndexDefinition,
  TABLE_INDEXES,
  TABLE_TTL_ATTRIBUTE,
} from '../../functions/adapters/dynamodb/table-definition.js';
import { NEWSROOM_APP_CSP, PUBLIC_SITE_CSP } from '../../functions/edge/security-headers.js';
import { HANDLER_ENV } from '../../functions/handlers/config.js';
import { EVENT_CONSUMERS } from '../../functions/use-cases/deliver-event.js';
import { API_ROUTES } from '../../infra/constructs/newsroom-api.js';
import { API_CSP, EDGE_FUNCTION_FILES } from '../../infra/constructs/newsroom-distribution.js';
import { NEWSROOM_RUNTIME } from '../../infra/constructs/newsroom-function.js';
import { NOT_FOUND_BUCKET_ENV } from '../../infra/functions/not-found-env.js';
import { buildNewsroomApp, STACK_NAMES } from '../../infra/newsroom-app.js';
import {
  collectAcknowledgments,
  findResource,
  logicalIdOf,
  normalizeForSnapshot,
  policyStatementsOf,
  type Statement,
} from './template-helpers.js';

/**
 * One synthesis of the whole app, as `npm run synth` does it (bundling, cdk-nag, CloudFormation validation), shared by
 * every assertion in this file. The web app directory points nowhere so the placeholder is deployed and the snapshot
 * does not depend on whether someone has built the web app.
 */
let outdir: string;
let stateful: Template;
let stateless: Template;
let acknowledgments: ReturnType<typeof collectAcknowledgments>;
let logicalIds: {
  api: string;
  tick: string;
  notFound: string;
  batchWorker: string;
  apiLogs: string;
  tickLogs: string;
  notFoundLogs: string;
  queue: string;
  distribution: string;
  authorizer: string;
  client: string;
  media: string;
  mediaLogs: string;
};

beforeAll(() => {
  const {
    app,
    stateful: statefulStack,
    stateless: statelessStack,
  } = buildNewsroomApp({
    outdir: (outdir = mkdtempSync(path.join(tmpdir(), 'newsroom-cdk-'))),
    context: { webAppDir: 'tests/.tmp/no-web-app-here' },
  });
  // Throws when any validation plugin (cdk-nag packs, CloudFormation validation) reports an unacknowledged error.
  const assembly = app.synth();
  stateful = Template.fromJSON(assembly.getStackByName(STACK_NAMES.stateful).template);
  stateless = Template.fromJSON(assembly.getStackByName(STACK_NAMES.stateless).template);
  acknowledgments = collectAcknowledgments(app);
  logicalIds = {
    api: logicalIdOf(statelessStack.apiFunction.fn),
    tick: logicalIdOf(statelessStack.tickFunction.fn),
    notFound: logicalIdOf(statelessStack.notFoundFunction.fn),
    batchWorker: logicalIdOf(statelessStack.batchJobs.worker.fn),
    apiLogs: logicalIdOf(statelessStack.apiFunction.logGroup),
    tickLogs: logicalIdOf(statelessStack.tickFunction.logGroup),
    notFoundLogs: logicalIdOf(statelessStack.notFoundFunction.logGroup),
    queue: logicalIdOf(statelessStack.failures.queue),
    distribution: logicalIdOf(statelessStack.site.distribution),
    authorizer: findResource(stateless, 'AWS::ApiGatewayV2::Authorizer')[0]!.id,
    client: logicalIdOf(statelessStack.webAppClient.client),
    media: logicalIdOf(statelessStack.media.fn.fn),
    mediaLogs: logicalIdOf(statelessStack.media.fn.logGroup),
  };
  expect(statefulStack.stackName).toBe('NewsroomStateful');
});

describe('the app', () => {
  it('synthesizes with cdk-nag and CloudFormation validation, every acknowledgment carrying a specific reason', () => {
    expect(acknowledgments.length).toBeGreaterThan(0);
    // aws-cdk-lib acknowledges a few CloudFormation-Validate findings on its own constructs; the rest are ours.
    const ours = acknowledgments.filter((a) => !a.id.startsWith('CloudFormation-Validate::'));
    expect(ours.length).toBeGreaterThan(10);
    for (const ack of ours) {
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(60);
      // Each acknowledged rule is named exactly, never a whole pack.
      expect(ack.id).toMatch(/^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$|^@aws-cdk\//);
    }
  });

  it('keeps every stateful resource in the stateful stack', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Cognito::UserPool']) {
      expect(Object.keys(stateless.findResources(type))).toEqual([]);
    }
    for (const type of ['AWS::Lambda::Function', 'AWS::ApiGatewayV2::Api', 'AWS::CloudFront::Distribution']) {
      expect(Object.keys(stateful.findResources(type))).toEqual([]);
    }
  });
});

describe('NewsroomTable', () => {
  it('is on-demand, recoverable to a point in time, deletion-protected and retained', () => {
    stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: TABLE_TTL_ATTRIBUTE, Enabled: true },
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    });
  });

  it('has exactly the indexes of the shared table definition', () => {
    const [table] = findResource(stateful, 'AWS::DynamoDB::Table');
    expect(table!.properties.GlobalSecondaryIndexes).toEqual(
      (TABLE_INDEXES as readonly IndexDefinition[]).map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: index.projectedAttributes
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projectedAttributes] }
          : { ProjectionType: 'ALL' },
      })),
    );
  });
});

describe('PrivateBucket', () => {
  it('blocks public access, encrypts, and is retained, for every bucket', () => {
    const buckets = findResource(stateful, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(5); // site, web app, access logs, uploads, batch jobs;
    for (const bucket of buckets) {
      expect(bucket.resource.DeletionPolicy, bucket.id).toBe('Retain');
      expect(bucket.properties.PublicAccessBlockConfiguration, bucket.id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.properties.BucketEncryption, bucket.id).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
    }
  });

  it('versions the site and web app buckets and logs their access', () => {
    for (const [id, prefix] of [
      ['SiteBucket', 's3/site/'],
      ['WebAppBucket', 's3/web-app/'],
    ] as const) {
      const bucket = findResource(stateful, 'AWS::S3::Bucket').find((b) => b.id.startsWith(id));
      expect(bucket?.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket?.properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: prefix });
    }
  });

  it('denies every request without TLS 1.2, and allows reads to CloudFront origin access control only', () => {
    for (const policy of findResource(stateful, 'AWS::S3::BucketPolicy')) {
      const statements = policy.properties.PolicyDocument.Statement as Statement[];
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
      for (const allow of statements.filter((s) => s.Effect === 'Allow')) {
        // S3's own log delivery may write the access log bucket; nobody else is allowed anything.
        expect([{ Service: 'cloudfront.amazonaws.com' }, { Service: 'logging.s3.amazonaws.com' }]).toContainEqual(
          allow.Principal,
        );
      }
    }
    const site = findResource(stateful, 'AWS::S3::BucketPolicy').find((p) => p.id.startsWith('SiteBucket'));
    expect(site?.properties.PolicyDocument.Statement).toContainEqual({
      Sid: 'AllowCloudFrontOriginAccessControlRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^SiteBucket/), 'Arn'] }, '/*']] },
      Condition: {
        StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: {
          'AWS:SourceArn': {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/*'],
            ],
          },
        },
      },
    });
  });
});

describe('NewsroomUserPool', () => {
  it('has the role groups and one group per configured desk', () => {
    const groups = findResource(stateful, 'AWS::Cognito::UserPoolGroup');
    expect(groups.map((g) => g.properties.GroupName)).toEqual([
      'reporters',
      'chief-editors',
      'desk-politics',
      'desk-world',
    ]);
    for (const group of groups) expect(group.resource.DeletionPolicy).toBe('Retain');
  });

  it('admits only invited users, with a strong password and TOTP MFA, and is protected and retained', () => {
    stateful.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        DeletionProtection: 'ACTIVE',
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 14,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            RequireUppercase: true,
            TemporaryPasswordValidityDays: 3,
          },
        },
      }),
    });
  });

  it('gives the web app a public client: authorization code (PKCE), callbacks under /newsroom/', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: [
        { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIds.distribution, 'DomainName'] }, '/newsroom/']] },
      ],
    });
  });
});

describe('NewsroomFunction', () => {
  const newsroomFunctions = () =>
    findResource(stateless, 'AWS::Lambda::Function').filter(
      (f) =>
        [logicalIds.api, logicalIds.tick, logicalIds.notFound, logicalIds.media, logicalIds.batchWorker].includes(
          f.id,
        ) || /^Events[A-Z]\w*[0-9A-F]{8}$/.test(f.id),
    );

  it('uses the newest Node.js runtime that aws-cdk-lib offers', () => {
    const newest = Runtime.ALL.filter((r) => r.family === RuntimeFamily.NODEJS && /^nodejs\d+\.x$/.test(r.name))
      .map((r) => r.name)
      .sort((a, b) => Number.parseInt(b.slice(6), 10) - Number.parseInt(a.slice(6), 10))[0];
    expect(NEWSROOM_RUNTIME.name).toBe(newest);
  });

  it('runs every Node.js function on arm64, that runtime, with JSON logs into a log group with retention', () => {
    const functions = newsroomFunctions();
    // api, tick, 404, the photo processor, the batch worker, and one per event consumer (tests/infra/event-pipeline.test.ts).
    expect(functions).toHaveLength(5 + EVENT_CONSUMERS.length);
    for (const fn of functions) {
      expect(fn.properties.Runtime, fn.id).toBe(NEWSROOM_RUNTIME.name);
      expect(fn.properties.Architectures, fn.id).toEqual(['arm64']);
      expect(fn.properties.Handler, fn.id).toBe('index.handler');
      expect(fn.properties.LoggingConfig, fn.id).toMatchObject({
        LogFormat: 'JSON',
        LogGroup: { Ref: expect.any(String) },
      });
      expect(fn.properties.MemorySize, fn.id).toEqual(expect.any(Number));
      expect(fn.properties.Timeout, fn.id).toEqual(expect.any(Number));
    }
    for (const logs of findResource(stateless, 'AWS::Logs::LogGroup'))
      expect(logs.properties.RetentionInDays, logs.id).toBe(90);
    // The only other function is CDK's BucketDeployment provider (Python, deploy time only), acknowledged by name.
    const ours = functions.map((f) => f.id);
    const others = findResource(stateless, 'AWS::Lambda::Function').filter((f) => !ours.includes(f.id));
    expect(others.map((f) => f.id)).toEqual([expect.stringMatching(/^CustomCDKBucketDeployment/)]);
  });

  it('gives the API and the tick the environment named in HANDLER_ENV, from the stack', () => {
    for (const id of [logicalIds.api, logicalIds.tick]) {
      const fn = findResource(stateless, 'AWS::Lambda::Function').find((f) => f.id === id)!;
      const variables = fn.properties.Environment.Variables as Record<string, unknown>;
      expect(Object.keys(variables).sort()).toEqual([...Object.values(HANDLER_ENV), 'NODE_OPTIONS'].sort());
      expect(variables[HANDLER_ENV.distributionId]).toEqual({ Ref: logicalIds.distribution });
      expect(variables[HANDLER_ENV.siteBaseUrl]).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIds.distribution, 'DomainName'] }]],
      });
      expect(variables[HANDLER_ENV.authAudience]).toEqual({ Ref: logicalIds.client });
      expect(JSON.parse(variables[HANDLER_ENV.desks] as string)).toEqual(
        JSON.parse(readFileSync('content/desks.json', 'utf8')),
      );
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });

  it('gives the 404 function the site bucket under the same name the handlers use', () => {
    expect(NOT_FOUND_BUCKET_ENV).toBe(HANDLER_ENV.siteBucket);
    const fn = findResource(stateless, 'AWS::Lambda::Function').find((f) => f.id === logicalIds.notFound)!;
    expect(Object.keys(fn.properties.Environment.Variables).sort()).toEqual(['NODE_OPTIONS', NOT_FOUND_BUCKET_ENV]);
  });

  it('sends failed asynchronous invocations to the failure queue after two retries', () => {
    // The event consumers' failures go to the events failure queue (tests/infra/event-pipeline.test.ts).
    const configs = findResource(stateless, 'AWS::Lambda::EventInvokeConfig').filter(
      (c) => !String(c.properties.FunctionName.Ref).startsWith('Events'),
    );
    expect(configs.map((c) => c.properties.FunctionName.Ref).sort()).toEqual(
      [logicalIds.api, logicalIds.notFound, logicalIds.tick, logicalIds.media, logicalIds.batchWorker].sort(),
    );
    for (const config of configs) {
      expect(config.properties).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIds.queue, 'Arn'] } } },
      });
    }
  });
});

describe('least privilege', () => {
  const table = { 'Fn::ImportValue': expect.stringMatching(/^NewsroomStateful:ExportsOutputFnGetAttTable.*Arn/) };
  const siteBucketArn = { 'Fn::ImportValue': 'NewsroomStateful-SiteBucketArn' };
  const ownBasics = (logs: string) => [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [logs, 'Arn'] },
    },
    {
      Effect: 'Allow',
      Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      Resource: { 'Fn::GetAtt': [logicalIds.queue, 'Arn'] },
    },
  ];
  const dataAndSite = [
    {
      Sid: 'ArticleItems',
      Effect: 'Allow',
      Action: [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
      Resource: table,
    },
    {
      Sid: 'ArticleIndexes',
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: TABLE_INDEXES.map((index) => ({ 'Fn::Join': ['', [table, `/index/${index.indexName}`]] })),
    },
    {
      Sid: 'SiteObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: { 'Fn::Join': ['', [siteBucketArn, '/*']] },
    },
    { Sid: 'SiteListing', Effect: 'Allow', Action: 's3:ListBucket', Resource: siteBucketArn },
  ];
  const invalidation = () => ({
    Sid: 'CdnInvalidation',
    Effect: 'Allow',
    Action: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
    Resource: {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cloudfront::',
          { Ref: 'AWS::AccountId' },
          ':distribution/',
          { Ref: logicalIds.distribution },
        ],
      ],
    },
  });

  const uploadsBucketArn = { 'Fn::ImportValue': 'NewsroomStateful-UploadsBucketArn' };
  /** Photo desk: presign and re-announce originals, read renditions, read media items in batches. */
  const mediaUse = [
    {
      Sid: 'MediaOriginals',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: { 'Fn::Join': ['', [uploadsBucketArn, '/uploads/*']] },
    },
    {
      Sid: 'MediaRenditionRead',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [uploadsBucketArn, '/media/*']] },
    },
    { Sid: 'MediaBatchRead', Effect: 'Allow', Action: 'dynamodb:BatchGetItem', Resource: table },
  ];

  it('lets the API write its own logs, the table, the site bucket and invalidate this distribution only', () => {
    expect(policyStatementsOf(stateless, logicalIds.api)).toEqual([
      ...ownBasics(logicalIds.apiLogs),
      ...dataAndSite,
      invalidation(),
      ...mediaUse,
    ]);
  });

  it('lets the photo processor read and discard originals, write renditions and update media items only', () => {
    expect(policyStatementsOf(stateless, logicalIds.media)).toEqual([
      ...ownBasics(logicalIds.mediaLogs),
      {
        Sid: 'ReadAndDiscardOriginals',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:DeleteObject'],
        Resource: { 'Fn::Join': ['', [uploadsBucketArn, '/uploads/*']] },
      },
      {
        Sid: 'WriteRenditions',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: { 'Fn::Join': ['', [uploadsBucketArn, '/media/*']] },
      },
      {
        Sid: 'MediaRecords',
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        Resource: table,
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MEDIA#*'] } },
      },
    ]);
  });

  it('gives the tick the same grants as the API, and reads of the stream that starts it, on its own log group', () => {
    expect(policyStatementsOf(stateless, logicalIds.tick)).toEqual([
      ...ownBasics(logicalIds.tickLogs),
      ...dataAndSite,
      invalidation(),
      ...mediaUse,
      {
        Sid: 'ArticleStream',
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        Resource: {
          'Fn::ImportValue': expect.stringMatching(/^NewsroomStateful:ExportsOutputFnGetAttTable.*StreamArn/),
        },
      },
    ]);
  });

  it('starts the publishing job from the table stream, only for due items no job holds and no failure marks', () => {
    const mappings = findResource(stateless, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const [mapping] = mappings;
    expect(mapping!.properties).toMatchObject({
      FunctionName: { Ref: logicalIds.tick },
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIds.queue, 'Arn'] } } },
    });
    const patterns = z
      .object({ Filters: z.array(z.object({ Pattern: z.string() })) })
      .parse(mapping!.properties.FilterCriteria)
      .Filters.map((f) => JSON.parse(f.Pattern) as unknown);
    expect(patterns).toEqual([
      {
        eventName: ['INSERT', 'MODIFY'],
        dynamodb: {
          NewImage: { gsi5pk: { S: ['DUE'] }, leaseOwner: [{ exists: false }], publishError: [{ exists: false }] },
        },
      },
    ]);
    stateful.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
  });

  it('lets the 404 function read one object', () => {
    expect(policyStatementsOf(stateless, logicalIds.notFound)).toEqual([
      ...ownBasics(logicalIds.notFoundLogs),
      {
        Sid: 'SiteObjectRead',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [siteBucketArn, '/404.html']] },
      },
    ]);
  });

  it('grants no "*" resource anywhere, and wildcard actions only to CDK\'s acknowledged deployment provider', () => {
    for (const template of [stateful, stateless]) {
      for (const policy of [
        ...findResource(template, 'AWS::IAM::Policy'),
        ...findResource(template, 'AWS::IAM::Role'),
      ]) {
        const documents =
          policy.resource.Type === 'AWS::IAM::Policy'
            ? [policy.properties.PolicyDocument]
            : (policy.properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument);
        for (const statement of documents
          .flatMap((d: { Statement: Statement[] }) => d.Statement)
          .filter((s: Statement) => s.Effect === 'Allow')) {
          expect([statement.Resource].flat(), policy.id).not.toContain('*');
          const wildcardActions = [statement.Action].flat().filter((a) => typeof a === 'string' && a.includes('*'));
          if (wildcardActions.length > 0) expect(policy.id).toMatch(/^CustomCDKBucketDeployment/);
        }
      }
    }
    const providerAcks = acknowledgments.filter((a) => a.path.includes('Custom::CDKBucketDeployment')).map((a) => a.id);
    expect(providerAcks).toEqual(
      expect.arrayContaining(['AwsSolutions-IAM5[Action::s3:GetObject*]', 'AwsSolutions-IAM5[Action::s3:List*]']),
    );
  });
});

describe('NewsroomApi', () => {
  it('declares exactly the API routes, each behind the Cognito JWT authorizer, and no dev-token route', () => {
    const routes = findResource(stateless, 'AWS::ApiGatewayV2::Route');
    expect(routes.map((r) => r.properties.RouteKey).sort()).toEqual(
      API_ROUTES.map((r) => `${r.method} ${r.path}`).sort(),
    );
    expect(routes).toHaveLength(14);
    for (const route of routes) {
      expect(route.properties, route.properties.RouteKey).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: logicalIds.authorizer },
      });
    }
    expect(
      routes
        .map((r) => r.properties.RouteKey)
        .filter((key: string) => key.includes('/api/dev') || key.includes('$default')),
    ).toEqual([]);
  });

  it('checks tokens from the user pool for the web app client, with the issuer the functions check too', () => {
    const [authorizer] = findResource(stateless, 'AWS::ApiGatewayV2::Authorizer');
    const issuer = {
      'Fn::Join': [
        '',
        [
          'https://cognito-idp.',
          { Ref: 'AWS::Region' },
          '.amazonaws.com/',
          { 'Fn::ImportValue': expect.stringMatching(/Users/) },
        ],
      ],
    };
    expect(authorizer!.properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: logicalIds.client }], Issuer: issuer },
    });
    const api = findResource(stateless, 'AWS::Lambda::Function').find((f) => f.id === logicalIds.api)!;
    expect(api.properties.Environment.Variables[HANDLER_ENV.authIssuer]).toEqual(
      authorizer!.properties.JwtConfiguration.Issuer,
    );
  });

  it('throttles the stage and writes JSON access logs', () => {
    const [stage] = findResource(stateless, 'AWS::ApiGatewayV2::Stage');
    expect(stage!.properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const format = JSON.parse(stage!.properties.AccessLogSettings.Format as string);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      routeKey: '$context.routeKey',
    });
  });
});

describe('NewsroomDistribution', () => {
  const distributionConfig = () =>
    findResource(stateless, 'AWS::CloudFront::Distribution')[0]!.properties.DistributionConfig;
  const behaviour = (pattern: string) =>
    distributionConfig().CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === pattern);
  const origin = (id: string) => distributionConfig().Origins.find((o: { Id: string }) => o.Id === id);

  it('serves the site bucket through origin access control, falling back to the 404 function on 403/404', () => {
    const config = distributionConfig();
    const [group] = config.OriginGroups.Items;
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(group.Id);
    expect(group.FailoverCriteria.StatusCodes.Items).toEqual([403, 404]);
    const [primary, fallback] = group.Members.Items.map((m: { OriginId: string }) => origin(m.OriginId));
    expect(primary.DomainName).toEqual({ 'Fn::ImportValue': expect.stringMatching(/SiteBucket.*RegionalDomainName/) });
    expect(primary.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(primary.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(fallback.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    // No distribution-wide error pages: they would replace the API's JSON 403/404 too.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('signs every origin request with SigV4 (OAC for S3 and for the function URL)', () => {
    const controls = findResource(stateless, 'AWS::CloudFront::OriginAccessControl').map(
      (c) => c.properties.OriginAccessControlConfig,
    );
    expect(controls.map((c) => c.OriginAccessControlOriginType).sort()).toEqual(['lambda', 's3', 's3']);
    for (const control of controls)
      expect(control).toMatchObject({ SigningBehavior: 'always', SigningProtocol: 'sigv4' });
  });

  it('lets only CloudFront invoke the 404 function URL', () => {
    stateless.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      TargetFunctionArn: { 'Fn::GetAtt': [logicalIds.notFound, 'Arn'] },
    });
    stateless.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      Principal: 'cloudfront.amazonaws.com',
      SourceArn: Match.anyValue(),
    });
  });

  it('sends /api/* uncached to the HTTP API with every viewer header except Host', () => {
    const api = behaviour('/api/*');
    expect(api).toMatchObject({
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      ViewerProtocolPolicy: 'https-only',
    });
    expect(origin(api.TargetOriginId).CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it('serves /newsroom/* from the web app bucket with the rewrite, and the site with the rewrite and the 410 marker', () => {
    const app = behaviour('/newsroom/*');
    expect(origin(app.TargetOriginId).DomainName).toEqual({
      'Fn::ImportValue': expect.stringMatching(/WebAppBucket.*RegionalDomainName/),
    });
    expect(app.FunctionAssociations.map((f: { EventType: string }) => f.EventType)).toEqual(['viewer-request']);
    expect(
      distributionConfig().DefaultCacheBehavior.FunctionAssociations.map((f: { EventType: string }) => f.EventType),
    ).toEqual(['viewer-request', 'viewer-response']);
  });

  it('deploys the very files the local stack runs as CloudFront Functions', () => {
    const codes = findResource(stateless, 'AWS::CloudFront::Function').map((f) => f.properties);
    expect(codes.map((c) => c.FunctionCode).sort()).toEqual(
      [
        readFileSync(EDGE_FUNCTION_FILES.viewerRequest, 'utf8'),
        readFileSync(EDGE_FUNCTION_FILES.viewerResponse, 'utf8'),
      ].sort(),
    );
    for (const code of codes) expect(code.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
  });

  it('adds CSP, HSTS, nosniff, referrer policy and frame denial from the shared definition', () => {
    const policies = findResource(stateless, 'AWS::CloudFront::ResponseHeadersPolicy').map(
      (p) => p.properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig,
    );
    expect(policies.map((p) => p.ContentSecurityPolicy.ContentSecurityPolicy).sort()).toEqual(
      [API_CSP, NEWSROOM_APP_CSP, PUBLIC_SITE_CSP].sort(),
    );
    for (const p of policies) {
      expect(p).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
        ContentTypeOptions: { Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      });
    }
    const publicPolicy = policies.find((p) => p.ContentSecurityPolicy.ContentSecurityPolicy === PUBLIC_SITE_CSP);
    expect(publicPolicy.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(PUBLIC_SITE_CSP).toContain("frame-ancestors 'none'");
  });

  it('writes access logs to the log bucket', () => {
    expect(distributionConfig().Logging).toEqual({
      Bucket: { 'Fn::ImportValue': expect.stringMatching(/AccessLogs.*RegionalDomainName/) },
      Prefix: 'cloudfront/',
    });
  });
});

describe('scheduled publishing and failures', () => {
  it('runs the tick every minute, with retries and a dead-letter queue for undeliverable events', () => {
    stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [logicalIds.tick, 'Arn'] },
          Id: 'Target0',
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIds.queue, 'Arn'] } },
        },
      ],
    });
  });

  it('raises an alarm as soon as one failure is in the queue', () => {
    stateless.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIds.queue, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^FailuresAlarms') }],
    });
  });
});

describe('the web app', () => {
  it('is copied in order: immutable hashed assets, then the pages (revalidated), then config.json', () => {
    const deployments = findResource(stateless, 'Custom::CDKBucketDeployment');
    expect(
      deployments.map((d) => [
        d.id.replace(/CustomResource.*$/, ''),
        d.properties.Prune,
        d.properties.SystemMetadata['cache-control'],
        d.resource.DependsOn,
      ]),
    ).toEqual([
      ['WebAppAssets', true, 'public, max-age=31536000, immutable', undefined],
      [
        'WebAppPages',
        false,
        'no-cache',
        expect.arrayContaining([expect.stringMatching(/^WebAppAssetsCustomResource/)]),
      ],
      [
        'WebAppConfig',
        false,
        'no-cache',
        expect.arrayContaining([expect.stringMatching(/^WebAppPagesCustomResource/)]),
      ],
    ]);
    expect(deployments[0]!.properties.Exclude).toEqual(['*']);
    expect(deployments[0]!.properties.Include).toEqual(['*.????????.js', '*.????????.css']);
  });

  it('gets a config.json built from the stack: Cognito domain, client id, region, redirect URI', () => {
    const deployments = findResource(stateless, 'Custom::CDKBucketDeployment');
    const config = deployments.find((d) => d.id.startsWith('WebAppConfig'));
    expect(config?.properties).toMatchObject({ DestinationBucketKeyPrefix: 'newsroom/', Prune: false });
    // The file is staged as an asset with markers that the deployment replaces with the stack's values.
    const [marked] = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => path.basename(f) === 'config.json',
    );
    const file = JSON.parse(readFileSync(path.join(outdir, marked!), 'utf8'));
    const markers = config!.properties.SourceMarkers[0] as Record<string, unknown>;
    const filled = JSON.parse(
      JSON.stringify(file).replace(/<<marker:0xbaba:\d+>>/g, (m) => JSON.stringify(markers[m]).replaceAll('"', "'")),
    );
    expect(filled).toEqual({
      auth: 'cognito',
      cognitoDomain: `https://{'Fn::ImportValue':'${findExport(/UsersHostedSignIn/)}'}.auth.{'Ref':'AWS::Region'}.amazoncognito.com`,
      clientId: `{'Ref':'${logicalIds.client}'}`,
      region: "{'Ref':'AWS::Region'}",
      redirectUri: `https://{'Fn::GetAtt':['${logicalIds.distribution}','DomainName']}/newsroom/`,
    });
  });
});

const findExport = (pattern: RegExp): string => {
  const name = Object.values(stateful.toJSON().Outputs as Record<string, { Export?: { Name: string } }>)
    .map((o) => o.Export?.Name)
    .find((n) => n !== undefined && pattern.test(n));
  if (!name) throw new Error(`no export matches ${pattern}`);
  return name;
};

describe('snapshots', () => {
  it('NewsroomStateful', () => {
    expect(normalizeForSnapshot(stateful.toJSON())).toMatchSnapshot();
  });
  it('NewsroomStateless', () => {
    expect(normalizeForSnapshot(stateless.toJSON())).toMatchSnapshot();
  });
});

describe('photo desk (issue 11)', () => {
  it('keeps originals in a private, versioned, logged uploads bucket with CORS for POST only and EventBridge on', () => {
    const bucket = findResource(stateful, 'AWS::S3::Bucket').find((b) => b.id.startsWith('UploadsBucket'));
    expect(bucket?.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket?.properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 's3/uploads/' });
    expect(bucket?.properties.CorsConfiguration).toEqual({
      CorsRules: [
        { AllowedOrigins: ['https://*.cloudfront.net'], AllowedMethods: ['POST'], AllowedHeaders: ['*'], MaxAge: 3000 },
      ],
    });
    expect(bucket?.properties.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    // Nobody but the functions reads it: no CloudFront grant in its policy.
    const policy = findResource(stateful, 'AWS::S3::BucketPolicy').find((p) => p.properties.Bucket.Ref === bucket?.id);
    const statements = (policy?.properties.PolicyDocument.Statement ?? []) as Statement[];
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  it('runs the processor on arm64 with its measured memory, and starts it for objects created under uploads/', () => {
    const fn = findResource(stateless, 'AWS::Lambda::Function').find((f) => f.id === logicalIds.media)!;
    expect(fn.properties).toMatchObject({ Architectures: ['arm64'], MemorySize: 1769, Timeout: 60 });
    expect(Object.keys(fn.properties.Environment.Variables).sort()).toEqual(
      ['NODE_OPTIONS', HANDLER_ENV.siteBucket, HANDLER_ENV.tableName, HANDLER_ENV.uploadsBucket].sort(),
    );
    const rules = findResource(stateless, 'AWS::Events::Rule').filter((r) =>
      JSON.stringify(r.properties.Targets).includes(logicalIds.media),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]!.properties.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: {
        bucket: {
          name: [{ 'Fn::ImportValue': expect.stringMatching(/^NewsroomStateful:ExportsOutputRefUploadsBucket/) }],
        },
        object: { key: [{ prefix: 'uploads/' }] },
      },
    });
    expect(rules[0]!.properties.Targets[0]).toMatchObject({
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIds.queue, 'Arn'] } },
    });
    const alarms = findResource(stateless, 'AWS::CloudWatch::Alarm').filter((a) =>
      JSON.stringify(a.properties.Dimensions ?? []).includes(logicalIds.media),
    );
    expect(alarms.map((a) => a.properties.MetricName)).toEqual(['Errors']);
  });

  it("ships sharp's linux-arm64 build beside the bundle, with sharp left out of the bundle", () => {
    const fn = findResource(stateless, 'AWS::Lambda::Function').find((f) => f.id === logicalIds.media)!;
    // The function's code is the asset `asset.<hash>` in the cloud assembly, uploaded as `<hash>.zip`.
    const assetDir = path.join(outdir, `asset.${String(fn.properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const img = readdirSync(path.join(assetDir, 'node_modules/@img'));
    expect(img).toEqual(expect.arrayContaining(['sharp-linux-arm64', 'sharp-libvips-linux-arm64']));
    expect(img.filter((name) => name.includes('x64'))).toEqual([]);
    expect(readFileSync(path.join(assetDir, 'index.mjs'), 'utf8')).toMatch(/from\s*"sharp"/);
  });

  it('serves published photographs under /media/* from the site bucket, honouring their immutable Cache-Control', () => {
    const [distribution] = findResource(stateless, 'AWS::CloudFront::Distribution');
    const behaviours = distribution!.properties.DistributionConfig.CacheBehaviors as Array<Record<string, unknown>>;
    const media = behaviours.find((b) => b.PathPattern === '/media/*');
    expect(media).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', // CachingOptimized: the object's max-age, up to a year
      Compress: false,
      TargetOriginId: distribution!.properties.DistributionConfig.DefaultCacheBehavior.TargetOriginId,
    });
  });
});
