import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaveTimer } from '../../../web/src/lib/autosave-timer.js';

/** A save the test finishes by hand. */
const manualSaves = () => {
  const pending: (() => void)[] = [];
  const save = vi.fn(
    () =>
      new Promise<void>((resolve) => {
        pending.push(resolve);
      }),
  );
  const finish = async (): Promise<void> => {
    pending.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { save, finish };
};

describe('autosave timing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves 2 s after typing stops, once', async () => {
    const { save, finish } = manualSaves();
    const timer = createAutosaveTimer({ save });
    timer.changed();
    await vi.advanceTimersByTimeAsync(1_000);
    timer.changed();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    await finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves at least every 10 s while typing goes on', async () => {
    const { save, finish } = manualSaves();
    const timer = createAutosaveTimer({ save });
    for (let t = 0; t < 25_000; t += 500) {
      timer.changed();
      await vi.advanceTimersByTimeAsync(500);
      if (save.mock.calls.length > 0 && save.mock.calls.length <= 2) await finish();
    }
    // Typing without a pause for 25 s: saved at 10 s and 20 s, not on every keystroke.
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('runs one save at a time and saves changes made during a save after it', async () => {
    const { save, finish } = manualSaves();
    const timer = createAutosaveTimer({ save });
    timer.changed();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(save).toHaveBeenCalledTimes(1);
    timer.changed();
    await vi.advanceTimersByTimeAsync(5_000);
    // Still the first save in flight: no second request.
    expect(save).toHaveBeenCalledTimes(1);
    await finish();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('stops for good on stop() (a conflict): nothing more is saved', async () => {
    const { save } = manualSaves();
    const timer = createAutosaveTimer({ save });
    timer.changed();
    timer.stop();
    timer.changed();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).not.toHaveBeenCalled();
    expect(timer.stopped).toBe(true);
  });
});
