import path from 'node:path';
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { NOT_FOUND_BUCKET_ENV } from '../functions/not-found-env.js';
import { FUNCTION_ENTRIES, REPO_ROOT, type DeployConfig } from '../config.js';
import { FailureQueue } from '../constructs/failure-queue.js';
import { MediaProcessing, grantMediaUse } from '../constructs/media-processing.js';
import { grantArticleData, grantInvalidation, grantSiteObjectRead, grantSiteObjects } from '../constructs/grants.js';
import { buildHandlerEnvironment } from '../constructs/handler-environment.js';
import { NewsroomApi } from '../constructs/newsroom-api.js';
import { NewsroomDistribution } from '../constructs/newsroom-distribution.js';
import { NewsroomFunction } from '../constructs/newsroom-function.js';
import { BatchJobs } from '../constructs/batch-jobs.js';
import { PublishingSchedule } from '../constructs/publishing-schedule.js';
import { WebAppClient } from '../constructs/web-app-client.js';
import { WebAppDeployment } from '../constructs/web-app-deployment.js';
import { SiteWorkTrigger } from '../constructs/site-work-trigger.js';
import { EventPipeline } from '../constructs/event-pipeline.js';
import { statefulExportName, type StatefulStack } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  config: DeployConfig;
  /** The data this stack serves and changes; referenced by cross-stack exports, never the other way round. */
  stateful: StatefulStack;
}

/** The web app is served under this path, from this prefix of its bucket. */
export const WEB_APP_PATH = '/newsroom/';
/** A stand-in page deployed when the web app has not been built, so `cdk synth` works on a fresh checkout. */
export const WEB_APP_PLACEHOLDER_DIR = path.join(REPO_ROOT, 'infra/web-placeholder');

/**
 * Everything that can be replaced without losing data: functions, the API, the distribution, the web app client.
 *
 * Construction order solves the dependency between the distribution and the functions without a cycle: the HTTP API
 * is created without routes, the distribution points at the API's host name, the functions then read the
 * distribution's id and domain, and only then are the routes (which reference the functions) added. CloudFormation
 * sees Distribution → Api and Function → Distribution, never Api → Function → Distribution → Api.
 *
 * Logical ids here may change freely, except `Site` (the distribution: its `*.cloudfront.net` name is in DNS).
 */
export class StatelessStack extends Stack {
  readonly api: NewsroomApi;
  readonly site: NewsroomDistribution;
  readonly apiFunction: NewsroomFunction;
  readonly tickFunction: NewsroomFunction;
  readonly batchJobs: BatchJobs;
  readonly notFoundFunction: NewsroomFunction;
  readonly failures: FailureQueue;
  readonly webAppClient: WebAppClient;
  readonly schedule: PublishingSchedule;
  readonly webApp: WebAppDeployment;
  readonly media: MediaProcessing;
  readonly events: EventPipeline;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    // Named imports (see STATEFUL_EXPORTS): they appear in acknowledged IAM findings and must read the same forever.
    this.addStackDependency(stateful);
    const siteBucketArn = stateful.importNamed('SiteBucketArn');
    const siteBucketName = stateful.siteBucket.bucket.bucketName;
    // Imported by attributes so that nothing here edits the buckets' policies, which live in the stateful stack
    // (see PrivateBucket.grantCloudFrontRead); otherwise the stacks would reference each other in a cycle.
    const siteBucket = Bucket.fromBucketAttributes(this, 'SiteBucketRef', {
      bucketArn: siteBucketArn,
      bucketName: siteBucketName,
      bucketRegionalDomainName: stateful.siteBucket.bucket.bucketRegionalDomainName,
    });
    const webAppBucket = Bucket.fromBucketAttributes(this, 'WebAppBucketRef', {
      bucketArn: stateful.importNamed('WebAppBucketArn'),
      bucketName: stateful.webAppBucket.bucket.bucketName,
      bucketRegionalDomainName: stateful.webAppBucket.bucket.bucketRegionalDomainName,
    });

    this.failures = new FailureQueue(this, 'Failures', { alarmEmail: config.alarmEmail });

    this.api = new NewsroomApi(this, 'Api', { throttle: config.apiThrottle });

