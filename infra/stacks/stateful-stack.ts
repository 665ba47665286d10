import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeployConfig } from '../config.js';
import { NewsroomTable } from '../constructs/newsroom-table.js';
import { NewsroomUserPool } from '../constructs/newsroom-user-pool.js';
import { HttpMethods } from 'aws-cdk-lib/aws-s3';
import { PrivateBucket } from '../constructs/private-bucket.js';

/**
 * Values the stateless stack imports under names we choose, rather than CDK's generated export names: these ARNs
 * appear in IAM findings that are acknowledged by exact id (`AwsSolutions-IAM5[Resource::<export>/*]`), so the id
 * must be readable and stable. Other cross-stack values use CDK's automatic exports.
 */
export const STATEFUL_EXPORTS = [
  'SiteBucketArn',
  'WebAppBucketArn',
  'UploadsBucketArn',
  'BatchJobsBucketArn',
  'BatchJobsBucketName',
] as const;
export type StatefulExport = (typeof STATEFUL_EXPORTS)[number];

export const statefulExportName = (stackName: string, key: StatefulExport): string => `${stackName}-${key}`;

export interface StatefulStackProps extends StackProps {
  config: DeployConfig;
}

/**
 * Everything that holds data: the table, the buckets and the user pool. All retained on deletion and protected;
 * this stack changes rarely, and the stateless stack can be destroyed and redeployed freely beside it.
 *
 * Logical ids that must never change (renaming replaces the resource; the old one is retained, orphaned):
 * `Table`, `SiteBucket`, `WebAppBucket`, `UploadsBucket`, `AccessLogs`, `Users`.
 */
export class StatefulStack extends Stack {
  readonly table: NewsroomTable;
  readonly siteBucket: PrivateBucket;
  readonly webAppBucket: PrivateBucket;
  readonly accessLogs: PrivateBucket;
  readonly uploadsBucket: PrivateBucket;
  readonly batchJobsBucket: PrivateBucket;
  readonly users: NewsroomUserPool;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new NewsroomTable(this, 'Table');

    this.accessLogs = new PrivateBucket(this, 'AccessLogs', {
      aclsForLogDelivery: true,
      versioning: {
        enabled: false,
        reason: 'Access logs are append-only records that expire after a year; versions would only double them.',
      },
      expireAfterDays: 365,
    });

    this.siteBucket = new PrivateBucket(this, 'SiteBucket', {
      accessLogs: { bucket: this.accessLogs.bucket, prefix: 's3/site/' },
    });
    this.siteBucket.grantCloudFrontRead(config.siteDistributionId);

    // The newsroom web app's files, apart from the public site so that publishing can never overwrite them and the
    // functions (which write the site) have no access to them.
    this.webAppBucket = new PrivateBucket(this, 'WebAppBucket', {
      accessLogs: { bucket: this.accessLogs.bucket, prefix: 's3/web-app/' },
    });
    this.webAppBucket.grantCloudFrontRead(config.siteDistributionId);

    // The photo desk's originals (uploads/) and private renditions (media/): reached by browsers only through
    // presigned POSTs from the app's origin, and never by CloudFront (published renditions are copied to the site).
    this.uploadsBucket = new PrivateBucket(this, 'UploadsBucket', {
      accessLogs: { bucket: this.accessLogs.bucket, prefix: 's3/uploads/' },
      cors: [
        {
          // The distribution's own *.cloudfront.net name is only known to the stateless stack (a cycle from here):
          // with a custom domain the app's origin exactly, otherwise CloudFront's domain.
          allowedOrigins: [config.domainName ? `https://${config.domainName}` : 'https://*.cloudfront.net'],
          allowedMethods: [HttpMethods.POST],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      eventBridgeEnabled: true,
    });

    // Input, manifests and failure reports of the batch import and re-render (infra/constructs/batch-jobs.ts).
    this.batchJobsBucket = new PrivateBucket(this, 'BatchJobsBucket', {
      accessLogs: { bucket: this.accessLogs.bucket, prefix: 's3/batch-jobs/' },
      noncurrentVersionDays: 7,
    });

    this.exportNamed('SiteBucketArn', this.siteBucket.bucket.bucketArn);
    this.exportNamed('UploadsBucketArn', this.uploadsBucket.bucket.bucketArn);
    this.exportNamed('WebAppBucketArn', this.webAppBucket.bucket.bucketArn);
    this.exportNamed('BatchJobsBucketArn', this.batchJobsBucket.bucket.bucketArn);
    this.exportNamed('BatchJobsBucketName', this.batchJobsBucket.bucket.bucketName);

    this.users = new NewsroomUserPool(this, 'Users', {
      desks: config.desks,
      mfa: config.mfa,
      domainPrefix: config.authDomainPrefix,
    });
  }

  /** Reads a named export of this stack from another stack (which must depend on this one). */
  importNamed(key: StatefulExport): string {
    return Fn.importValue(statefulExportName(this.stackName, key));
  }

  private exportNamed(key: StatefulExport, value: string): void {
    new CfnOutput(this, key, { value, exportName: statefulExportName(this.stackName, key) });
  }
}
