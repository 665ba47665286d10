import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EVENT_RECORD_FILTER } from '../../functions/adapters/dynamodb/stream-record.js';
import { DISTRIBUTED_EVENTS } from '../../functions/domain/distribution.js';
import { EVENTS_ENV } from '../../functions/handlers/events-config.js';
import { EVENT_CONSUMERS, type EventConsumer } from '../../functions/use-cases/deliver-event.js';
import { FailureQueue } from './failure-queue.js';
import { grantArticleData, grantTableStreamRead } from './grants.js';
import { NewsroomFunction } from './newsroom-function.js';

/** What the pipe puts on the bus: `source` and `detail-type` the rules match. */
export const ARTICLE_EVENT_SOURCE = 'newsroom.articles';
export const ARTICLE_EVENT_DETAIL_TYPE = 'Article lifecycle event';

export interface EventPipelineProps {
  /** The newsroom table's stream (NEW_IMAGE). */
  tableStreamArn: string;
  table: { tableArn: string; indexArns: readonly string[] };
  /** The events handler's entry file. */
  entry: string;
  /** The environment every newsroom function gets (buildHandlerEnvironment). */
  environment: Record<string, string>;
  /** The people: desk groups, names, e-mail, linked Telegram chats. */
  userPool: IUserPool;
  /** The verified SES identity e-mail is sent from; without it the notify consumer sends no e-mail. */
  mailFrom?: string;
  /** Partner endpoints as JSON (PARTNERS_JSON). */
  partnersJson: string;
  alarmEmail?: string;
}

/**
 * The outbox of issue 13: the table's stream, filtered to inserted `EVENT#` items, goes through an EventBridge pipe
 * onto a custom event bus; one rule per consumer invokes that consumer's function.
 *
 * A pipe rather than a forwarder Lambda: the filter runs before anything is billed, there is no code to keep, and
 * the pipe retries a failed put (then dead-letters the record) on its own. Failures at every step land in one failure
 * queue with an alarm: the pipe's dead letters, the rules' (a Lambda that could not be invoked), and the functions'
 * (an event that failed its asynchronous retries: Lambda retries twice with backoff, then records it there).
 */
export class EventPipeline extends Construct {
  readonly bus: EventBus;
  readonly failures: FailureQueue;
  readonly telegramToken: Secret;
  readonly webhookSecret: Secret;
  readonly consumers: Record<EventConsumer, NewsroomFunction>;

