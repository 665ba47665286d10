import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  type CfnStateMachine,
  DefinitionBody,
  DistributedMap,
  JsonPath,
  LogLevel,
  ProcessorMode,
  ProcessorType,
  ResultWriterV2,
  S3JsonItemReader,
  S3ObjectsItemReader,
  StateMachine,
  TaskInput,
  type IChainable,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { JOBS_BUCKET_ENV } from '../../functions/handlers/batch-jobs-env.js';
import { NewsroomFunction } from './newsroom-function.js';
import { PrivateBucket } from './private-bucket.js';

/** Items processed at once: the table's on-demand capacity and CloudFront are the limits, not Lambda. */
export const BATCH_MAX_CONCURRENCY = 40;
/** A Map run goes on past bad items (each is in the failure report) unless more than this share fails. */
export const BATCH_TOLERATED_FAILURE_PERCENTAGE = 10;

export interface BatchJobsProps {
  /** The handler environment (buildHandlerEnvironment); the jobs bucket's name is added. */
  environment: Record<string, string>;
  failureQueue: IQueue;
  accessLogs: IBucket;
  /** Grants the worker what the use cases touch (table, site bucket, invalidations). */
  grant: (fn: NewsroomFunction) => void;
  entry: string;
}

/**
 * `npm run import -- --aws` and `npm run rerender -- --aws` where one machine is not enough: Step Functions
 * Distributed Maps (an existing engine: its retries, concurrency bound and failure report, not a home-made one).
 * - Import: the Map reads the objects under the execution's `prefix` in the jobs bucket (S3 object item reader), one
 *   worker invocation per Markdown file → importArticle.
 * - Re-render: the worker writes a manifest of published ids to the jobs bucket, the Map reads it (JSON item reader),
 *   one invocation per page → rerenderArticle; then one invocation rebuilds every index and invalidates `/*`.
 * Both write a ResultWriter report (failed items with their errors) under `reports/` in the jobs bucket.
 */
export class BatchJobs extends Construct {
  readonly bucket: PrivateBucket;
  readonly worker: NewsroomFunction;
  readonly importMachine: StateMachine;
  readonly rerenderMachine: StateMachine;

