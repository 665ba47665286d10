import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import * as z from 'zod/mini';
import { HANDLER_ENV } from '../../functions/handlers/config.js';
import { UPLOADS_PREFIX } from '../../functions/domain/media-renditions.js';
import { REPO_ROOT } from '../config.js';
import { NewsroomFunction } from './newsroom-function.js';

/** The processor's entry point. */
export const MEDIA_PROCESSOR_ENTRY = 'functions/handlers/media-processor.ts';

/**
 * Memory of the processing function. Measured with `npx tsx tests/bench/media.ts` (a 12 MP JPEG into all 30
 * renditions, sharp in a fresh process): peak RSS 282 MB. Processing is CPU-bound (14 s on a shared core here), and
 * Lambda gives one full vCPU at 1,769 MB, so the function gets that: memory needs ~300 MB, speed needs the CPU.
 */
export const MEDIA_PROCESSOR_MEMORY_MB = 1769;

/** sharp's version exactly as installed from package-lock.json, for the linux-arm64 install beside the bundle. */
const sharpVersion = (): string =>
  z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules/sharp/package.json'), 'utf8'))).version;

export interface MediaProcessingProps {
  uploadsBucketName: string;
  uploadsBucketArn: string;
  siteBucketName: string;
  tableName: string;
  tableArn: string;
  failureQueue: IQueue;
  alarmTopic: ITopic;
}

/**
 * The photo processor: an arm64 function with sharp's linux-arm64 build installed beside its bundle (esbuild cannot
 * bundle a native module), started by the uploads bucket's Object Created events on `uploads/` through EventBridge.
 * (A bucket notification would make the stateful stack's bucket name this stack's function: a cross-stack cycle.)
 * Failed invocations go to the failure queue after two retries; an alarm fires on any error.
 */
export class MediaProcessing extends Construct {
  readonly fn: NewsroomFunction;
  readonly rule: Rule;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: MediaProcessingProps) {
    super(scope, id);
    this.fn = new NewsroomFunction(this, 'Processor', {
      entry: path.join(REPO_ROOT, MEDIA_PROCESSOR_ENTRY),
      description: 'Photo desk: checks an uploaded image and writes its renditions (sharp)',
      environment: {
        [HANDLER_ENV.tableName]: props.tableName,
        [HANDLER_ENV.uploadsBucket]: props.uploadsBucketName,
        [HANDLER_ENV.siteBucket]: props.siteBucketName,
      },
      memorySize: MEDIA_PROCESSOR_MEMORY_MB,
      timeout: Duration.seconds(60),
      failureQueue: props.failureQueue,
      nativeModules: [{ name: 'sharp', version: sharpVersion() }],
    });
    const grantee = this.fn.fn;
    grantee.addToRolePolicy(
      new PolicyStatement({
        sid: 'ReadAndDiscardOriginals',
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [`${props.uploadsBucketArn}/${UPLOADS_PREFIX}*`],
      }),
    );
    grantee.addToRolePolicy(
      new PolicyStatement({
        sid: 'WriteRenditions',
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [`${props.uploadsBucketArn}/media/*`],
      }),
    );
    grantee.addToRolePolicy(
      new PolicyStatement({
        sid: 'MediaRecords',
        actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        resources: [props.tableArn],
        // Media items only: the processor never touches an article.
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MEDIA#*'] } },
      }),
    );

    this.rule = new Rule(this, 'UploadCreated', {
      description: 'An original landed in the uploads bucket: process it',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [props.uploadsBucketName] }, object: { key: [{ prefix: UPLOADS_PREFIX }] } },
      },
      targets: [
        new LambdaFunction(this.fn.fn, {
          deadLetterQueue: props.failureQueue,
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
        }),
      ],
    });

    this.alarm = new Alarm(this, 'Errors', {
      alarmDescription:
        'The photo processor failed (our fault, not a refused image: those end as `failed` records). The event is in the failure queue.',
      metric: this.fn.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}

/**
 * What the API and the publishing job do with images: presign uploads of originals (the presigned POST is signed
 * with the function's own credentials) and re-announce one after a focal point edit (a copy onto itself), read
 * renditions (the preview path, and the copy into the site bucket at publication), and read media items in batches
 * (draft validation).
 */
export const grantMediaUse = (grantee: IGrantable, uploadsBucketArn: string, tableArn: string): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'MediaOriginals',
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [`${uploadsBucketArn}/${UPLOADS_PREFIX}*`],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'MediaRenditionRead',
      actions: ['s3:GetObject'],
      resources: [`${uploadsBucketArn}/media/*`],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ sid: 'MediaBatchRead', actions: ['dynamodb:BatchGetItem'], resources: [tableArn] }),
  );
};
