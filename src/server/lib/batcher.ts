/**
 * Group commit: calls that arrive while `concurrency` batches are already running wait, and
 * the next batch takes them together (up to `maxBatch`). A call that finds a free slot runs at
 * once, alone, so a quiet server adds no delay; under load the work per call that does not
 * depend on the call (round trips, commits, statement overhead) is shared by the batch.
 * `run` answers each item of its batch; if it throws, every item of that batch fails with it.
 */
export function batcher<T, R>(
  run: (items: T[]) => Promise<PromiseSettledResult<R>[]>,
  options: { maxBatch: number; concurrency: number },
): (item: T) => Promise<R> {
  const queue: { item: T; resolve: (value: R) => void; reject: (reason: unknown) => void }[] = [];
  let running = 0;
  const pump = () => {
    while (running < options.concurrency && queue.length) {
      const batch = queue.splice(0, options.maxBatch);
      running++;
      run(batch.map((b) => b.item))
        .then(
          (results) =>
            batch.forEach((b, i) => {
              const result = results[i];
              if (result?.status === 'fulfilled') b.resolve(result.value);
              else b.reject(result ? result.reason : new Error('batcher: no result for an item'));
            }),
          (error: unknown) => {
            for (const b of batch) b.reject(error);
          },
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
}
