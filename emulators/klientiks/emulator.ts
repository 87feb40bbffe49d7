// The emulator instance shared by every route: replaceable state, the clock and the logger.

import { createClock, type Clock } from "./clock";
import { seedDemoAccounts } from "./demo-seed";
import type { Logger } from "./logger";
import { DEFAULT_SEED } from "./random";
import { createState, type EmulatorState } from "./state";

export type Emulator = {
  state: EmulatorState;
  clock: Clock;
  logger: Logger;
  /** Wipes everything, returns the clock to real time and re-seeds the demo when enabled. */
  reset(seed?: number): void;
};

export const createEmulator = ({
  seedDemo,
  logger,
}: {
  seedDemo: boolean;
  logger: Logger;
}): Emulator => {
  const clock = createClock();
  const emulator: Emulator = {
    state: createState(DEFAULT_SEED, logger),
    clock,
    logger,
    reset: (seed = DEFAULT_SEED) => {
      emulator.state.webhooks.cancelAll();
      clock.fix(null);
      emulator.state = createState(seed, logger);
      if (seedDemo) seedDemoAccounts(emulator);
    },
  };
  if (seedDemo) seedDemoAccounts(emulator);
  return emulator;
};
