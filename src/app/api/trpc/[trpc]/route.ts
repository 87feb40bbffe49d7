import { randomUUID } from "node:crypto";

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { appRouter } from "@/server/api/root";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";

const handler = (request: Request) => {
  const log = logger.child({ requestId: randomUUID() });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => ({
      db: getDb(),
      user: await getSessionUser(),
      unverifiedTenantSlug: request.headers.get("x-tenant-slug"),
      headers: request.headers,
      log,
    }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        log.error("trpc procedure failed", { path, error: error.cause ?? error });
    },
  });
};

export { handler as GET, handler as POST };
