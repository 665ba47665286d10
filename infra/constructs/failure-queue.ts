import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface FailureQueueProps {
  /** Who hears about failed work. Without it the alarm still shows in the CloudWatch console. */
  alarmEmail?: string;
}

/**
 * Where asynchronous work goes when it has failed all its retries (a scheduled publish that could not run, a tick
 * that crashed): an encrypted SQS queue that keeps each failure record for 14 days, and an alarm as soon as one
 * arrives. The record holds the original event and the error, so the work can be inspected and replayed.
 */
export class FailureQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: FailureQueueProps = {}) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the last stop for failed invocations (a Lambda on-failure destination); a DLQ behind it would only hide failures further.',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'This queue is itself the last stop for failed invocations (a Lambda on-failure destination); nothing consumes it automatically, so there is nothing to redrive.',
      },
    );

    // The AWS managed key for SNS: encryption at rest without a customer key to pay for and manage.
    this.topic = new Topic(this, 'Alarms', {
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    this.alarm = new Alarm(this, 'Alarm', {
      alarmDescription:
        'Asynchronous newsroom work failed after all retries (e.g. a scheduled publication). Read the messages in the failure queue: each holds the event and the error.',
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
