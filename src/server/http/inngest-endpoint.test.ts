import { Inngest } from "inngest";
import { serve } from "inngest/next";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { guardInngestEndpoint } from "@/server/http/inngest-endpoint";
import { createLogger } from "@/server/logging/logger";

// Cloud mode with a signing key, as production runs with Inngest (no request leaves the process:
// every request below is refused before anything is registered or run).
const client = new Inngest({
  id: "guard-test",
  isDev: false,
  signingKey: `signkey-prod-${"ab".repeat(32)}`,
});
const served = serve({
  client,
  functions: [
    client.createFunction({ id: "noop", triggers: [{ event: "test/noop" }] }, async () => null),
  ],
});
const log = createLogger({ test: "inngest-endpoint" });
const request = (method: string, body?: string) =>
  new NextRequest("http://localhost:3000/api/inngest?fnId=guard-test-noop&stepId=step", {
    method,
    body,
    headers: { "content-type": "application/json", "x-inngest-signature": "t=1&s=00" },
  });

describe("guardInngestEndpoint", () => {
  it("answers 404 when the in-process worker runs the jobs", async () => {
    const POST = guardInngestEndpoint(served.POST, { isServed: () => false, log });
    expect((await POST(request("POST", "{}"), {})).status).toBe(404);
  });

  it("turns serve's exception for a body that is not JSON into a 400 naming the body", async () => {
    await expect(served.POST(request("POST", "\u00ffgarbage"), {})).rejects.toThrow(SyntaxError);
    for (const method of ["POST", "PUT"] as const) {
      const handler = guardInngestEndpoint(served[method], { isServed: () => true, log });
      const response = await handler(request(method, "garbage"), {});
      expect(response.status, method).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "VALIDATION", field: "body" } });
    }
  });

  it("leaves everything else to serve: a bad signature stays its 401", async () => {
    const POST = guardInngestEndpoint(served.POST, { isServed: () => true, log });
    expect((await POST(request("POST", "{}"), {})).status).toBe(401);
  });
});
