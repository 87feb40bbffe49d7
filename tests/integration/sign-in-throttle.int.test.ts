import { randomBytes } from "node:crypto";

import { afterAll, describe, expect, it } from "vitest";

import {
  checkSignInAllowed,
  recordSignInFailure,
  SIGN_IN_FAILURES_PER_EMAIL,
} from "@/server/domain/users/sign-in-throttle";

import { createTestDb } from "../support/test-db";

const db = createTestDb();
afterAll(() => db.$disconnect());

describe("sign-in throttle", () => {
  it("blocks an e-mail after the allowed number of failures, with a retry-after, and leaves others alone", async () => {
    const email = `victim-${randomBytes(4).toString("hex")}@int.svyaz.test`;
    const ip = `10.0.0.${randomBytes(1)[0]}`;
    for (let attempt = 0; attempt < SIGN_IN_FAILURES_PER_EMAIL; attempt += 1) {
      expect(await checkSignInAllowed(db, email, ip)).toBeNull();
      await recordSignInFailure(db, email, ip);
    }
    const blocked = await checkSignInAllowed(db, email, ip);
    expect(blocked?.isLimited).toBe(true);
    expect(blocked?.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked?.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(await checkSignInAllowed(db, `other-${email}`, `${ip}1`)).toBeNull();
  });
});
