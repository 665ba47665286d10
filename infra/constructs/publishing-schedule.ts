import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface PublishingScheduleProps {
  /** The publishing tick: publishes due articles and repairs site indexes. */
  tick: IFunction;
  /** Where events that EventBridge could not deliver at all go: beside the function's own failures. */
  deadLetterQueue: IQueue;
  /** How often the tick runs; once a minute by default (the granularity of scheduled publishing). */
  every?: Duration;
}

/**
 * The scheduled publishing tick's clock: an EventBridge rule that invokes the tick, retries twice, drops events older
 * than five minutes (later ticks have overtaken them) and dead-letters what it cannot deliver.
 *
 * Logical id: the rule is the construct's `Default` child, so it keeps the id it had when the stack built it
 * directly (`EveryMinute…`), and so does the function's invoke permission (named after the rule).
 */
export class PublishingSchedule extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: PublishingScheduleProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Default', {
      description: 'Scheduled publishing tick',
      schedule: Schedule.rate(props.every ?? Duration.minutes(1)),
      targets: [
        new LambdaFunction(props.tick, {
          retryAttempts: 2,
          maxEventAge: Duration.minutes(5),
          deadLetterQueue: props.deadLetterQueue,
        }),
      ],
    });
  }
}
