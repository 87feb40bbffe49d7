// The emulator instance shared by every route: replaceable state, the clock, the logger and the
// autopilot switch.

import { createClock, type Clock } from "./clock";
import { seedDemoAccount } from "./demo-seed";
import type { Logger } from "./logger";
import { DEFAULT_SEED } from "./random";
import { createState, disposeState, type EmulatorState } from "./state";

export type AutopilotSettings = { enabled: boolean; intervalMs: number };

export type Emulator = {
  state: EmulatorState;
  clock: Clock;
  logger: Logger;
  /** Where the autopilot reads the Klientiks demo salon's clients from, if anywhere. */
  klientiksUrl: string | null;
  autopilot: AutopilotSettings;
  /** Called when the autopilot settings change, so the timer restarts. */
  onAutopilotChange: () => void;
  /** Wipes everything, returns the clock to real time and re-seeds the demo account when enabled. */
  reset(seed?: number): void;
};

export type EmulatorInit = {
  seedDemo: boolean;
  logger: Logger;
  klientiksUrl: string | null;
  autopilot: AutopilotSettings;
};

export const createEmulator = ({
  seedDemo,
  logger,
  klientiksUrl,
  autopilot,
}: EmulatorInit): Emulator => {
  const clock = createClock();
  const emulator: Emulator = {
    state: createState(DEFAULT_SEED, logger),
    clock,
    logger,
    klientiksUrl,
    autopilot,
    onAutopilotChange: () => undefined,
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