    // The 404 page for the public site (see infra/functions/not-found.ts for why this is a function).
    this.notFoundFunction = new NewsroomFunction(this, 'NotFound', {
      entry: path.join(REPO_ROOT, FUNCTION_ENTRIES.notFound),
      description: "Answers 404 with the site's /404.html when the site bucket has no object for a path",
      environment: { [NOT_FOUND_BUCKET_ENV]: siteBucketName },
      memorySize: 256,
      timeout: Duration.seconds(5),
      failureQueue: this.failures.queue,
    });
    grantSiteObjectRead(this.notFoundFunction.fn, siteBucketArn, '404.html');
    const notFoundUrl = this.notFoundFunction.fn.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM });

    this.site = new NewsroomDistribution(this, 'Site', {
      siteBucket,
      webAppBucket,
      apiDomainName: this.api.originDomainName,
      notFoundUrl,
      logBucket: stateful.accessLogs.bucket,
      customDomain:
        config.domainName && config.certificateArn
          ? {
              domainName: config.domainName,
              certificate: Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn),
            }
          : undefined,
    });
    const distribution = this.site.distribution;
    const siteBaseUrl = `https://${config.domainName ?? distribution.distributionDomainName}`;
    const webAppUrl = `${siteBaseUrl}${WEB_APP_PATH}`;

    this.webAppClient = new WebAppClient(this, 'WebAppClient', { userPool: stateful.users.userPool, webAppUrl });

    const environment = buildHandlerEnvironment({
      tableName: stateful.table.table.tableName,
      siteBucketName,
      uploadsBucketName: stateful.uploadsBucket.bucket.bucketName,
      siteBaseUrl,
      distributionId: distribution.distributionId,
      desks: config.desks,
      authIssuer: stateful.users.issuerUrl,
      authAudience: this.webAppClient.clientId,
    });

    this.apiFunction = new NewsroomFunction(this, 'ApiHandler', {
      entry: path.join(REPO_ROOT, FUNCTION_ENTRIES.api),
      description: 'Newsroom API: every /api/* route (publish commits; the tick function writes the page)',
      environment,
      failureQueue: this.failures.queue,
    });
    this.tickFunction = new NewsroomFunction(this, 'Tick', {
      entry: path.join(REPO_ROOT, FUNCTION_ENTRIES.tick),
      description: 'Every minute: publishes due scheduled articles and repairs site indexes',
      environment,
      // Ends before the next tick starts.
      timeout: Duration.seconds(55),
      // A tick older than a few minutes has been overtaken by later ticks.
      maxEventAge: Duration.minutes(5),
      failureQueue: this.failures.queue,
    });
    for (const fn of [this.apiFunction.fn, this.tickFunction.fn]) {
      grantArticleData(fn, { tableArn: stateful.table.table.tableArn, indexArns: stateful.table.indexArns });
      grantSiteObjects(fn, siteBucketArn);
      grantInvalidation(fn, distribution);
      grantMediaUse(fn, stateful.importNamed('UploadsBucketArn'), stateful.table.table.tableArn);
    }

    this.media = new MediaProcessing(this, 'Media', {
      uploadsBucketName: stateful.uploadsBucket.bucket.bucketName,
      uploadsBucketArn: stateful.importNamed('UploadsBucketArn'),
      siteBucketName,
      tableName: stateful.table.table.tableName,
      tableArn: stateful.table.table.tableArn,
      failureQueue: this.failures.queue,
      alarmTopic: this.failures.topic,
    });

    // npm run import/rerender -- --aws: Distributed Maps over the same use cases (infra/constructs/batch-jobs.ts).
    this.batchJobs = new BatchJobs(this, 'BatchJobs', {
      entry: path.join(REPO_ROOT, FUNCTION_ENTRIES.batchJobs),
      environment,
      failureQueue: this.failures.queue,
      // Imported by name, as the site bucket is (no automatic cross-stack exports).
      bucket: Bucket.fromBucketAttributes(this, 'BatchJobsBucketRef', {
        bucketArn: stateful.importNamed('BatchJobsBucketArn'),
        bucketName: stateful.importNamed('BatchJobsBucketName'),
      }),
      grant: ({ fn }) => {
        grantArticleData(fn, { tableArn: stateful.table.table.tableArn, indexArns: stateful.table.indexArns });
        grantSiteObjects(fn, siteBucketArn);
        grantInvalidation(fn, distribution);
      },
    });

    new SiteWorkTrigger(this, 'SiteWorkTrigger', {
      fn: this.tickFunction.fn,
      table: stateful.table.table,
      failureQueue: this.failures.queue,
    });

    const tableStreamArn = stateful.table.table.tableStreamArn;
    if (!tableStreamArn) throw new Error('the newsroom table has no stream');
    this.events = new EventPipeline(this, 'Events', {
      tableStreamArn,
      table: { tableArn: stateful.table.table.tableArn, indexArns: stateful.table.indexArns },
      entry: path.join(REPO_ROOT, FUNCTION_ENTRIES.events),
      environment,
      userPool: stateful.users.userPool,
      mailFrom: config.mailFrom,
      partnersJson: config.partnersJson,
      alarmEmail: config.alarmEmail,
    });

    this.schedule = new PublishingSchedule(this, 'EveryMinute', {
      tick: this.tickFunction.fn,
      deadLetterQueue: this.failures.queue,
    });

    this.api.addRoutes(
      this.apiFunction.fn,
      new HttpUserPoolAuthorizer('CognitoJwt', stateful.users.userPool, {
        userPoolClients: [this.webAppClient.client],
      }),
    );

    this.webApp = new WebAppDeployment(this, 'WebApp', {
      bucket: webAppBucket,
      keyPrefix: WEB_APP_PATH.slice(1),
      builtDir: config.webAppDir,
      placeholderDir: WEB_APP_PLACEHOLDER_DIR,
      config: {
        auth: 'cognito',
        cognitoDomain: stateful.users.domain.baseUrl(),
        clientId: this.webAppClient.clientId,
        region: this.region,
        redirectUri: webAppUrl,
      },
    });

    new CfnOutput(this, 'SiteUrl', { value: siteBaseUrl, description: 'The public site' });
    new CfnOutput(this, 'NewsroomUrl', { value: webAppUrl, description: 'The newsroom web app (sign in here)' });
    new CfnOutput(this, 'DistributionId', { value: distribution.distributionId });
    new CfnOutput(this, 'DistributionDomainName', {
      value: distribution.distributionDomainName,
      description: 'Point a custom domain here (CNAME or alias)',
    });
    new CfnOutput(this, 'UserPoolId', { value: stateful.users.userPool.userPoolId, description: 'For npm run users' });
    new CfnOutput(this, 'WebAppClientId', { value: this.webAppClient.clientId });
    new CfnOutput(this, 'FailureQueueUrl', {
      value: this.failures.queue.queueUrl,
      description: 'Failed asynchronous work',
    });

    this.acknowledgeFindings(config, stateful);
  }

  /** cdk-nag findings accepted on purpose, each with its reason, on the resource it concerns. */
  private acknowledgeFindings(config: DeployConfig, stateful: StatefulStack): void {
    const siteObjects = `AwsSolutions-IAM5[Resource::${statefulExportName(stateful.stackName, 'SiteBucketArn')}/*]`;
    for (const fn of [this.apiFunction, this.tickFunction, this.batchJobs.worker]) {
      Validations.of(fn.role).acknowledge({
        id: siteObjects,
        reason:
          "Publishing writes pages under keys that do not exist before (new articles, month archives, sitemap shards) and unpublishing deletes them; the grant is Get/Put/DeleteObject on this one bucket's objects.",
      });
    }

    const uploads = statefulExportName(stateful.stackName, 'UploadsBucketArn');
    const originals = {
      id: `AwsSolutions-IAM5[Resource::${uploads}/uploads/*]`,
      reason:
        'Each upload is a new key (uploads/<media id>); the grant covers only the originals prefix of the private uploads bucket.',
    };
    const renditions = {
      id: `AwsSolutions-IAM5[Resource::${uploads}/media/*]`,
      reason:
        'Renditions have content-hashed keys made at processing time (media/<media id>/<crop>-<width>-<hash>); the grant covers only the renditions prefix.',
    };
    for (const fn of [this.apiFunction, this.tickFunction, this.media.fn]) {
      Validations.of(fn.role).acknowledge(originals, renditions);
    }

    const distribution = this.site.distribution;
    if (!config.domainName) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose security policy CloudFront fixes at TLSv1; deploy with domainName and certificateArn to get TLSv1.2_2021.',
      });
    }
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'A news site is published for readers in every country; no geographic restriction is wanted.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'AWS WAF costs a fixed monthly fee per web ACL and rule, even at rest; the API is authenticated and throttled and the site is static. Attach a web ACL if the newsroom is attacked.',
      },
      {
        id: '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
        reason:
          'The buckets are imported on purpose: their policies, which grant CloudFront read access, are written in the stateful stack (PrivateBucket.grantCloudFrontRead).',
      },
    );

    // CDK's own provider function that copies the web app into its bucket at deploy time.
    const provider = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (provider) {
      const becauseCdk =
        "CDK's BucketDeployment provider (runs only during deployment); its code, runtime and role are defined by aws-cdk-lib.";
      Validations.of(provider).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: `${becauseCdk} It logs through the basic execution role.`,
        },
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: `${becauseCdk} It syncs files from the CDK asset bucket into the web app bucket (read, list, delete stale files).`,
        })),
        {
          id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
          reason: `${becauseCdk} It reads the web app's zipped files from the CDK bootstrap asset bucket.`,
        },
        {
          id: `AwsSolutions-IAM5[Resource::${statefulExportName(stateful.stackName, 'WebAppBucketArn')}/*]`,
          reason: `${becauseCdk} It writes and prunes the web app's files in the web app bucket only.`,
        },
        { id: 'AwsSolutions-L1', reason: `${becauseCdk} Its Python runtime is chosen and upgraded by aws-cdk-lib.` },
        {
          id: 'Serverless-LambdaLatestVersion',
          reason: `${becauseCdk} Its Python runtime is chosen and upgraded by aws-cdk-lib.`,
        },
        {
          id: 'Serverless-LambdaDLQ',
          reason: `${becauseCdk} It is invoked synchronously by CloudFormation, which reports its failures.`,
        },
        { id: 'Serverless-LambdaTracing', reason: `${becauseCdk} A deploy-time copy needs no tracing.` },
      );
    }
  }
}
