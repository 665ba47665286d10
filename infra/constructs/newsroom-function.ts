import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
  type IDestination,
} from 'aws-cdk-lib/aws-lambda';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { newsroomBundling, SOURCE_MAP_NODE_OPTIONS, type NativeModule } from './bundling.js';

/**
 * The newest Node.js runtime aws-cdk-lib offers, named explicitly rather than NODEJS_LATEST (which moves when the
 * library is upgraded and would change runtimes silently). tests/infra checks that no newer one exists.
 */
export const NEWSROOM_RUNTIME = Runtime.NODEJS_24_X;

export interface NewsroomFunctionProps {
  /** The entry point file (exports `handler`), relative to the repository root or absolute. */
  entry: string;
  /** What the function does, shown in the console. */
  description: string;
  /** Environment variables, built with `buildHandlerEnvironment` so names match `HANDLER_ENV`. */
  environment: Record<string, string>;
  /**
   * Memory in MB. Lambda gives CPU in proportion to memory, so init and rendering get faster with more.
   * Default 1024.
   */
  memorySize?: number;
  /** Default 15 seconds: an HTTP API waits at most 30 s, and no newsroom action should come near that. */
  timeout?: Duration;
  /**
   * Where an asynchronous invocation lands after its retries are spent (EventBridge ticks, async work). Required: a
   * failure must be visible, never only a log line.
   */
  failureQueue: IQueue;
  /** Retries of a failed asynchronous invocation (0-2). Default 2. */
  retryAttempts?: number;
  /** Oldest asynchronous event still worth running. Default 1 hour. */
  maxEventAge?: Duration;
  /** Days to keep the function's logs. Default three months. */
  logRetention?: RetentionDays;
  /**
   * X-Ray active tracing. Off by default: X-Ray accepts no resource-level permissions (its grant is `Resource: *`)
   * and bills per trace beyond the free tier, while the tick alone runs 43,200 times a month. Turn it on to chase a
   * latency problem.
   */
  tracing?: boolean;
  /** Packages with native builds installed beside the bundle for linux-arm64 (the photo processor's sharp). */
  nativeModules?: readonly NativeModule[];
}

/**
 * Every newsroom Lambda: bundled locally with esbuild (no Docker), arm64, the newest Node.js runtime, JSON logs with a
 * retention period, its own role, and an on-failure destination for asynchronous invocations. The function starts
 * with no permissions beyond its logs and traces; the stack grants each one only what it uses.
 *
 * Logical ids: `Resource` (the function) and `Logs` under this construct's id. Renaming is safe for the function
 * (it is stateless) but loses the log group's history.
 */
export class NewsroomFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: NewsroomFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      // Logs belong to the stateless side: replacing the stack may drop them; the article history lives in the table.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of AWSLambdaBasicExecutionRole, which may write to every log group in the account: this
    // one writes to its own log group only. Grants added later (by the stack) go to this role's default policy.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${id} function`,
    });
    this.logGroup.grantWrite(this.role);
    const onFailure: IDestination = new SqsDestination(props.failureQueue);
    this.fn = new NodejsFunction(this, 'Resource', {
      role: this.role,
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: NEWSROOM_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(15),
      environment: { ...props.environment, NODE_OPTIONS: SOURCE_MAP_NODE_OPTIONS },
      bundling: newsroomBundling(props.entry, props.nativeModules),
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup: this.logGroup,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(1),
      onFailure,
    });
    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Asynchronous failures go to an on-failure destination (the failure queue), which records the event and the error; AWS recommends destinations over a dead-letter queue, and having both would split failures in two places.',
    });
    if (!props.tracing) {
      Validations.of(this.fn).acknowledge({
        id: 'Serverless-LambdaTracing',
        reason:
          'Tracing is off by default (see NewsroomFunctionProps.tracing): JSON logs and Lambda metrics cover operations, and X-Ray would need a Resource:* grant.',
      });
    }
  }
}
