import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  CfnBucket,
  ObjectOwnership,
  type CorsRule,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { isOptedOut, type SafeDefault } from './opt-out.js';

export interface PrivateBucketProps {
  /**
   * Where S3 writes this bucket's server access logs (a prefix is derived from the construct id). Omit only for the
   * log bucket itself: it cannot log into itself without a loop.
   */
  accessLogs?: { bucket: IBucket; prefix: string };
  /**
   * Versioning, so an overwritten or deleted object can be restored. On by default; old versions expire after
   * `noncurrentVersionDays` so the bucket does not grow without bound.
   */
  versioning?: SafeDefault;
  /** Days to keep overwritten and deleted versions. Default 90. */
  noncurrentVersionDays?: number;
  /** Delete objects older than this many days (log buckets). Default: never. */
  expireAfterDays?: number;
  /**
   * Object ACLs. Off (bucket owner enforced) by default; CloudFront's standard access logs still deliver through
   * ACLs, so only the log bucket turns them on.
   */
  aclsForLogDelivery?: boolean;
  /** Retain the bucket and its objects on stack deletion. On by default; an opt-out must say why. */
  retain?: SafeDefault;
  /** Browser access (the photo desk's presigned uploads): name the origins exactly. Default: none. */
  cors?: CorsRule[];
  /** Sends object events to EventBridge (the photo processor's trigger, without a cross-stack cycle). */
  eventBridgeEnabled?: boolean;
}

/**
 * A bucket nobody reaches directly: public access blocked, TLS enforced by policy, SSE-S3 encryption, versioned and
 * retained. Readers reach its objects only through CloudFront origin access control (`grantCloudFrontRead`).
 *
 * SSE-S3 rather than a customer-managed KMS key: the content is published news, a key would cost money at rest,
 * and OAC with KMS needs a key policy that names the distribution (a cross-stack cycle).
 *
 * Logical id: the bucket is `Resource` under this construct's id; renaming either replaces the bucket (and the old
 * one is retained, orphaned, with the site in it).
 */
export class PrivateBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: PrivateBucketProps = {}) {
    super(scope, id);
    const retain = !isOptedOut(props.retain);
    const versioned = !isOptedOut(props.versioning);
    this.bucket = new Bucket(this, 'Resource', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      versioned,
      objectOwnership: props.aclsForLogDelivery
        ? ObjectOwnership.BUCKET_OWNER_PREFERRED
        : ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs?.bucket,
      serverAccessLogsPrefix: props.accessLogs?.prefix,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      ...(props.cors ? { cors: props.cors } : {}),
      lifecycleRules: [
        ...(versioned
          ? [
              {
                id: 'expire-old-versions',
                noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 90),
              },
            ]
          : []),
        ...(props.expireAfterDays ? [{ id: 'expire-objects', expiration: Duration.days(props.expireAfterDays) }] : []),
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
    // Set on the CloudFormation resource itself: CDK's `eventBridgeEnabled` adds a custom-resource Lambda to do it.
    const cfn = this.bucket.node.defaultChild;
    if (props.eventBridgeEnabled && cfn instanceof CfnBucket) {
      cfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    }
    for (const [name, setting] of Object.entries({ versioning: props.versioning, retain: props.retain })) {
      if (isOptedOut(setting)) this.node.addMetadata(`newsroom:opt-out:${name}`, setting.reason);
    }
  }

  /**
   * Lets CloudFront (origin access control) read objects, and nothing else. The policy lives with the bucket, in
   * the stateful stack, so it cannot name a distribution of the stateless stack without a cross-stack cycle: it names
   * `distributionId` when the deployer pins it, otherwise any distribution of this account.
   */
  grantCloudFrontRead(distributionId?: string): void {
    const stack = Stack.of(this);
    const sourceArn = stack.formatArn({
      service: 'cloudfront',
      region: '',
      resource: 'distribution',
      resourceName: distributionId ?? '*',
    });
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudFrontOriginAccessControlRead',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: distributionId
          ? { StringEquals: { 'AWS:SourceAccount': stack.account, 'AWS:SourceArn': sourceArn } }
          : { StringEquals: { 'AWS:SourceAccount': stack.account }, ArnLike: { 'AWS:SourceArn': sourceArn } },
      }),
    );
  }
}
