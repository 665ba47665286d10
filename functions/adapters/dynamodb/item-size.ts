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
    { maxItemBytes: 400 * 1024 },
  );
