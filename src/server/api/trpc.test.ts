import { describe, expect, it } from "vitest";
import { z } from "zod";

import {
  createCallerFactory,
  createTrpcRouter,
  publicProcedure,
  type TTrpcContext,
} from "@/server/api/trpc";
import type { TLogger } from "@/server/logging/logger";

const silent: TLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

const router = createTrpcRouter({
  echo: publicProcedure
    .input(z.object({ name: z.string(), tags: z.array(z.string()), at: z.date() }))
    .mutation(({ input }) => input),
});

describe("procedure input", () => {
  it("reaches every procedure with its strings cleaned for storage, other values untouched", async () => {
    const caller = createCallerFactory(router)({
      db: {} as TTrpcContext["db"],
      user: null,
      unverifiedTenantSlug: null,
      headers: new Headers(),
      log: silent,
    });
    const at = new Date("2026-12-03T06:00:00Z");
    expect(await caller.echo({ name: "Сал\u0000он \uD83D", tags: ["a\uDC00b"], at })).toEqual({
      name: "Салон ",
      tags: ["ab"],
      at,
    });
  });
});
