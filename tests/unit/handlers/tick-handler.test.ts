import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppDeps } from '../../../functions/use-cases/deps.js';

/**
 * The factory's own logic (basics once, failures fail the invocation, stream ids first, the busy retry) with the use
 * cases it calls replaced by fakes; the real publishing job runs against the emulators in
 * tests/integration/publishing/site-work-faults.test.ts.
 */
const fakes = vi.hoisted(() => ({
  writeSiteBasics: vi.fn<() => Promise<void>>(),
  runPublishingTick: vi.fn<(input: { ids?: readonly string[] }) => Promise<unknown>>(),
  performSiteWork: vi.fn<(id: string) => Promise<string>>(),
}));
vi.mock('../../../functions/use-cases/write-site-basics.js', () => ({
  writeSiteBasics: () => fakes.writeSiteBasics,
}));
vi.mock('../../../functions/use-cases/run-publishing-tick.js', () => ({
  runPublishingTick: () => fakes.runPublishingTick,
}));
vi.mock('../../../functions/use-cases/perform-site-work.js', () => ({
  ARTICLE_LEASE_MS: 10_000,
  performSiteWork: () => fakes.performSiteWork,
}));

const { createTickHandler, idsOfTickEvent, serializeTicks } =
  await import('../../../functions/handlers/tick-handler.js');

const app = {} as AppDeps;
const log = { info: vi.fn(), error: vi.fn() };
const outcome = (articles: Array<{ id: string; outcome: string }>) => ({ articles, indexesRebuilt: false });

beforeEach(() => {
  vi.clearAllMocks();
  fakes.writeSiteBasics.mockResolvedValue(undefined);
  fakes.runPublishingTick.mockResolvedValue(outcome([]));
});

describe('createTickHandler', () => {
  it('writes the site basics once per container', async () => {
    const tick = createTickHandler({ app, log });
    await tick();
    await tick();
    expect(fakes.writeSiteBasics).toHaveBeenCalledTimes(1);
    expect(fakes.runPublishingTick).toHaveBeenCalledTimes(2);
  });

  it('a failed article fails the invocation, naming it, after the others were worked', async () => {
    fakes.runPublishingTick.mockResolvedValue(
      outcome([
        { id: 'a1', outcome: 'published' },
        { id: 'a2', outcome: 'failed' },
      ]),
    );
    await expect(createTickHandler({ app, log })()).rejects.toThrow('site work failed for a2');
    expect(log.info).toHaveBeenCalledWith('publishing tick', expect.objectContaining({ failed: 1 }));
  });

  it('basics that failed fail the invocation without holding up publishing, and are retried on the next run', async () => {
    fakes.writeSiteBasics.mockRejectedValueOnce(new Error('s3 down'));
    const tick = createTickHandler({ app, log });
    await expect(tick()).rejects.toThrow('site basics could not be written');
    expect(fakes.runPublishingTick).toHaveBeenCalledTimes(1);
    await expect(tick()).resolves.toEqual(outcome([]));
    expect(fakes.writeSiteBasics).toHaveBeenCalledTimes(2);
    await tick();
    expect(fakes.writeSiteBasics).toHaveBeenCalledTimes(2);
  });

  it('works the articles a stream batch names first', async () => {
    const event = {
      Records: [
        { eventName: 'MODIFY', dynamodb: { NewImage: { id: { S: 'a1' }, gsi5pk: { S: 'DUE' } } } },
        { eventName: 'INSERT', dynamodb: { NewImage: { id: { S: 'a2' } } } },
      ],
    };
    expect(idsOfTickEvent(event)).toEqual(['a1', 'a2']);
    expect(idsOfTickEvent({ source: 'aws.events', 'detail-type': 'Scheduled Event' })).toEqual([]);
    await createTickHandler({ app, log })(event);
    expect(fakes.runPublishingTick).toHaveBeenCalledWith({ ids: ['a1', 'a2'] });
  });

  it('retries articles another holder had once its lease can have lapsed, and fails if they fail then', async () => {
    fakes.runPublishingTick.mockResolvedValue(
      outcome([
        { id: 'a1', outcome: 'busy' },
        { id: 'a2', outcome: 'busy' },
      ]),
    );
    fakes.performSiteWork.mockImplementation((id) =>
      id === 'a2' ? Promise.reject(new Error('s3 down')) : Promise.resolve('published'),
    );
    const sleep = vi.fn(() => Promise.resolve());
    const tick = createTickHandler({ app, log, busyRetry: { sleep } });
    await expect(tick()).rejects.toThrow('site work failed for a2');
    expect(sleep).toHaveBeenCalledWith(11_000);
    expect(fakes.performSiteWork.mock.calls.map(([id]) => id)).toEqual(['a1', 'a2']);
  });
});

describe('serializeTicks', () => {
  it('runs one at a time, and a call during a run gets one more run after it', async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    let running = 0;
    const run = serializeTicks(async () => {
      runs += 1;
      running += 1;
      expect(running).toBe(1);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      running -= 1;
      return runs;
    });
    const first = run();
    const second = run();
    const third = run();
    expect(runs).toBe(1);
    release();
    expect(await first).toBe(1);
    await vi.waitFor(() => expect(runs).toBe(2));
    release();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });
});
