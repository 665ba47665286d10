import { CfnOutput, Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  DistributedMap,
  JsonPath,
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
import { Construct } from 'constructs';
import { JOBS_BUCKET_ENV } from '../../functions/handlers/batch-jobs-env.js';
import { NewsroomFunction } from './newsroom-function.js';

/** Items processed at once: the table's on-demand capacity and CloudFront are the limits, not Lambda. */
export const BATCH_MAX_CONCURRENCY = 40;
/** A Map run goes on past bad items (each is in the failure report) unless more than this share fails. */
export const BATCH_TOLERATED_FAILURE_PERCENTAGE = 10;

export interface BatchJobsProps {
  /** The handler environment (buildHandlerEnvironment); the jobs bucket's name is added. */
  environment: Record<string, string>;
  failureQueue: IQueue;
  /** The jobs bucket (stateful stack): import input, manifests, failure reports. */
  bucket: IBucket;
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
  readonly bucket: IBucket;
  readonly worker: NewsroomFunction;
  readonly importMachine: StateMachine;
  readonly rerenderMachine: StateMachine;

  constructor(scope: Construct, id: string, props: BatchJobsProps) {
    super(scope, id);
    // ResultWriterV2 (the failure report) is behind this feature flag; set here, for this construct's states only.
    this.node.setContext('@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2', true);
    this.bucket = props.bucket;
    this.worker = new NewsroomFunction(this, 'Worker', {
      entry: props.entry,
      description: 'Batch import and re-render: one item of a Step Functions Distributed Map per invocation',
      environment: { ...props.environment, [JOBS_BUCKET_ENV]: this.bucket.bucketName },
      // rerender-finish rebuilds every index of the archive in bounded rounds.
      timeout: Duration.minutes(15),
      failureQueue: props.failureQueue,
    });
    props.grant(this.worker);
    // Reads the import's objects, writes the re-render manifest: two actions, no wildcard actions.
    this.worker.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects('imports/*')] }),
    );
    this.worker.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('manifests/*')] }),
    );

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
      itemReader: new S3ObjectsItemReader({ bucket: this.bucket, prefix: JsonPath.stringAt('$.prefix') }),
      itemSelector: { task: 'import-item', 'Key.$': '$$.Map.Item.Value.Key' },
      maxConcurrency: BATCH_MAX_CONCURRENCY,
      toleratedFailurePercentage: BATCH_TOLERATED_FAILURE_PERCENTAGE,
      resultWriterV2: new ResultWriterV2({ bucket: this.bucket, prefix: 'reports/import' }),
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(itemTask('ImportItem'), {
      mode: ProcessorMode.DISTRIBUTED,
      executionType: ProcessorType.STANDARD,
    });
    const importIndexes = invoke('ImportIndexes', { task: 'rerender-finish' });
    this.importMachine = this.machine('Import', importMap.next(importIndexes));

    const list = invoke('ListPublished', { task: 'rerender-list', 'executionId.$': '$$.Execution.Name' });
    const rerenderMap = new DistributedMap(this, 'RerenderEach', {
      itemReader: new S3JsonItemReader({ bucket: this.bucket, key: JsonPath.stringAt('$.key') }),
      itemSelector: { task: 'rerender-item', 'id.$': '$$.Map.Item.Value.id' },
      maxConcurrency: BATCH_MAX_CONCURRENCY,
      toleratedFailurePercentage: BATCH_TOLERATED_FAILURE_PERCENTAGE,
      resultWriterV2: new ResultWriterV2({ bucket: this.bucket, prefix: 'reports/rerender' }),
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(itemTask('RerenderItem'), {
      mode: ProcessorMode.DISTRIBUTED,
      executionType: ProcessorType.STANDARD,
    });
    const finish = invoke('RebuildIndexes', { task: 'rerender-finish' });
    this.rerenderMachine = this.machine('Rerender', list.next(rerenderMap).next(finish));
    // What `npm run import -- --aws` and `npm run rerender -- --aws` read (README: the NEWSROOM_* variables).
    new CfnOutput(this, 'ImportStateMachineArn', { value: this.importMachine.stateMachineArn });
    new CfnOutput(this, 'RerenderStateMachineArn', { value: this.rerenderMachine.stateMachineArn });
    new CfnOutput(this, 'JobsBucketName', { value: this.bucket.bucketName });
    this.acknowledgeFindings();
  }

  /** How cdk-nag names a token in a finding: an imported value by its export name, a resource by `<logical id>`. */
  private nagName(token: string): string {
    const resolved: unknown = Stack.of(this).resolve(token);
    if (typeof resolved === 'object' && resolved !== null) {
      if ('Fn::ImportValue' in resolved && typeof resolved['Fn::ImportValue'] === 'string')
        return resolved['Fn::ImportValue'];
      if ('Ref' in resolved && typeof resolved.Ref === 'string') return `<${resolved.Ref}>`;
    }
    return String(resolved);
  }

  /** cdk-nag findings accepted on purpose, each with its reason. */
  private acknowledgeFindings(): void {
    const bucketArn = this.nagName(this.bucket.bucketArn);
    Validations.of(this.worker.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${bucketArn}/imports/*]`,
        reason: 'The worker reads the Markdown files the CLI uploads under imports/<run>/; keys are chosen per run.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${bucketArn}/manifests/*]`,
        reason: 'The worker writes one re-render manifest per execution, named after it, under manifests/.',
      },
    );
    const workerLogicalId = Stack.of(this).getLogicalId(this.worker.fn.node.defaultChild as CfnElement);
    for (const machine of [this.importMachine, this.rerenderMachine]) {
      const machineLogicalId = Stack.of(this).getLogicalId(machine.node.defaultChild as CfnElement);
      Validations.of(machine).acknowledge(
        {
          id: 'AwsSolutions-SF1',
          reason:
            'Vended log delivery needs logs:* permissions on every resource ("*"), which this project grants nowhere; each item failure is in the ResultWriter report in the jobs bucket, and runs are in the execution history.',
        },
        {
          id: 'AwsSolutions-SF2',
          reason:
            'X-Ray accepts no resource-level permissions ("*") and bills per trace; a batch of 10,000 items is followed in the Map run view instead.',
        },
        {
          id: 'Serverless-StepFunctionStateMachineXray',
          reason:
            'X-Ray accepts no resource-level permissions ("*") and bills per trace; a batch of 10,000 items is followed in the Map run view instead.',
        },
        {
          id: `AwsSolutions-IAM5[Resource::<${workerLogicalId}.Arn>:*]`,
          reason: 'LambdaInvoke grants the one worker function by any of its versions (Function and Function:*).',
        },
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${this.nagName(this.bucket.bucketName)}/*]`,
          reason:
            'The Distributed Map reads its items and writes the ResultWriter report under per-run keys of the jobs bucket.',
        },
        ...['', '/*'].map((suffix) => ({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineLogicalId}"}]}]}${suffix}:*]`,
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
    });
  }
}
