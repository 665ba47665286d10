import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { DomainError } from '../../domain/errors.js';
import type { ArticleQuery } from '../../ports/article-store.js';
import { isConditionFailure, type DynamoDbStoreOptions } from './dynamodb-shared.js';
import { cursorSecretKey } from './keys.js';

/**
 * List cursors: DynamoDB's LastEvaluatedKey, opaque to clients and signed with HMAC-SHA256 over the query it came
 * from, so a client can neither forge a start key (which DynamoDB would reject with a 500, or which could start a
 * desk's queue inside another partition) nor replay a cursor of one listing on another (another desk, status or
 * author). Format: `<base64url JSON of the key>.<base64url MAC>`.
 *
 * The signing key is a random 32-byte secret stored once in the table itself (created with a conditional put, so
 * concurrent cold starts agree on one), read once per container: the same code in Lambda and in the local stack, no
 * new infrastructure secret.
 */

/** What a cursor can belong to: an article listing, or one person's notification inbox. */
export type CursorScope = ArticleQuery | { kind: 'inbox'; sub: string };

export interface CursorCodec {
  /** A signed cursor for the next page of `query`, or undefined at the end of the listing. */
  encode(query: CursorScope, lastKey: Record<string, unknown> | undefined): Promise<string | undefined>;
  /** The start key of a cursor this codec issued for the same query; invalid_cursor for anything else. */
  decode(query: CursorScope, cursor: string | undefined): Promise<Record<string, string> | undefined>;
}

/** Loads the signing secret (32 bytes). */
export type LoadCursorSecret = () => Promise<Buffer>;

const SECRET_BYTES = 32;
const MAC_LABEL = 'newsroom-list-cursor-v1';
/** Every key attribute of the queue and author indexes is a string (table-definition.ts). */
const startKeySchema = z.record(z.string(), z.string());
const secretItemSchema = z.object({ secret: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)) });

const invalidCursor = (): DomainError =>
  new DomainError(
    'invalid_cursor',
    'this cursor is not one this API returned for this listing; start the listing again without a cursor',
  );

/** What a cursor is bound to: the listing's partition and filter, never just its shape (JSON: unambiguous). */
const scopeOf = (query: CursorScope): string =>
  JSON.stringify(
    query.kind === 'desk'
      ? ['desk', query.desk, query.status]
      : query.kind === 'inbox'
        ? ['inbox', query.sub]
        : ['author', query.sub, query.status ?? null],
  );

export const createCursorCodec = (loadSecret: LoadCursorSecret): CursorCodec => {
  const macOf = async (query: CursorScope, payload: string): Promise<Buffer> =>
    createHmac('sha256', await loadSecret())
      .update(`${MAC_LABEL}\u0000${scopeOf(query)}\u0000${payload}`, 'utf8')
      .digest();

  return {
    async encode(query, lastKey) {
      if (!lastKey) return undefined;
      const payload = Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url');
      return `${payload}.${(await macOf(query, payload)).toString('base64url')}`;
    },

    async decode(query, cursor) {
      if (cursor === undefined || cursor === '') return undefined;
      const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(cursor);
      if (!match) throw invalidCursor();
      const [, payload = '', mac = ''] = match;
      const given = Buffer.from(mac, 'base64url');
      const expected = await macOf(query, payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
      let key: unknown;
      try {
        key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw invalidCursor();
      }
      // Signed by us, so well-formed unless the key format changed between releases.
      const parsed = startKeySchema.safeParse(key);
      if (!parsed.success || Object.keys(parsed.data).length === 0) throw invalidCursor();
      return parsed.data;
    },
  };
};

/**
 * The signing secret from the table, created on first use. Cached per container; a failed read is not cached, so
 * the next request tries again.
 */
export const createDynamoDbCursorSecret = ({ client, tableName }: DynamoDbStoreOptions): LoadCursorSecret => {
  let cached: Promise<Buffer> | undefined;
  const read = async (): Promise<Buffer | undefined> => {
    const out = await client.send(
      new GetCommand({ TableName: tableName, Key: cursorSecretKey(), ConsistentRead: true }),
    );
    return out.Item ? Buffer.from(secretItemSchema.parse(out.Item).secret, 'base64url') : undefined;
  };
  const load = async (): Promise<Buffer> => {
    const existing = await read();
    if (existing) return existing;
    const secret = randomBytes(SECRET_BYTES);
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...cursorSecretKey(), secret: secret.toString('base64url') },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return secret;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Another container created it first: use theirs.
      const theirs = await read();
      if (!theirs) throw error;
      return theirs;
    }
  };
  return () => {
    cached ??= load().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
};
