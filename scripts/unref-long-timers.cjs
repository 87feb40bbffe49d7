// Prisma 6's Wasm schema engine leaves a 10 s / 60 s timer pending after `migrate deploy` /
// `db push`, so the CLI would hang that long before exiting (docs/stack.md §2.4).
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutWithUnref(fn, ms, ...args) {
  const timer = originalSetTimeout.call(this, fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && timer && typeof timer.unref === "function")
    timer.unref();
  return timer;
};