  constructor(scope: Construct, id: string, props: BatchJobsProps) {
    super(scope, id);
    // ResultWriterV2 (the failure report) is behind this feature flag; set here, for this construct's states only.
    this.node.setContext('@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2', true);
    this.bucket = new PrivateBucket(this, 'Bucket', {
      accessLogs: { bucket: props.accessLogs, prefix: 's3/batch-jobs/' },
      noncurrentVersionDays: 7,
    });
    this.worker = new NewsroomFunction(this, 'Worker', {
      entry: props.entry,
      description: 'Batch import and re-render: one item of a Step Functions Distributed Map per invocation',
      environment: { ...props.environment, [JOBS_BUCKET_ENV]: this.bucket.bucket.bucketName },
      // rerender-finish rebuilds every index of the archive in bounded rounds.
      timeout: Duration.minutes(15),
      failureQueue: props.failureQueue,
      retryAttempts: 0,
    });
    props.grant(this.worker);
    // Reads the import's objects, writes the re-render manifest; nothing else of the bucket.
    this.bucket.bucket.grantRead(this.worker.fn);
    this.bucket.bucket.grantPut(this.worker.fn, 'manifests/*');

    const invoke = (name: string, payload?: Record<string, unknown>): LambdaInvoke =>
      new LambdaInvoke(this, name, {
        lambdaFunction: this.worker.fn,
        payloadResponseOnly: true,
        // Without a payload the state's input is sent: in a Map, the item its ItemSelector built.
        ...(payload ? { payload: TaskInput.fromObject(payload) } : {}),
        retryOnServiceExceptions: true,
      });

    // Lambda's own throttling and service errors are retried by retryOnServiceExceptions; a failed item twice more.
    const itemTask = (name: string): IChainable =>
      invoke(name).addRetry({
        errors: ['Lambda.TooManyRequestsException', 'States.TaskFailed'],
        maxAttempts: 2,
        interval: Duration.seconds(2),
        backoffRate: 2,
      });

    const importMap = new DistributedMap(this, 'ImportEach', {
      itemReader: new S3ObjectsItemReader({ bucket: this.bucket.bucket, prefix: JsonPath.stringAt('$.prefix') }),
      itemSelector: { task: 'import-item', 'Key.$': '$$.Map.Item.Value.Key' },
      maxConcurrency: BATCH_MAX_CONCURRENCY,
      toleratedFailurePercentage: BATCH_TOLERATED_FAILURE_PERCENTAGE,
      resultWriterV2: new ResultWriterV2({ bucket: this.bucket.bucket, prefix: 'reports/import' }),
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(itemTask('ImportItem'), {
      mode: ProcessorMode.DISTRIBUTED,
      executionType: ProcessorType.STANDARD,
    });
    const importIndexes = invoke('ImportIndexes', { task: 'rerender-finish' });
    this.importMachine = this.machine('Import', importMap.next(importIndexes));

    const list = invoke('ListPublished', { task: 'rerender-list', 'executionId.$': '$$.Execution.Name' });
    const rerenderMap = new DistributedMap(this, 'RerenderEach', {
      itemReader: new S3JsonItemReader({ bucket: this.bucket.bucket, key: JsonPath.stringAt('$.key') }),
      itemSelector: { task: 'rerender-item', 'id.$': '$$.Map.Item.Value.id' },
      maxConcurrency: BATCH_MAX_CONCURRENCY,
      toleratedFailurePercentage: BATCH_TOLERATED_FAILURE_PERCENTAGE,
      resultWriterV2: new ResultWriterV2({ bucket: this.bucket.bucket, prefix: 'reports/rerender' }),
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(itemTask('RerenderItem'), {
      mode: ProcessorMode.DISTRIBUTED,
      executionType: ProcessorType.STANDARD,
    });
    const finish = invoke('RebuildIndexes', { task: 'rerender-finish' });
    this.rerenderMachine = this.machine('Rerender', list.next(rerenderMap).next(finish));
    this.acknowledgeFindings();
  }

  /** cdk-nag findings accepted on purpose, each with its reason. */
  private acknowledgeFindings(): void {
    const objects = `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`;
    Validations.of(this.worker.role).acknowledge(
      {
        id: objects,
        reason:
          'The worker reads the import files under each job prefix and writes re-render manifests: object keys are chosen per run.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.bucket.node.defaultChild as CfnBucket)}.Arn>/manifests/*]`,
        reason: 'One re-render manifest per execution, named after it, under manifests/.',
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          "CDK's grantRead on the jobs bucket only (the bucket holds import input, manifests and reports, nothing else).",
      })),
    );
    for (const machine of [this.importMachine, this.rerenderMachine]) {
      Validations.of(machine.role).acknowledge(
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: 'CloudWatch Logs delivery and X-Ray for Step Functions accept no resource-level permissions.',
        },
        {
          id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.worker.fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
          reason:
            'Invoking the worker function by any of its versions (LambdaInvoke grants Function and Function:*); one function only.',
        },
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<${Stack.of(this).getLogicalId(this.bucket.bucket.node.defaultChild as CfnBucket)}>/*]`,
          reason:
            'The Distributed Map reads the items and writes the ResultWriter report under per-run keys of the jobs bucket.',
        },
      );
      Validations.of(machine.node.findChild('DistributedMapPolicy')).acknowledge(
        ...['', '/*'].map((suffix) => ({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${Stack.of(this).getLogicalId(machine.node.defaultChild as CfnStateMachine)}"}]}]}${suffix}:*]`,
          reason:
            "CDK's Distributed Map policy: the machine starts and describes its own Map run child executions, whose names are per run.",
        })),
      );
    }
  }

  private machine(id: string, definition: IChainable): StateMachine {
    return new StateMachine(this, id, {
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: Duration.hours(12),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, `${id}Logs`, {
          retention: RetentionDays.THREE_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        // Every state of the parent execution (a handful per run; the item executions are the Map's own).
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
  }
}
