import { afterEach, describe, expect, it, vi } from "vitest";

import { withRedactedRequestLog } from "@/server/logging/dev-request-log";

afterEach(() => vi.unstubAllEnvs());

const TOKEN = "q8Xk2mZpL0vN4rT6yB1cD3fG5hJ7kL9nP2sU4wY6aC8";

describe("the development request line of a secret-bearing route", () => {
  it("prints method, path with the token hidden, status and time", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const lines: string[] = [];
    const handler = withRedactedRequestLog(
      async () => new Response(null, { status: 200 }),
      (line) => lines.push(line),
    );
    await handler(
      new Request(
        `http://localhost:3000/api/webhooks/klientiks/${TOKEN}?appointment_id=7&status=scheduled`,
      ),
      undefined,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^ GET \/api\/webhooks\/klientiks\/\*\*\*\?appointment_id=7&status=scheduled 200 in \d+ms$/,
    );
    expect(lines[0]).not.toContain(TOKEN);
  });

  it("leaves the handler alone outside development", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const original = async () => new Response(null);
    expect(withRedactedRequestLog(original)).toBe(original);
  });
});
