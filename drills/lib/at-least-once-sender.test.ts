import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createAtLeastOnceSender } from "./at-least-once-sender";

/** Answers by path: `/flaky` 503 then 200, `/cut` drops the connection once, `/bad` 400, `/down` 503 always. */
let server: Server;
let baseUrl = "";
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "";
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    if (path === "/cut" && hit === 1) return request.socket.destroy();
    const status = { "/flaky": hit === 1 ? 503 : 200, "/bad": 400, "/down": 503 }[path] ?? 200;
    response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the drill's at-least-once sender", () => {
  it("retries what got no answer or a 5xx until acknowledged, keeps a 4xx, gives up in time", async () => {
    const paths = ["/ok", "/flaky", "/cut", "/bad", "/down"];
    const sender = createAtLeastOnceSender(
      paths.map((path) => ({ url: `${baseUrl}${path}`, method: "GET" as const })),
      {
        concurrency: 2,
        perSecond: 1_000,
        retryDelaysMs: [10, 20],
        giveUpAfterMs: 200,
        requestTimeoutMs: 1_000,
      },
    );
    const report = await sender.run();

    expect(report.outcomes.slice(0, 4)).toEqual([
      { attempts: 1, isAcknowledged: true, lastAnswer: "200" },
      { attempts: 2, isAcknowledged: true, lastAnswer: "200" },
      { attempts: 2, isAcknowledged: true, lastAnswer: "200" },
      { attempts: 1, isAcknowledged: false, lastAnswer: "400" },
    ]);
    // Tried again after 10 ms, then every 20 ms, while that falls within 200 ms of the first try.
    const down = report.outcomes[4]!;
    expect(down).toMatchObject({ isAcknowledged: false, lastAnswer: "503" });
    expect(down.attempts).toBeGreaterThan(1);
    expect(down.attempts).toBeLessThanOrEqual(11);
    expect(report.sent).toBe(1 + 2 + 2 + 1 + down.attempts);
    expect(report.acknowledged).toBe(3);
    expect(report.answers["503"]).toBe(1 + down.attempts);
    expect(Object.keys(report.answers).some((answer) => answer.startsWith("error"))).toBe(true);
  });

  it("sends new requests at the given pace, not all at once", async () => {
    const sender = createAtLeastOnceSender(
      Array.from({ length: 10 }, () => ({ url: `${baseUrl}/ok`, method: "GET" as const })),
      {
        concurrency: 10,
        perSecond: 50,
        retryDelaysMs: [10],
        giveUpAfterMs: 1_000,
        requestTimeoutMs: 1_000,
      },
    );
    const started = performance.now();
    await sender.run();
    // The tenth request may start 9 × 20 ms after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(170);
    expect(sender.progress()).toMatchObject({ started: 10, sent: 10, acknowledged: 10 });
  });
});
