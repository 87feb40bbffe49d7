// Every timer the emulator starts (ring timeouts, scripted clients, delayed notifications, NOTIFY_RECORD)
// goes through here, so reset and close() cancel them all. Timers are unref'd: a pending one never
// keeps a test process alive.

export type Timers = {
  /** Runs `task` after `ms`; the returned function cancels it. */
  after(ms: number, task: () => void): () => void;
  cancelAll(): void;
};

export const createTimers = (onError: (error: unknown) => void): Timers => {
  const pending = new Set<NodeJS.Timeout>();
  return {
    after: (ms, task) => {
      const handle = setTimeout(
        () => {
          pending.delete(handle);
          try {
            task();
          } catch (error) {
            onError(error);
          }
        },
        Math.max(0, ms),
      );
      handle.unref();
      pending.add(handle);
      return () => {
        clearTimeout(handle);
        pending.delete(handle);
      };
    },
    cancelAll: () => {
      for (const handle of pending) clearTimeout(handle);
      pending.clear();
    },
  };
};
