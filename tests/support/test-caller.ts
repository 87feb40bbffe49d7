import { createCaller } from "@/server/api/root";
import type { TDb } from "@/server/db/client";
import { createLogger } from "@/server/logging/logger";

export type TTestCaller = ReturnType<typeof createCaller>;

/** The tRPC procedures as a signed-in user calls them in a workspace, membership checks included. */
export const createTestCaller = (
  db: TDb,
  user: { id: string; name: string; email: string },
  slug: string,
): TTestCaller =>
  createCaller({
    db,
    user: { id: user.id, name: user.name, email: user.email },
    unverifiedTenantSlug: slug,
    headers: new Headers(),
    log: createLogger(),
  });
