// `/api/inngest` as a production deployment serves it (reliability R24): Inngest's cloud mode, where
// only a call signed with the signing key runs a function. The route's own handler is called with
// the environment production has: no INNGEST_DEV, a signing key, the app's secrets.
import { createHmac, randomBytes } from "node:crypto";

import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

import { getDb } from "@/server/db/client";

const SIGNING_KEY = `signkey-prod-${randomBytes(32).toString("hex")}`;

// A fresh route and Inngest client per test, as a fresh process would build them from its environment.
beforeEach(() => {
  vi.resetModules();
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("INNGEST_DEV", undefined);
  vi.stubEnv("INNGEST_SIGNING_KEY", SIGNING_KEY);
  // Inngest drives the jobs: with the in-process worker the route is not served at all (404).
  vi.stubEnv("JOBS_DRIVER", "inngest");
  vi.stubEnv("INNGEST_EVENT_KEY", `event-key-${randomBytes(16).toString("hex")}`);
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("ENCRYPTION_KEYRING", `prod1:${randomBytes(32).toString("base64")}`);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await getDb().$disconnect();
});

/**
 * What Inngest posts to run `resend-stuck-deliveries` (its first step reads the inbox), its keys in
 * canonical order: Inngest signs the canonical JSON of the body.
 */
const RUN_BODY = JSON.stringify({
  ctx: { attempt: 0, run_id: "01JRGAPS0000000000000000", stack: { current: 0, stack: [] } },
  event: { data: {}, name: "inngest/scheduled.timer" },
  events: [{ data: {}, name: "inngest/scheduled.timer" }],
  steps: {},
  version: 1,
});
const RUN_URL = "http://svyaz.test/api/inngest?fnId=svyaz-resend-stuck-deliveries&stepId=step";

/** The `X-Inngest-Signature` Inngest sends: HMAC-SHA256 of the body and the time, keyed without the key's prefix. */
function signatureOf(body: string, signingKey: string, at = new Date()) {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const key = signingKey.replace(/^signkey-\w+-/, "");
  const signature = createHmac("sha256", key).update(body).update(timestamp).digest("hex");
  return `t=${timestamp}&s=${signature}`;
}

async function post(headers: Record<string, string> = {}) {
  const { POST } = await import("@/app/api/inngest/route");
  const response = await POST(
    new Request(RUN_URL, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: RUN_BODY,
    }) as never,
    undefined as never,
  );
  return { status: response.status, body: await response.text() };
}

describe("/api/inngest in production (R24)", () => {
  it("refuses an unsigned call and one signed with another key, and runs only a call signed with the signing key", async () => {
    const unsigned = await post();
    const forged = await post({
      "x-inngest-signature": signatureOf(
        RUN_BODY,
        `signkey-prod-${randomBytes(32).toString("hex")}`,
      ),
    });
    expect([unsigned.status, forged.status]).toEqual([401, 401]);
    for (const refused of [unsigned, forged]) expect(refused.body).not.toContain("find-stuck");

    const signed = await post({ "x-inngest-signature": signatureOf(RUN_BODY, SIGNING_KEY) });
    expect(signed.status).toBe(206);
    expect(JSON.parse(signed.body)).toEqual([
      expect.objectContaining({ name: "find-stuck", op: "StepRun" }),
    ]);
  });

  it("refuses every call when production has no signing key: the configuration error names it", async () => {
    vi.stubEnv("INNGEST_SIGNING_KEY", undefined);
    // Next answers a thrown error with a bare 500; no step runs.
    await expect(post()).rejects.toThrow(/INNGEST_SIGNING_KEY/);
    await expect(
      post({ "x-inngest-signature": signatureOf(RUN_BODY, SIGNING_KEY) }),
    ).rejects.toThrow(/INNGEST_SIGNING_KEY/);
  });
});
