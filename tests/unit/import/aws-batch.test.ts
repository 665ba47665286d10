/**
 * The CLIs' `--aws` mode against a stub of the Step Functions client's `send`: the network boundary is the only thing
 * replaced (there is no AWS to reach from here, and no emulator runs Distributed Maps). The state machine itself is
 * checked through Template assertions in tests/infra/batch-jobs.test.ts.
 */
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { runStepFunctionsJob, type MapRunProgress } from '../../../functions/local/aws-batch.js';

const EXECUTION = 'arn:aws:states:eu-central-1:123456789012:execution:Import:run-1';
const MAP_RUN = 'arn:aws:states:eu-central-1:123456789012:mapRun:Import/run-1:abc';

/** Answers like Step Functions would for a run that goes 0 → 60 → 100 items, 2 failing, then ends. */
const stubSfn = (finalStatus: string) => {
  const sent: unknown[] = [];
  const counts = [
    { total: 100, succeeded: 0, failed: 0 },
    { total: 100, succeeded: 59, failed: 1 },
    { total: 100, succeeded: 98, failed: 2 },
  ];
  let polls = 0;
  return {
    sent,
    send: (command: unknown): Promise<unknown> => {
      sent.push(command);
      if (command instanceof StartExecutionCommand) return Promise.resolve({ executionArn: EXECUTION });
      if (command instanceof ListMapRunsCommand) return Promise.resolve({ mapRuns: [{ mapRunArn: MAP_RUN }] });
      if (command instanceof DescribeMapRunCommand) {
        return Promise.resolve({ itemCounts: counts[Math.min(polls, counts.length - 1)] });
      }
      if (command instanceof DescribeExecutionCommand) {
        polls += 1;
        return Promise.resolve({ status: polls >= counts.length ? finalStatus : 'RUNNING' });
      }
      return Promise.reject(new Error('unexpected command'));
    },
  };
};

describe('runStepFunctionsJob (--aws)', () => {
  it('starts the execution with the input, reports the Map run counts on every poll, and ends with its status', async () => {
    const sfn = stubSfn('SUCCEEDED');
    const seen: MapRunProgress[] = [];
    const sleeps: number[] = [];
    const outcome = await runStepFunctionsJob({
      sfn: sfn as never,
      stateMachineArn: 'arn:aws:states:eu-central-1:123456789012:stateMachine:Import',
      input: { prefix: 'imports/20261130/' },
      onProgress: (p) => seen.push(p),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    });
    const start = sfn.sent[0];
    expect(start).toBeInstanceOf(StartExecutionCommand);
    expect(start instanceof StartExecutionCommand && JSON.parse(start.input.input ?? '')).toEqual({
      prefix: 'imports/20261130/',
    });
    expect(seen.map((p) => p.succeeded + p.failed)).toEqual([0, 60, 100]);
    expect(sleeps).toHaveLength(2);
    expect(outcome).toEqual({ executionArn: EXECUTION, status: 'SUCCEEDED', total: 100, succeeded: 98, failed: 2 });
  });

  it('returns a failed execution as it ended (the CLI exits non-zero)', async () => {
    const outcome = await runStepFunctionsJob({
      sfn: stubSfn('FAILED') as never,
      stateMachineArn: 'arn:aws:states:eu-central-1:123456789012:stateMachine:Rerender',
      input: {},
      onProgress: () => undefined,
      sleep: () => Promise.resolve(),
    });
    expect(outcome.status).toBe('FAILED');
  });
});
