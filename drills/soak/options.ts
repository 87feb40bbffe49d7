import { parseArgs } from "node:util";

export type TSoakOptions = {
  /** Klientiks webhooks to send, duplicates included. */
  klientiksEvents: number;
  /** Zadarma notifications to send, duplicates included. */
  zadarmaEvents: number;
  /** Workspaces, each with its own Klientiks account and PBX; the events are spread over them. */
  workspaces: number;
  /** Share of the distinct events sent a second time. */
  duplicateShare: number;
  /** New requests per second (retries come on top). */
  perSecond: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** The app's KLIENTIKS_TIMEOUT_MS: how long each hung Klientiks request holds its tenant's slot. */
  klientiksTimeoutMs: number;
  /** When the app is killed: after this share of the requests has gone out. */
  killAt: number;
  /** The order of the events and which ones are sent twice. */
  seed: number;
  drainTimeoutMs: number;
  /** Fixed ports instead of free ones (for running it beside other servers). */
  ports: { app?: number; klientiks?: number; zadarma?: number };
};

/** The full drill: 10,000 Klientiks webhooks and 10,000 Zadarma events over ten salons. */
const FULL = {
  klientiksEvents: 10_000,
  zadarmaEvents: 10_000,
  workspaces: 10,
  perSecond: 200,
  klientiksTimeoutMs: 15_000,
  drainTimeoutMs: 30 * 60_000,
};
/** `--short`, the stage of `npm test`: 1,000 events in all, within about two minutes. */
const SHORT = {
  klientiksEvents: 500,
  zadarmaEvents: 500,
  workspaces: 2,
  perSecond: 100,
  // A hang holds one of its tenant's two slots until the timeout: 15 s would spend the budget on waiting.
  klientiksTimeoutMs: 2_000,
  drainTimeoutMs: 4 * 60_000,
};

const FLAGS = {
  short: { type: "boolean", env: "SOAK_SHORT" },
  "klientiks-events": { type: "string", env: "SOAK_KLIENTIKS_EVENTS" },
  "zadarma-events": { type: "string", env: "SOAK_ZADARMA_EVENTS" },
  workspaces: { type: "string", env: "SOAK_WORKSPACES" },
  duplicates: { type: "string", env: "SOAK_DUPLICATES" },
  rate: { type: "string", env: "SOAK_RATE" },
  concurrency: { type: "string", env: "SOAK_CONCURRENCY" },
  "klientiks-timeout": { type: "string", env: "SOAK_KLIENTIKS_TIMEOUT_S" },
  "kill-at": { type: "string", env: "SOAK_KILL_AT" },
  seed: { type: "string", env: "SOAK_SEED" },
  "drain-timeout": { type: "string", env: "SOAK_DRAIN_TIMEOUT_S" },
  "app-port": { type: "string", env: "SOAK_APP_PORT" },
  "klientiks-port": { type: "string", env: "SOAK_KLIENTIKS_PORT" },
  "zadarma-port": { type: "string", env: "SOAK_ZADARMA_PORT" },
} as const;

type TFlag = keyof typeof FLAGS;

/** Flags (`--workspaces 4`) win over the environment (`SOAK_WORKSPACES=4`); see docs/drills.md. */
export function readSoakOptions(argv: readonly string[], env: NodeJS.ProcessEnv): TSoakOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(FLAGS).map(([name, { type }]) => [name, { type }]),
    ) as { [name in TFlag]: { type: (typeof FLAGS)[name]["type"] } },
  });
  const raw = (flag: TFlag): string | boolean | undefined => values[flag] ?? env[FLAGS[flag].env];
  const number = (flag: TFlag, fallback: number, { min = 0, max = Infinity } = {}): number => {
    const value = raw(flag);
    if (value === undefined || value === "") return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max)
      throw new Error(`--${flag} (${FLAGS[flag].env}) must be a number from ${min} to ${max}`);
    return parsed;
  };
  const port = (flag: TFlag) => {
    const value = number(flag, 0, { max: 65_535 });
    return value > 0 ? value : undefined;
  };
  const isShort = raw("short") === true || raw("short") === "1";
  const preset = isShort ? SHORT : FULL;
  return {
    klientiksEvents: number("klientiks-events", preset.klientiksEvents),
    zadarmaEvents: number("zadarma-events", preset.zadarmaEvents),
    workspaces: number("workspaces", preset.workspaces, { min: 1, max: 100 }),
    duplicateShare: number("duplicates", 0.1, { max: 1 }),
    perSecond: number("rate", preset.perSecond, { min: 1 }),
    concurrency: number("concurrency", 50, { min: 1, max: 1_000 }),
    klientiksTimeoutMs:
      number("klientiks-timeout", preset.klientiksTimeoutMs / 1000, { min: 1 }) * 1000,
    killAt: number("kill-at", 0.5, { max: 1 }),
    seed: number("seed", 20_261_210),
    drainTimeoutMs: number("drain-timeout", preset.drainTimeoutMs / 1000, { min: 1 }) * 1000,
    ports: {
      app: port("app-port"),
      klientiks: port("klientiks-port"),
      zadarma: port("zadarma-port"),
    },
  };
}
