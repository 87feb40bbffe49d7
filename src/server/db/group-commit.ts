type TGroupCommitOptions<TDbKey, TItem, TResult> = {
  maxBatch: number;
  /** Runs one batch; returns one result per item, in order. An Error settles that item alone. */
  runBatch: (db: TDbKey, items: TItem[]) => Promise<(TResult | Error)[]>;
};

type TQueued<TItem, TResult> = {
  item: TItem;
  resolve: (result: TResult) => void;
  reject: (error: unknown) => void;
};
type TBatcher<TItem, TResult> = { queue: TQueued<TItem, TResult>[]; isFlushing: boolean };

/**
 * Group commit: at most one batch in flight per process and database client; items that arrive
 * meanwhile are run together when it returns, in arrival order. A lone item runs at once (no timer,
 * no added latency); under load one statement and one commit serve many items. Each caller still
 * learns the fate of its own item, and only of its own: when a whole batch fails, each of its items
 * runs again alone, so one bad item (a string PostgreSQL refuses, a site deleted meanwhile) never
 * costs its batch-mates theirs (docs/input-text.md). Raw SQL writers on hot routes use it
 * (`npm run bench:ingest`, `npm run bench:track`).
 */
export function createGroupCommit<TDbKey extends object, TItem, TResult>({
  maxBatch,
  runBatch,
}: TGroupCommitOptions<TDbKey, TItem, TResult>) {
  const batchers = new WeakMap<TDbKey, TBatcher<TItem, TResult>>();

  const settle = (queued: TQueued<TItem, TResult>, results: (TResult | Error)[], index: number) => {
    // A result may legitimately be null or undefined; only a missing slot is an error.
    if (index >= results.length)
      queued.reject(new Error(`item ${index} is missing from the batch result`));
    else {
      const result = results[index] as TResult | Error;
      if (result instanceof Error) queued.reject(result);
      else queued.resolve(result);
    }
  };

  async function flush(db: TDbKey, state: TBatcher<TItem, TResult>): Promise<void> {
    state.isFlushing = true;
    try {
      while (state.queue.length > 0) {
        const batch = state.queue.splice(0, maxBatch);
        try {
          const results = await runBatch(
            db,
            batch.map((queued) => queued.item),
          );
          batch.forEach((queued, index) => settle(queued, results, index));
        } catch (error) {
          // A lone item's failure is its own answer; a batch's is retried item by item.
          if (batch.length === 1) batch[0]?.reject(error);
          else
            for (const queued of batch)
              await runBatch(db, [queued.item]).then(
                (results) => settle(queued, results, 0),
                queued.reject,
              );
        }
      }
    } finally {
      state.isFlushing = false;
    }
  }

  return (db: TDbKey, item: TItem): Promise<TResult> => {
    let batcher = batchers.get(db);
    if (!batcher) batchers.set(db, (batcher = { queue: [], isFlushing: false }));
    const state = batcher;
    const promise = new Promise<TResult>((resolve, reject) =>
      state.queue.push({ item, resolve, reject }),
    );
    if (!state.isFlushing) void flush(db, state);
    return promise;
  };
}
