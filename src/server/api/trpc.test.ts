import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { FORM_INPUT_LIMITS } from "@/lib/text/storable-text";
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

describe("procedure input over HTTP", () => {
  const context: TTrpcContext = {
    db: {} as TTrpcContext["db"],
    user: null,
    unverifiedTenantSlug: null,
    headers: new Headers(),
    log: silent,
  };
  /** A POST of `echo` as the client sends it (a superjson envelope), answered as the route does. */
  const post = async (envelope: string) => {
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/echo", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: envelope,
      }),
      router,
      createContext: () => context,
    });
    const body = (await response.json()) as {
      error?: { json: { data: { appErrorCode: string; fieldErrors: Record<string, string[]> } } };
    };
    return { status: response.status, data: body.error?.json.data };
  };
  const VALID = '"name":"a","tags":[],"at":"2026-12-03T06:00:00.000Z"';
  const DATES = '"meta":{"values":{"at":["Date"]}}';

  it("refuses input nested past the limit with 400, at the field where it happened", async () => {
    const depth = 20_000;
    const { status, data } = await post(
      `{"json":{${VALID},"x":${"[".repeat(depth)}${"]".repeat(depth)}},${DATES}}`,
    );
    expect(status).toBe(400);
    expect(data?.appErrorCode).toBe("VALIDATION");
    expect(Object.entries(data?.fieldErrors ?? {})).toEqual([
      [`x${".0".repeat(FORM_INPUT_LIMITS.maxDepth - 1)}`, ["tooBig"]],
    ]);
  });

  it("refuses an input superjson makes refer to itself, and one with too many values", async () => {
    const cyclic = await post(
      `{"json":{${VALID},"loop":{"next":null}},"meta":{"values":{"at":["Date"]},"referentialEqualities":{"loop":["loop.next"]}}}`,
    );
    expect(cyclic.status).toBe(400);
    expect(cyclic.data?.fieldErrors).toEqual({ "loop.next": ["invalid"] });
    const many = await post(
      `{"json":{${VALID},"xs":[${Array.from({ length: FORM_INPUT_LIMITS.maxValues }, () => "1").join(",")}]},${DATES}}`,
    );
    expect(many.status).toBe(400);
    expect(Object.values(many.data?.fieldErrors ?? {})).toEqual([["tooMany"]]);
  });
});
