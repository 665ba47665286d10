import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../functions/use-cases/map-bounded.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('mapBounded', () => {
  it('answers in the items’ order with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      for (let i = 0; i < n; i += 1) await tick();
      inFlight -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });

  it('starts nothing after a failure, lets what is in flight finish, then throws the failure', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapBounded([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('item 1 failed');
      await tick();
      await tick();
      finished.push(n);
      return n;
    });
    await expect(run).rejects.toThrow('item 1 failed');
    // 0 and 1 start together; 1 fails at once, so only 0 (already in flight) runs on and nothing after it starts.
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([0]);
  });

  it('takes an empty list', async () => {
    expect(await mapBounded([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
