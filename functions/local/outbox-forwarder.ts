import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import * as z from 'zod/mini';
import { LOCAL_DYNAMODB_CREDENTIALS } from '../adapters/aws/clients.js';
import { eventOfStreamRecord } from '../adapters/dynamodb/stream-record.js';
import type { ArticleEvent } from '../domain/article.js';
import type { EventConsumer } from '../use-cases/deliver-event.js';

/**
 * The local outbox: what EventBridge Pipes does in AWS. Reads DynamoDB Local's stream of the newsroom table, picks
 * the lifecycle events (inserted `EVENT#` items) and hands each to every consumer in-process, in stream order. A
 * consumer that fails is retried with backoff; after the last attempt the delivery is written to the dead-letter file
 * and logged, and the stream moves on. The position in each shard is checkpointed in the data directory after every
 * record, so a restart resumes where the last run stopped: no event is lost while the stack (or a consumer) is down,
 * and the consumers' ledger makes a replayed record deliver nothing twice.
 */
export interface OutboxForwarderOptions {
  endpoint: string;
  tableName: string;
  dataDir: string;
  consumers: readonly EventConsumer[];
  deliver: (consumer: EventConsumer, event: ArticleEvent) => Promise<void>;
  log: (line: string) => void;
  pollMs?: number;
  /** Attempts per delivery before it is dead-lettered, and the backoff between them (doubling, capped). */
  retry?: { attempts: number; initialDelayMs: number; maxDelayMs: number };
}

export interface OutboxForwarder {
  /** Where deliveries that failed every attempt are recorded (one JSON object per line). */
  readonly deadLetterFile: string;
  /** Starts polling (after one pass has run). */
  start(): Promise<void>;
  /** Stops polling, after the record in hand is finished. */
  stop(): Promise<void>;
  /** Reads the stream until a pass finds nothing new (tests; polling need not be running). */
  drain(): Promise<void>;
}

const checkpointSchema = z.object({ shards: z.record(z.string(), z.string()) });

