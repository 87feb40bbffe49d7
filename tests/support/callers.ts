import { createCaller } from "@/server/api/root";
import type { TDb } from "@/server/db/client";
import { createLogger } from "@/server/logging/logger";

/** The app's router as a signed-in user calls it in the workspace of `slug` (membership is checked, not assumed). */
export const callerFor = (
  db: TDb,
  user: { id: string; name: string; email: string },
  slug: string,
) =>
  createCaller({
    db,
    user: { id: user.id, name: user.name, email: user.email },
    unverifiedTenantSlug: slug,
    headers: new Headers(),
    log: createLogger(),
  });

/** The AppError code a procedure (through tRPC, as its cause) or a domain function refused with. */
export const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: { code?: string; cause?: { code?: string } }) => error.cause?.code ?? error.code,
  );
