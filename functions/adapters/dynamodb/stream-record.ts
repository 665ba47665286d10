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

const isAttributeMap = (v: Record<string, unknown>): v is Record<string, AttributeValue> =>
  Object.values(v).every((a) => typeof a === 'object' && a !== null && !Array.isArray(a));

/** The lifecycle event an (outside) stream record carries, or undefined when it carries none. */
export const eventOfStreamRecord = (record: unknown): ArticleEvent | undefined => {
  const parsed = streamRecordSchema.safeParse(record);
  if (!parsed.success || parsed.data.eventName !== 'INSERT') return undefined;
  const image = parsed.data.dynamodb?.NewImage;
  if (!image || !isAttributeMap(image)) return undefined;
  const item = unmarshall(image);
  if (typeof item.sk !== 'string' || !item.sk.startsWith(EVENT_PREFIX)) return undefined;
  return parseEventItem(item);
};