/** Turns the table's stream on (NEW_IMAGE, as in the CDK stack) for tables made before the outbox existed. */
export const ensureTableStream = async (client: DynamoDBClient, tableName: string): Promise<string> => {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = described.Table?.StreamSpecification?.StreamEnabled ? described.Table.LatestStreamArn : undefined;
  if (existing) return existing;
  const out = await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  const arn = out.TableDescription?.LatestStreamArn;
  if (!arn) throw new Error(`DynamoDB Local did not give table ${tableName} a stream`);
  return arn;
};

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const createOutboxForwarder = async (options: OutboxForwarderOptions): Promise<OutboxForwarder> => {
  const config = { region: 'local', endpoint: options.endpoint, credentials: LOCAL_DYNAMODB_CREDENTIALS };
  const streamArn = await ensureTableStream(new DynamoDBClient(config), options.tableName);
  const streams = new DynamoDBStreamsClient(config);
  const retry = options.retry ?? { attempts: 5, initialDelayMs: 250, maxDelayMs: 8_000 };
  const checkpointFile = join(options.dataDir, `outbox-checkpoint-${options.tableName}.json`);
  const deadLetterFile = join(options.dataDir, `outbox-dead-letters-${options.tableName}.jsonl`);
  await mkdir(options.dataDir, { recursive: true });

  const loadCheckpoint = async (): Promise<Record<string, string>> => {
    try {
      return checkpointSchema.parse(JSON.parse(await readFile(checkpointFile, 'utf8'))).shards;
    } catch {
      return {};
    }
  };
  const shards = await loadCheckpoint();
  const saveCheckpoint = async (): Promise<void> => {
    // Write-then-rename: a crash leaves the old checkpoint or the new one, never half of one.
    await writeFile(`${checkpointFile}.tmp`, JSON.stringify({ shards }));
    await rename(`${checkpointFile}.tmp`, checkpointFile);
  };
  /** Open iterators by shard; rebuilt from the checkpoint after a restart (or when one expires). */
  const iterators = new Map<string, string | null>();

  const deliverWithRetry = async (consumer: EventConsumer, event: ArticleEvent): Promise<void> => {
    let delay = retry.initialDelayMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await options.deliver(consumer, event);
        return;
      } catch (error) {
        if (attempt >= retry.attempts) {
          const record = { at: new Date().toISOString(), consumer, event, attempts: attempt, error: messageOf(error) };
          await appendFile(deadLetterFile, `${JSON.stringify(record)}\n`);
          options.log(
            `outbox: ${consumer} gave up on event ${event.id} (${event.type}) after ${attempt} attempts: ${messageOf(error)}; dead letter in ${deadLetterFile}`,
          );
          return;
        }
        await sleep(delay);
        delay = Math.min(retry.maxDelayMs, delay * 2);
      }
    }
  };

  const handleRecord = async (record: _Record): Promise<void> => {
    let event: ArticleEvent | undefined;
    try {
      event = eventOfStreamRecord(record);
    } catch (error) {
      // An event item that does not parse is a bug: record it and move on rather than block the stream behind it.
      const line = { at: new Date().toISOString(), record, error: messageOf(error) };
      await appendFile(deadLetterFile, `${JSON.stringify(line)}\n`);
      options.log(
        `outbox: unreadable event record ${record.eventID ?? ''}: ${messageOf(error)}; dead letter in ${deadLetterFile}`,
      );
      return;
    }
    if (!event) return;
    // Consumers are independent (as separate EventBridge rules are): one's failure does not hold up the others.
    await Promise.all(options.consumers.map((c) => deliverWithRetry(c, event)));
  };

  const iteratorFor = async (shardId: string): Promise<string | undefined> => {
    const after = shards[shardId];
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  };

  /** One pass over every shard; returns how many records it read. */
  const pass = async (): Promise<number> => {
    let read = 0;
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of described.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId) continue;
      let iterator = iterators.has(shardId) ? iterators.get(shardId) : await iteratorFor(shardId);
      // A closed shard read to its end has no iterator left: nothing more will come from it.
      if (!iterator) continue;
      for (;;) {
        let out;
        try {
          out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        } catch (error) {
          if (error instanceof Error && error.name === 'ExpiredIteratorException') {
            iterators.delete(shardId);
            break;
          }
          throw error;
        }
        for (const record of out.Records ?? []) {
          await handleRecord(record);
          const seq = record.dynamodb?.SequenceNumber;
          if (seq) {
            shards[shardId] = seq;
            await saveCheckpoint();
          }
          read += 1;
        }
        iterator = out.NextShardIterator ?? null;
        iterators.set(shardId, iterator);
        if (!iterator || (out.Records ?? []).length === 0) break;
      }
    }
    return read;
  };

  let running = false;
  // stop() clears `running` between awaits; read through a call, which the type checker does not narrow.
  const isRunning = (): boolean => running;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let passing: Promise<number> | undefined;
  const runPass = (): Promise<number> => {
    passing ??= pass().finally(() => {
      passing = undefined;
    });
    return passing;
  };

  return {
    deadLetterFile,
    async start() {
      running = true;
      await runPass().catch((error: unknown) => options.log(`outbox: ${messageOf(error)}`));
      loop = (async () => {
        while (isRunning()) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, options.pollMs ?? 500);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          if (!isRunning()) break;
          await runPass().catch((error: unknown) => options.log(`outbox: ${messageOf(error)}`));
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      await passing?.catch(() => undefined);
      streams.destroy();
    },
    async drain() {
      // Records written just before may take a moment to reach DynamoDB Local's stream: two quiet passes in a row.
      let quiet = 0;
      while (quiet < 2) {
        quiet = (await runPass()) === 0 ? quiet + 1 : 0;
        if (quiet < 2) await sleep(50);
      }
    },
  };
};
