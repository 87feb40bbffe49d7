// The emulator clock stamps `created`/`modified`; tests fix it through `POST /__control/clock`
// (klientiks-contract §17.3), e.g. to move it back and emulate a lagging replica.

export type Clock = {
  now(): number;
  /** Epoch ms to freeze the clock at, or null to return to real time. */
  fix(epochMs: number | null): void;
};

export const createClock = (): Clock => {
  let fixedAt: number | null = null;
  return {
    now: () => fixedAt ?? Date.now(),
    fix: (epochMs) => {
      fixedAt = epochMs;
    },
  };
};
