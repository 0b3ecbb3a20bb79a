import { describe, expect, it } from 'vitest';
import { batcher } from './batcher.js';

/** A run that waits for the test to release it, recording each batch it was given. */
function controlledRun() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const run = async (items: number[]): Promise<PromiseSettledResult<number>[]> => {
    batches.push(items);
    await new Promise<void>((resolve) => releases.push(resolve));
    if (items.includes(-1)) throw new Error('batch failed');
    return items.map((n) => (n % 2 ? { status: 'fulfilled', value: n * 10 } : { status: 'rejected', reason: new Error(`odd only: ${n}`) }));
  };
  const releaseNext = async () => {
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { run, batches, releaseNext };
}

describe('batcher (group commit)', () => {
  it('runs a call at once while a slot is free; calls that arrive meanwhile go together in the next batch, at most maxBatch', async () => {
    const { run, batches, releaseNext } = controlledRun();
    const call = batcher(run, { maxBatch: 3, concurrency: 2 });
    const results = [1, 3, 5, 7, 9, 11, 13].map((n) => call(n));
    expect(batches).toEqual([[1], [3]]);
    await releaseNext();
    expect(batches).toEqual([[1], [3], [5, 7, 9]]);
    await releaseNext();
    expect(batches).toEqual([[1], [3], [5, 7, 9], [11, 13]]);
    await releaseNext();
    await releaseNext();
    expect(await Promise.all(results)).toEqual([10, 30, 50, 70, 90, 110, 130]);
  });

  it('each call gets its own answer: one refused in a batch does not refuse the others', async () => {
    const { run, releaseNext } = controlledRun();
    const call = batcher(run, { maxBatch: 10, concurrency: 1 });
    const first = call(1);
    const batch = [2, 3].map((n) => call(n).then(String, (e: Error) => e.message));
    await releaseNext();
    await releaseNext();
    expect(await first).toBe(10);
    expect(await Promise.all(batch)).toEqual(['odd only: 2', '30']);
  });

  it('a batch that throws fails its own calls only; the queue goes on', async () => {
    const { run, releaseNext } = controlledRun();
    const call = batcher(run, { maxBatch: 10, concurrency: 1 });
    const first = call(1);
    const failed = [-1, 3].map((n) => call(n).then(String, (e: Error) => e.message));
    await releaseNext();
    const later = call(5);
    await releaseNext();
    await releaseNext();
    expect(await first).toBe(10);
    expect(await Promise.all(failed)).toEqual(['batch failed', 'batch failed']);
    expect(await later).toBe(50);
  });
});
