// The emulator clock stamps calls, `call_start` and link lifetimes. Tests move it through
// `POST /__control/clock` (fix it, or shift it forward to let a recording link expire); live-call
// timers keep running on real time.

export type Clock = {
  now(): number;
  /** Epoch ms to freeze the clock at, or null to return to real time (keeping any shift). */
  fix(epochMs: number | null): void;
  /** Moves the clock forward (or back) by `ms`. */
  shift(ms: number): void;
};

export const createClock = (): Clock => {
  let fixedAt: number | null = null;
  let offsetMs = 0;
  return {
    now: () => (fixedAt ?? Date.now()) + offsetMs,
    fix: (epochMs) => {
      fixedAt = epochMs;
      offsetMs = 0;
    },
    shift: (ms) => {
      offsetMs += ms;
    },
  };
};
