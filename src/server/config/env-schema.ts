import { z } from "zod";

const ZBase64Key = z
  .string()
  .refine(
    (value) => Buffer.from(value, "base64").length === 32,
    "must be 32 bytes, base64-encoded",
  );

/**
 * `ENCRYPTION_KEYRING` is `keyId:base64key[,keyId:base64key…]`; the first key encrypts, all decrypt.
 * That is what lets a key rotate without downtime (reliability R18).
 */
const ZKeyring = z.string().transform((value, context) => {
  const keys = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, key] = entry.split(":");
      return { id: id ?? "", key: key ?? "" };
    });
  for (const { id, key } of keys) {
    if (!/^[a-z0-9-]{1,16}$/i.test(id))
      context.addIssue({
        code: "custom",
        message: `key id "${id}" must be 1-16 letters, digits or dashes`,
      });
    if (!ZBase64Key.safeParse(key).success)
      context.addIssue({ code: "custom", message: `key "${id}" must be 32 bytes, base64-encoded` });
  }
  if (keys.length === 0)
    context.addIssue({ code: "custom", message: "at least one key is required" });
  return keys.map(({ id, key }) => ({ id, key: Buffer.from(key, "base64") }));
});

const ZBooleanFlag = z
  .enum(["0", "1", "true", "false"])
  .transform((value) => value === "1" || value === "true");

const ZEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ message: "must be a postgresql:// URL" }),
  /**
   * Connections per process. The embedded database serves one session for all connections, so
   * concurrent connections would mix their statements and transactions: the dev and test commands set 1 for it.
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * How live events reach the browsers' SSE streams (docs/realtime.md): `listen` = PostgreSQL
   * LISTEN/NOTIFY on one extra connection per process (several app instances); `in_process` = only
   * within this process (one instance). Unset: `in_process` when DATABASE_POOL_MAX is 1 (the
   * embedded database), else `listen`.
   */
  REALTIME_TRANSPORT: z.enum(["listen", "in_process"]).optional(),
  AUTH_SECRET: z.string().min(16, "must be at least 16 characters"),
  ENCRYPTION_KEYRING: ZKeyring,
  APP_URL: z.url().default("http://localhost:3000"),
  KLIENTIKS_BASE_URL: z.url().default("https://klientiks.ru"),
  KLIENTIKS_THROTTLE_PER_SECOND: z.coerce.number().positive().default(1),
  KLIENTIKS_THROTTLE_BURST: z.coerce.number().int().positive().default(2),
  KLIENTIKS_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Set by the dev command: the wizard then offers the emulator's demo account. A development helper. */
  KLIENTIKS_EMULATOR_URL: z.url().optional(),
  /** Zadarma's REST API (docs/telephony-zadarma.md); the dev command and the tests point it at the emulator. */
  ZADARMA_BASE_URL: z.url().default("https://api.zadarma.com"),
  /** Set by the dev command: Settings → Telephony then offers the emulator's demo account and webhook registration. A development helper. */
  ZADARMA_EMULATOR_URL: z.url().optional(),
  /** The local Mango Office emulator's origin, for the telephony page's development helpers. */
  MANGO_EMULATOR_URL: z.url().optional(),
  /** Mango Office's VPBX API origin (docs/telephony-mango.md §2); requests go to `${MANGO_BASE_URL}/vpbx/…`. */
  MANGO_BASE_URL: z.url().default("https://app.mango-office.ru"),
  /** Set by the dev command: Settings → Sites then links each site to the local demo customer site. A development helper. */
  DEMO_SITE_URL: z.url().optional(),
  /** `1` lets the development helpers run in a production build: for the e2e suite only, never a deployment. */
  ALLOW_DEV_HELPERS: ZBooleanFlag.optional(),
  JOBS_DRIVER: z.enum(["inngest", "inline"]).optional(),
  INNGEST_BASE_URL: z.url().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_DEV: ZBooleanFlag.optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  APP_VERSION: z.string().default("0.1.0"),
});

/**
 * Variables that switch on development helpers: the emulator's demo accounts, the demo site link,
 * and Inngest's dev mode, in which `/api/inngest` runs whatever unsigned call it gets (R24).
 */
const DEV_HELPER_VARIABLES = [
  "KLIENTIKS_EMULATOR_URL",
  "ZADARMA_EMULATOR_URL",
  "MANGO_EMULATOR_URL",
  "DEMO_SITE_URL",
  "INNGEST_DEV",
] as const;

export type TEnv = z.infer<typeof ZEnvSchema> & { jobsDriver: "inngest" | "inline" };

/**
 * Validates the environment. In production the secrets and Inngest keys (when Inngest is the
 * driver) are mandatory (reliability R24); locally they come from `.data/` (see local-dev-secrets).
 * Development helpers are refused in production: they hand out emulator accounts.
 */
export function parseEnv(
  source: Record<string, string | undefined>,
  options: { isProduction: boolean },
): TEnv {
  const authSecret = source.AUTH_SECRET ?? source.NEXTAUTH_SECRET;
  const parsed = ZEnvSchema.safeParse({ ...source, AUTH_SECRET: authSecret });
  if (!parsed.success) throw new Error(formatEnvProblems(parsed.error.issues));
  const env = parsed.data;
  if (options.isProduction && !env.ALLOW_DEV_HELPERS) {
    const helpers = DEV_HELPER_VARIABLES.filter((name) => env[name]);
    if (helpers.length > 0)
      throw new Error(
        formatEnvProblems(
          helpers.map((name) => ({
            path: [name],
            message: "enables development helpers and is refused in production; unset it",
          })),
        ),
      );
  }
  const jobsDriver =
    env.JOBS_DRIVER ?? (env.INNGEST_BASE_URL || env.INNGEST_EVENT_KEY ? "inngest" : "inline");
  if (options.isProduction && jobsDriver === "inngest" && !env.INNGEST_DEV) {
    const missing = (["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY"] as const).filter(
      (name) => !env[name],
    );
    if (missing.length > 0) {
      throw new Error(
        formatEnvProblems(
          missing.map((name) => ({
            path: [name],
            message: "is required in production when Inngest runs the background jobs",
          })),
        ),
      );
    }
  }
  return { ...env, jobsDriver };
}

function formatEnvProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  const lines = issues.map((issue) => `  - ${String(issue.path[0] ?? "env")}: ${issue.message}`);
  return `Invalid environment configuration:\n${lines.join("\n")}\nSee the configuration table in README.md.`;
}
