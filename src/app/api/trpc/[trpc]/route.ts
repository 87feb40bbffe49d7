import { randomUUID } from "node:crypto";

import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { appRouter } from "@/server/api/root";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { withCappedBody } from "@/server/http/read-capped-body";
import { logger } from "@/server/logging/logger";

/**
 * Procedure inputs are forms and filters of a few kilobytes. tRPC reads a body whole before it
 * looks at it, so a larger one is refused first: a 10 MB body of JSON cost the server many times
 * its size in heap, which the process kept afterwards.
 */
const MAX_BODY_BYTES = 256 * 1024;

const handler = async (request: Request) => {
  const log = logger.child({ requestId: randomUUID() });
  const capped = await withCappedBody(request, MAX_BODY_BYTES);
  if (!capped) {
    log.warn("trpc request refused: body too large", { maxBytes: MAX_BODY_BYTES });
    return Response.json(
      {
        ok: false,
        error: {
          code: "VALIDATION",
          field: "body",
          message: `the body is larger than ${MAX_BODY_BYTES} bytes`,
        },
      },
      { status: 413 },
    );
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: capped,
    router: appRouter,
    createContext: async () => ({
      db: getDb(),
      user: await getSessionUser(),
      unverifiedTenantSlug: capped.headers.get("x-tenant-slug"),
      headers: capped.headers,
      log,
    }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        log.error("trpc procedure failed", { path, error: error.cause ?? error });
    },
  });
};

export { handler as GET, handler as POST };
