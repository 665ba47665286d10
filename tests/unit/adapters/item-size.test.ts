import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { isItemTooLarge, measureItemBytes } from '../../../functions/adapters/dynamodb/item-size.js';

describe('measureItemBytes (DynamoDB item size rules)', () => {
  it('counts attribute names and string values in UTF-8 bytes', () => {
    expect(measureItemBytes({ pk: 'ARTICLE#1' })).toBe(2 + 9);
    expect(measureItemBytes({ title: 'Я' })).toBe(5 + 2);
  });

  it('counts lists and maps as 3 bytes plus 1 per element, with map keys', () => {
    expect(measureItemBytes({ l: ['ab', 'c'] })).toBe(1 + 3 + 2 + 2 + 1);
    expect(measureItemBytes({ m: { x: 'yy' } })).toBe(1 + 3 + 1 + 1 + 2);
  });

  it('handles nesting deeper than the call stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(measureItemBytes({ d: deep })).toBe(1 + 200_000 * 4 + 1);
  });
});

describe('isItemTooLarge', () => {
  it('recognises the size refusal as a ValidationException and, in a transaction, as a cancellation reason', () => {
    const validation = Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
      name: 'ValidationException',
    });
    // DynamoDB Local answers with the ValidationException; the cancellation form is built by hand.
    const cancelled = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'ValidationError', Message: 'Item size has exceeded the maximum allowed size' }],
    });

    expect(isItemTooLarge(validation)).toBe(true);
    expect(isItemTooLarge(cancelled)).toBe(true);
    expect(
      isItemTooLarge(
        Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException' }),
      ),
    ).toBe(false);
  });
});
