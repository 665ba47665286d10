import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  EventSourceMapping,
  FilterCriteria,
  FilterRule,
  StartingPosition,
  type IFunction,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DUE_PARTITION } from '../../functions/adapters/dynamodb/keys.js';
import { grantTableStreamRead } from './grants.js';

export interface SiteWorkTriggerProps {
  /** The tick function: the publishing job. */
  fn: IFunction;
  /** The newsroom table, with its stream on (NEW_IMAGE). */
  table: ITable;
  /** Where batches that failed all their retries are recorded (the failure queue and its alarm). */
  failureQueue: IQueue;
}

/**
 * Runs the publishing job as soon as a commit makes site work due, instead of waiting for the minute's tick: the
 * table's stream, filtered to article items in the due index (gsi5pk = DUE) that no job holds (no lease: heartbeats
 * and the job's own bookkeeping do not wake it again) and that carry no recorded failure (a failing item is retried
 * by the tick, never in a tight loop). The publish request answers before this runs.
 *
 * An EventSourceMapping rather than `DynamoEventSource`, whose `grantStreamRead` grants ListStreams on `*`.
 */
export class SiteWorkTrigger extends Construct {
  constructor(scope: Construct, id: string, props: SiteWorkTriggerProps) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('SiteWorkTrigger needs a table with its stream enabled');
    // aws-cdk-lib types the rule as `any`; it is only ever serialised into the filter pattern.
    const isDue: unknown = FilterRule.isEqual(DUE_PARTITION);
    new EventSourceMapping(this, 'Stream', {
      target: props.fn,
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.LATEST,
      batchSize: 10,
      // A failed batch is retried twice, split to find the bad record, then recorded; the tick retries the work.
      retryAttempts: 2,
      bisectBatchOnError: true,
      maxRecordAge: Duration.minutes(5),
      onFailure: new SqsDlq(props.failureQueue),
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.or('INSERT', 'MODIFY'),
          dynamodb: {
            NewImage: {
              gsi5pk: { S: isDue },
              leaseOwner: FilterRule.notExists(),
              publishError: FilterRule.notExists(),
            },
          },
        }),
      ],
    });
    grantTableStreamRead(props.fn, streamArn);
  }
}
