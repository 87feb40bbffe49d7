// The emulator instance shared by every route: replaceable state, the clock and the logger.

import { createClock, type Clock } from "../zadarma/clock";
import type { Logger } from "../zadarma/logger";
import { DEFAULT_SEED } from "../zadarma/random";
import { seedDemoAccount } from "./demo-seed";
import { createState, disposeState, type EmulatorState } from "./state";

export type Emulator = {
  state: EmulatorState;
  /** Stamps calls and events and drives the lockout, limits, statistics readiness and link expiry. */
  clock: Clock;
  logger: Logger;
  /** Wipes everything, returns the clock to real time and re-seeds the demo account when enabled. */
  reset(seed?: number): void;
};

export const createEmulator = ({
  seedDemo,
  logger,
  clock = createClock(),
}: {
  seedDemo: boolean;
  logger: Logger;
  clock?: Clock;
}): Emulator => {
  const emulator: Emulator = {
    state: createState(DEFAULT_SEED, logger),
    clock,
    logger,
    reset: (seed = DEFAULT_SEED) => {
      disposeState(emulator.state);
      clock.fix(null);
      emulator.state = createState(seed, logger);
      if (seedDemo) seedDemoAccount(emulator);
    },
  };
  if (seedDemo) seedDemoAccount(emulator);
  return emulator;
};
