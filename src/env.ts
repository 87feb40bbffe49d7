import { parseEnv, type TEnv } from "@/server/config/env-schema";
import { loadLocalDevSecrets } from "@/server/config/local-dev-secrets";

let cached: TEnv | undefined;

/**
 * The validated configuration. The first call validates `process.env` (instrumentation.ts makes that
 * happen at boot) and throws one readable error listing every missing or invalid variable.
 * Application code reads configuration only through this function (conventions C1).
 */
export function getEnv(): TEnv {
  if (cached) return cached;
  const isProduction = process.env.NODE_ENV === "production";
  const source = isProduction
    ? process.env
    : { ...loadLocalDevSecrets(), ...stripEmpty(process.env) };
  cached = parseEnv(source, { isProduction });
  return cached;
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
