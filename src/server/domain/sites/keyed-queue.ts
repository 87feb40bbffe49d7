export type TKeyedQueue = {
  /** Runs `task` after every earlier task of the same key has settled; tasks of other keys run freely. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Tasks queued or running, for shedding load before memory grows without bound. */
  readonly pending: number;
};

/**
 * In-process serialization per key. The tracker queues hits per visitor so that a page view and a
 * widget open arriving together cannot both start a session. Processes do not coordinate: two app
 * instances receiving the same visitor's first hits at the same moment may still start two sessions.
 */
export function createKeyedQueue(): TKeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  let pending = 0;
  return {
    run(key, task) {
      pending += 1;
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task).finally(() => {
        pending -= 1;
      });
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get pending() {
      return pending;
    },
  };
}
