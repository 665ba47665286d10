import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';

/**
 * Least-privilege grants, written out rather than taken from `grantReadWriteData` / `grantReadWrite`: those add
 * actions the newsroom never calls (Scan, DescribeTable, GetRecords, s3:*Object* wildcards, `index/*`), and a reviewer
 * should be able to read here exactly what each function may do.
 */

/**
 * The item actions the DynamoDB adapters call (Get, Put, Update, Query; a TransactWriteItems is authorised per item
 * action: commits hold Puts and Updates, and the site-index rebuild's `markDone` deletes the marks it covered under a
 * ConditionCheck of its lease), and Query on each named index. Grant a new action with the code that first calls it.
 */
export const grantArticleData = (
  grantee: IGrantable,
  table: { tableArn: string; indexArns: readonly string[] },
): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ArticleItems',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
      resources: [table.tableArn],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ sid: 'ArticleIndexes', actions: ['dynamodb:Query'], resources: [...table.indexArns] }),
  );
};

/**
 * Read, write and delete the site's objects. Keys are pages that do not exist yet, so the resource is the bucket's
 * objects (`<bucket arn>/*`). ListBucket on the bucket itself makes S3 answer 404 rather than 403 for a missing key,
 * which the site store relies on to tell "not there" from "not allowed".
 */
export const grantSiteObjects = (grantee: IGrantable, bucketArn: string): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'SiteObjects',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${bucketArn}/*`],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ sid: 'SiteListing', actions: ['s3:ListBucket'], resources: [bucketArn] }),
  );
};

/** Read one object of the site (the 404 page). */
export const grantSiteObjectRead = (grantee: IGrantable, bucketArn: string, key: string): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ sid: 'SiteObjectRead', actions: ['s3:GetObject'], resources: [`${bucketArn}/${key}`] }),
  );
};

/** Invalidate paths on this one distribution (publish, correct, unpublish purge the CDN). */
export const grantInvalidation = (grantee: IGrantable, distribution: IDistribution): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'CdnInvalidation',
      actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
      resources: [
        Stack.of(distribution).formatArn({
          service: 'cloudfront',
          region: '',
          resource: 'distribution',
          resourceName: distribution.distributionId,
        }),
      ],
    }),
  );
};

/**
 * Read the table's stream, as Lambda's poller does for an event source mapping: the four actions AWS names for it
 * ("GetRecords, GetShardIterator, DescribeStream and ListStreams on your stream"), on this one stream rather than the
 * `*` that CDK's `grantStreamRead` uses for ListStreams.
 */
export const grantTableStreamRead = (grantee: IGrantable, streamArn: string): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ArticleStream',
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      resources: [streamArn],
    }),
  );
};
