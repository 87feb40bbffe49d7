import "server-only";

import { getEnv } from "@/env";
import { AppError } from "@/server/errors";

/** The variables that switch on a development helper (env-schema refuses them in production). */
type TEmulatorVariable = "KLIENTIKS_EMULATOR_URL" | "ZADARMA_EMULATOR_URL" | "MANGO_EMULATOR_URL";

/** A development helper's emulator; absent in production, where the helper answers "not set up". */
export function requireEmulatorUrl(variable: TEmulatorVariable): string {
  const emulatorUrl = getEnv()[variable];
  if (!emulatorUrl) throw new AppError("PRECONDITION_FAILED");
  return emulatorUrl;
}