  constructor(scope: Construct, id: string, props: EventPipelineProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'Newsroom article lifecycle events (from the table stream)' });
    this.failures = new FailureQueue(this, 'Failures', { alarmEmail: props.alarmEmail });
    const queue = this.failures.queue;

    // Created with a random placeholder: the operator puts the BotFather token in (never the template).
    this.telegramToken = new Secret(this, 'TelegramBotToken', {
      description: 'Telegram bot token for channel posts and direct messages; replace the placeholder with the token',
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
    });
    this.webhookSecret = new Secret(this, 'WebhookSigningSecret', {
      description: 'HMAC-SHA256 key partner webhooks are signed with; share it with partners out of band',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    for (const secret of [this.telegramToken, this.webhookSecret]) {
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotation needs a party Secrets Manager cannot drive: a bot token is reissued in Telegram (BotFather), a webhook key is exchanged with partners. Both are replaced by hand.',
      });
    }

    const pipeRole = new Role(this, 'PipeRole', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com'),
      description: 'Reads the newsroom table stream and puts lifecycle events on the newsroom bus',
    });
    grantTableStreamRead(pipeRole, props.tableStreamArn);
    this.bus.grantPutEventsTo(pipeRole);
    queue.grantSendMessages(pipeRole);
    new CfnPipe(this, 'Pipe', {
      roleArn: pipeRole.roleArn,
      description: 'Table stream → newsroom bus: inserted EVENT# items only',
      source: props.tableStreamArn,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: 'TRIM_HORIZON',
          batchSize: 10,
          maximumRetryAttempts: 10,
          maximumRecordAgeInSeconds: 86_400,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: queue.queueArn },
        },
        filterCriteria: { filters: [{ pattern: JSON.stringify(EVENT_RECORD_FILTER) }] },
      },
      target: this.bus.eventBusArn,
      targetParameters: {
        eventBridgeEventBusParameters: { source: ARTICLE_EVENT_SOURCE, detailType: ARTICLE_EVENT_DETAIL_TYPE },
      },
    });

    const region = Stack.of(this).region;
    const account = Stack.of(this).account;
    const make = (consumer: EventConsumer, description: string): NewsroomFunction => {
      const fn = new NewsroomFunction(this, pascal(consumer), {
        entry: props.entry,
        description,
        environment: {
          ...props.environment,
          [EVENTS_ENV.consumer]: consumer,
          [EVENTS_ENV.userPoolId]: props.userPool.userPoolId,
          [EVENTS_ENV.telegramTokenSecretArn]: this.telegramToken.secretArn,
          [EVENTS_ENV.webhookSecretArn]: this.webhookSecret.secretArn,
          [EVENTS_ENV.partners]: props.partnersJson,
          ...(props.mailFrom ? { [EVENTS_ENV.mailFrom]: props.mailFrom } : {}),
        },
        memorySize: 512,
        timeout: Duration.seconds(30),
        // Lambda keeps retrying an event for at most six hours (its limit); the ledger skips what was already done.
        maxEventAge: Duration.hours(6),
        failureQueue: queue,
      });
      grantArticleData(fn.fn, props.table);
      const onlyDistributed = consumer !== 'notify';
      new Rule(this, `${pascal(consumer)}Rule`, {
        eventBus: this.bus,
        description: `Lifecycle events → ${consumer}`,
        eventPattern: {
          source: [ARTICLE_EVENT_SOURCE],
          detailType: [ARTICLE_EVENT_DETAIL_TYPE],
          ...(onlyDistributed ? { detail: { dynamodb: { NewImage: { type: { S: [...DISTRIBUTED_EVENTS] } } } } } : {}),
        },
        targets: [
          new LambdaFunction(fn.fn, { deadLetterQueue: queue, retryAttempts: 8, maxEventAge: Duration.hours(24) }),
        ],
      });
      return fn;
    };

    this.consumers = {
      notify: make('notify', 'Tells people of lifecycle events: inbox, e-mail (SES), Telegram direct messages'),
      'telegram-channel': make('telegram-channel', "Posts, edits and deletes stories in their desk's Telegram channel"),
      webhooks: make('webhooks', 'POSTs signed publish, correction and take-down events to partner URLs'),
    };
    const notify = this.consumers.notify.fn;
    notify.addToRolePolicy(
      new PolicyStatement({
        sid: 'DirectoryRead',
        actions: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'],
        resources: [props.userPool.userPoolArn],
      }),
    );
    if (props.mailFrom) {
      const domain = props.mailFrom.split('@')[1] ?? props.mailFrom;
      notify.addToRolePolicy(
        new PolicyStatement({
          sid: 'SendNotificationMail',
          actions: ['ses:SendEmail'],
          // The address's own identity, or its domain's, whichever is verified; nothing else may be sent from.
          resources: [
            `arn:${Stack.of(this).partition}:ses:${region}:${account}:identity/${props.mailFrom}`,
            `arn:${Stack.of(this).partition}:ses:${region}:${account}:identity/${domain}`,
          ],
        }),
      );
    }
    this.telegramToken.grantRead(notify);
    this.telegramToken.grantRead(this.consumers['telegram-channel'].fn);
    this.webhookSecret.grantRead(this.consumers.webhooks.fn);
    if (EVENT_CONSUMERS.length !== Object.keys(this.consumers).length) throw new Error('a consumer has no function');
  }
}

const pascal = (s: string): string =>
  s
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
