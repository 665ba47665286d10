import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../domain/errors.js';

/**
 * DynamoDB refuses an item over 400 KB with a ValidationException (or, inside a transaction, a cancellation reason
 * `ValidationError`). ValidationException covers every malformed request, and only its message tells the size
 * limit apart, so this is the one place that reads the message text.
 */
const ITEM_SIZE_MESSAGE = /item size (has )?exceeded/i;

export const isItemTooLarge = (error: unknown): boolean =>
  (error instanceof Error && error.name === 'ValidationException' && ITEM_SIZE_MESSAGE.test(error.message)) ||
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some(
      (r) => r.Code === 'ValidationError' && ITEM_SIZE_MESSAGE.test(r.Message ?? ''),
    ));

/** A write refused for size is the text's fault, not ours: a 413 that says what to do. */
export const articleTooLarge = (articleId: string): DomainError =>
  new DomainError(
    'article_too_large',
    `article ${articleId} is too large to store: its text and the repairs made to it must fit in 400 KB — ` +
      'shorten the text (or remove pasted material) or split it into two stories',
    // The item holds the text and its repairs (about the text again), at two bytes per Cyrillic character: the app
    // states the limit as characters of text, which people can count.
    { maxItemBytes: 400 * 1024, maxCharacters: Math.floor((400 * 1024) / 4) },
  );

/**
 * An item's size as DynamoDB counts it (attribute names plus values; strings in UTF-8 bytes, numbers about one byte
 * per two digits, lists and maps three bytes plus one per element): hand-rolled, as no maintained package does this.
 */
export const measureItemBytes = (item: Record<string, unknown>): number => {
  let total = 0;
  const stack: unknown[] = [];
  for (const [name, value] of Object.entries(item)) {
    total += Buffer.byteLength(name, 'utf8');
    stack.push(value);
  }
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') total += Buffer.byteLength(value, 'utf8');
    else if (typeof value === 'number') total += Math.ceil(String(value).replace(/[^0-9]/g, '').length / 2) + 1;
    else if (typeof value === 'boolean' || value === null) total += 1;
    else if (value instanceof Set) for (const element of value) stack.push(element);
    else if (Array.isArray(value)) {
      total += 3 + value.length;
      for (const element of value) stack.push(element);
    } else if (typeof value === 'object') {
      const entries = Object.entries(value);
      total += 3 + entries.length;
      for (const [key, inner] of entries) {
        total += Buffer.byteLength(key, 'utf8');
        stack.push(inner);
      }
    }
  }
  return total;
};

/**
 * DynamoDB itself decides the exact 400 KB limit (its refusal is translated by `isItemTooLarge`). This guard only
 * keeps requests of megabytes from being sent at all: DynamoDB Local drops the connection on them (EPIPE), and the
 * service refuses the whole request rather than the item.
 */
export const MAX_SENDABLE_ITEM_BYTES = 1024 * 1024;

export const assertItemsSendable = (items: ReadonlyArray<Record<string, unknown> | undefined>, articleId: string) => {
  for (const item of items) {
    if (item && measureItemBytes(item) > MAX_SENDABLE_ITEM_BYTES) throw articleTooLarge(articleId);
  }
};
