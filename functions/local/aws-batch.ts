import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { z } from 'zod';

/**
 * `--aws`: the batch CLIs start the stack's Step Functions job (infra/constructs/batch-jobs.ts) instead of working
 * locally, and follow its Distributed Map run (DescribeMapRun's item counts) with the same progress display.
 */
export const awsBatchEnvSchema = z.object({
  NEWSROOM_IMPORT_STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  NEWSROOM_RERENDER_STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  NEWSROOM_JOBS_BUCKET: z.string().min(3),
});
export type AwsBatchEnv = z.infer<typeof awsBatchEnvSchema>;

export interface MapRunProgress {
  total: number;
  succeeded: number;
  failed: number;
}

export interface AwsJobOutcome extends MapRunProgress {
  executionArn: string;
  status: string;
}

const POLL_MS = 2_000;

/**
 * Starts one execution and polls it until it ends: the Map run's item counts on every poll (`onProgress`), the
 * execution's status at the end. `sleep` is injected so tests do not wait.
 */
export const runStepFunctionsJob = async (options: {
  sfn: Pick<SFNClient, 'send'>;
  stateMachineArn: string;
  input: Record<string, unknown>;
  onProgress: (progress: MapRunProgress) => void;
  sleep?: (ms: number) => Promise<void>;
}): Promise<AwsJobOutcome> => {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = await options.sfn.send(
    new StartExecutionCommand({ stateMachineArn: options.stateMachineArn, input: JSON.stringify(options.input) }),
  );
  const executionArn = started.executionArn;
  if (!executionArn) throw new Error('Step Functions started no execution');
  let progress: MapRunProgress = { total: 0, succeeded: 0, failed: 0 };
  for (;;) {
    const runs = await options.sfn.send(new ListMapRunsCommand({ executionArn }));
    const mapRunArn = runs.mapRuns?.[0]?.mapRunArn;
    if (mapRunArn) {
      const run = await options.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      progress = {
        total: run.itemCounts?.total ?? 0,
        succeeded: run.itemCounts?.succeeded ?? 0,
        failed: run.itemCounts?.failed ?? 0,
      };
      options.onProgress(progress);
    }
    const execution = await options.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
      return { executionArn, status: execution.status ?? 'UNKNOWN', ...progress };
    }
    await sleep(POLL_MS);
  }
};

/** One line per poll: the Map run's counts (a terminal gets them rewritten in place). */
export const printMapRun =
  (label: string, stream: NodeJS.WriteStream = process.stdout) =>
  (p: MapRunProgress): void => {
    const line = `${label}: ${p.succeeded + p.failed}/${p.total} done, ${p.failed} failed`;
    stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
  };
