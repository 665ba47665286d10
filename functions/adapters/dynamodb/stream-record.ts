import type { AttributeValue } from '@aws-sdk/client-dynamodb';
// unmarshall comes with @aws-sdk/lib-dynamodb (its dependency, pinned by the lock file).
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod/mini';
import type { ArticleEvent } from '../../domain/article.js';
import { parseEventItem } from './items.js';
import { EVENT_PREFIX } from './keys.js';

/**
 * A DynamoDB stream record as the outbox sees it: the record Lambda, EventBridge Pipes and the local forwarder all
 * carry (`eventName`, `dynamodb.NewImage` in the typed attribute format). Only inserted `EVENT#` items are events;
 * anything else (article items, marks, leases) is not for the outbox.
 */
const streamRecordSchema = z.object({
  eventName: z.optional(z.string()),
  dynamodb: z.optional(
    z.object({
      NewImage: z.optional(z.record(z.string(), z.unknown())),
      SequenceNumber: z.optional(z.string()),
    }),
  ),
});

/** The filter the AWS pipe applies before anything is paid for: inserts of items whose sort key starts `EVENT#`. */
export const EVENT_RECORD_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { sk: { S: [{ prefix: EVENT_PREFIX }] } } },
} as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The DynamoDB Streams client (3.11xx) reads an empty map attribute (`{"M": {}}`) as `{}`, which unmarshall refuses:
 * put the `M` back, at any depth.
 */
const repairEmptyMaps = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(repairEmptyMaps);
  if (!isRecord(value)) return value;
  if (Object.keys(value).length === 0) return { M: {} };
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'M' && isRecord(v)
        ? Object.fromEntries(Object.entries(v).map(([mk, mv]) => [mk, repairEmptyMaps(mv)]))
        : repairEmptyMaps(v),
    ]),
  );
};

const isAttributeMap = (v: Record<string, unknown>): v is Record<string, AttributeValue> =>
  Object.values(v).every(isRecord);

/** The lifecycle event an (outside) stream record carries, or undefined when it carries none. */
export const eventOfStreamRecord = (record: unknown): ArticleEvent | undefined => {
  const parsed = streamRecordSchema.safeParse(record);
  if (!parsed.success || parsed.data.eventName !== 'INSERT') return undefined;
  const raw = parsed.data.dynamodb?.NewImage;
  const sk = raw?.sk;
  // Only event items are unmarshalled (cheap check on the raw sort key first).
  if (!raw || !isRecord(sk) || typeof sk.S !== 'string' || !sk.S.startsWith(EVENT_PREFIX)) return undefined;
  const image = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, repairEmptyMaps(v)]));
  if (!isAttributeMap(image)) return undefined;
  const item = unmarshall(image);
  if (typeof item.sk !== 'string' || !item.sk.startsWith(EVENT_PREFIX)) return undefined;
  return parseEventItem(item);
};
