import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JOBS_BUCKET_ENV } from '../../functions/handlers/batch-jobs-env.js';
import { FUNCTION_ENTRIES } from '../../infra/config.js';
import {
  BATCH_MAX_CONCURRENCY,
  BATCH_TOLERATED_FAILURE_PERCENTAGE,
  BatchJobs,
} from '../../infra/constructs/batch-jobs.js';

/** The Distributed Maps of `npm run import -- --aws` / `npm run rerender -- --aws`, read from the synthesized template. */
let template: Template;
const definitions = new Map<string, Record<string, unknown>>();

const stateSchema = z.record(z.string(), z.unknown());
const definitionSchema = z.object({
  StartAt: z.string(),
  TimeoutSeconds: z.number().optional(),
  States: z.record(z.string(), stateSchema),
});
const joinSchema = z.object({ 'Fn::Join': z.tuple([z.literal(''), z.array(z.unknown())]) });

/** The state machine's definition as JSON: CloudFormation references replaced by a marker string. */
const definitionOf = (resource: unknown): z.infer<typeof definitionSchema> => {
  const props = z.object({ Properties: z.object({ DefinitionString: joinSchema }) }).parse(resource);
  const text = props.Properties.DefinitionString['Fn::Join'][1]
    .map((p) => (typeof p === 'string' ? p : 'REF'))
    .join('');
  return definitionSchema.parse(JSON.parse(text));
};

beforeAll(() => {
  const app = new App();
  const stack = new Stack(app, 'BatchJobsTest');
  new BatchJobs(stack, 'BatchJobs', {
    entry: path.join(process.cwd(), FUNCTION_ENTRIES.batchJobs),
    environment: { NEWSROOM_TABLE: 'table' },
    failureQueue: new Queue(stack, 'Failures'),
    bucket: new Bucket(stack, 'Jobs'),
    grant: () => undefined,
  });
  template = Template.fromStack(stack);
  for (const [id, resource] of Object.entries(template.findResources('AWS::StepFunctions::StateMachine'))) {
    definitions.set(id.startsWith('BatchJobsImport') ? 'import' : 'rerender', definitionOf(resource));
  }
}, 120_000);

const mapOf = (machine: string): Record<string, unknown> => {
  const definition = definitionSchema.parse(definitions.get(machine));
  const map = Object.values(definition.States).find((s) => s.Type === 'Map');
  if (!map) throw new Error(`no Map state in the ${machine} machine`);
  return map;
};

describe('BatchJobs', () => {
  it('defines two state machines that end within 12 hours', () => {
    expect([...definitions.keys()].sort()).toEqual(['import', 'rerender']);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
    for (const definition of definitions.values()) expect(definition).toMatchObject({ TimeoutSeconds: 12 * 3600 });
  });

  it('imports over an S3 prefix: a Distributed Map reading the objects under the execution input prefix', () => {
    const map = mapOf('import');
    expect(map).toMatchObject({
      ItemReader: {
        Resource: expect.stringMatching(/:states:::s3:listObjectsV2$/) as unknown,
        Parameters: { 'Prefix.$': '$.prefix' },
      },
      ItemSelector: { task: 'import-item', 'Key.$': '$$.Map.Item.Value.Key' },
      MaxConcurrency: BATCH_MAX_CONCURRENCY,
      ToleratedFailurePercentage: BATCH_TOLERATED_FAILURE_PERCENTAGE,
      ResultWriter: {
        Resource: expect.stringMatching(/:states:::s3:putObject$/) as unknown,
        Parameters: { Prefix: 'reports/import' },
      },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
  });

  it('re-renders over the published list: a manifest written by the worker, read by a JSON item reader', () => {
    const definition = definitionSchema.parse(definitions.get('rerender'));
    const first = definition.States[definition.StartAt];
    expect(first).toMatchObject({
      Type: 'Task',
      Parameters: { task: 'rerender-list', 'executionId.$': '$$.Execution.Name' },
    });
    expect(mapOf('rerender')).toMatchObject({
      ItemReader: {
        Resource: expect.stringMatching(/:states:::s3:getObject$/) as unknown,
        ReaderConfig: { InputType: 'JSON' },
        Parameters: { 'Key.$': '$.key' },
      },
      ItemSelector: { task: 'rerender-item', 'id.$': '$$.Map.Item.Value.id' },
      MaxConcurrency: BATCH_MAX_CONCURRENCY,
      ResultWriter: { Parameters: { Prefix: 'reports/rerender' } },
    });
    const last = Object.values(definition.States).find((s) => s.End === true);
    expect(last).toMatchObject({ Parameters: { task: 'rerender-finish' } });
  });

  it('retries a failed item, and Lambda service errors, before it counts as failed', () => {
    for (const machine of ['import', 'rerender']) {
      const processor = z
        .object({ ItemProcessor: z.object({ States: z.record(z.string(), stateSchema) }) })
        .parse(mapOf(machine));
      const [task] = Object.values(processor.ItemProcessor.States);
      const retries = z
        .array(z.object({ ErrorEquals: z.array(z.string()), MaxAttempts: z.number() }))
        .parse(task?.Retry);
      expect(retries.flatMap((r) => r.ErrorEquals)).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'States.TaskFailed']),
      );
    }
  });

  it("gives the worker the jobs bucket's name and a 15-minute timeout (the index rebuild of a whole archive)", () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ [JOBS_BUCKET_ENV]: Match.anyValue() }) },
    });
  });
});
