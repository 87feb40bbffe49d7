import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TDb } from "@/server/db/client";
import { createLogger } from "@/server/logging/logger";
import { readRealtimeBacklog } from "@/server/realtime/backlog";
import { RealtimeHub } from "@/server/realtime/hub";
import { pruneRealtimeEvents, REALTIME_RETENTION_MS } from "@/server/realtime/prune";
import { publishRealtimeEvents } from "@/server/realtime/publish";
import type { TRealtimeEvent } from "@/server/realtime/realtime-event";

import { openSse, type TSseConnection } from "../support/sse-client";
import { createTestDb } from "../support/test-db";

const quiet = createLogger({});
const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;
/** The embedded database takes one connection at a time: no LISTEN beside the queries (docs/realtime.md). */
const isEmbedded = process.env.DATABASE_POOL_MAX === "1";

let db: TDb;
beforeAll(() => {
  process.env.LOG_LEVEL = "silent";
  db = createTestDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe(
  "on PostgreSQL: two app processes, one publishes, the other's SSE stream receives",
  { skip: isEmbedded },
  () => {
    let child: ChildProcess;
    let childUrl: string;

    beforeAll(async () => {
      child = spawn(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "tests/support/realtime-sse-server.ts"],
        {
          env: {
            ...process.env,
            DATABASE_POOL_MAX: "4",
            LOG_LEVEL: "silent",
            REALTIME_TRANSPORT: "listen",
          },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const port = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening (\d+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`the SSE child exited early (${code})`)));
      });
      childUrl = `http://127.0.0.1:${port}`;
      for (const started = Date.now(); !(await childStatus()).isListening;) {
        if (Date.now() - started > 10_000) throw new Error("the SSE child never started listening");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }, 30_000);

    afterAll(async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    });

    const childStatus = async () =>
      (await (await fetch(`${childUrl}/status`)).json()) as {
        isListening: boolean;
        subscribers: number;
      };
    const streamOf = (audience: { tenantId: string; membershipId: string }, lastEventId?: string) =>
      openSse(
        `${childUrl}/events?tenantId=${audience.tenantId}&membershipId=${audience.membershipId}`,
        { lastEventId },
      );
    const publish = (
      tenantId: string,
      membershipId: string | null,
      topic = "test.ping",
      payload: object = {},
    ) => publishRealtimeEvents(db, [{ tenantId, membershipId, topic, payload }]);

    it("delivers an event published here to the other process's stream within a second", async () => {
      const audience = { tenantId: newId("tnt"), membershipId: newId("mbr") };
      const stream = await streamOf(audience);
      try {
        expect(stream.status).toBe(200);
        await expect.poll(() => stream.comments.length).toBeGreaterThan(0);
        const publishedAt = performance.now();
        const [event] = await publish(audience.tenantId, null, "call.card", {
          callId: "call_1",
          from: "+79031234567",
        });
        const [received] = await stream.waitFor(1, 1_000);
        expect(received).toMatchObject({
          id: event!.id,
          topic: "call.card",
          payload: { callId: "call_1", from: "+79031234567" },
        });
        expect(received!.receivedAt - publishedAt).toBeLessThan(1_000);
      } finally {
        stream.close();
      }
    });

    it("keeps workspaces and members apart", async () => {
      const tenantA = newId("tnt");
      const memberA1 = { tenantId: tenantA, membershipId: newId("mbr") };
      const memberA2 = { tenantId: tenantA, membershipId: newId("mbr") };
      const memberB = { tenantId: newId("tnt"), membershipId: newId("mbr") };
      const streams = await Promise.all([
        streamOf(memberA1),
        streamOf(memberA2),
        streamOf(memberB),
      ]);
      const [streamA1, streamA2, streamB] = streams;
      try {
        await expect.poll(() => streams.every((stream) => stream.comments.length > 0)).toBe(true);
        const [forA2] = await publish(tenantA, memberA2.membershipId, "call.card");
        const [forAll] = await publish(tenantA, null, "calls.changed");
        const [forB] = await publish(memberB.tenantId, null, "calls.changed");
        expect((await streamA1!.waitFor(1)).map((event) => event.id)).toEqual([forAll!.id]);
        expect((await streamA2!.waitFor(2)).map((event) => event.id)).toEqual([
          forA2!.id,
          forAll!.id,
        ]);
        expect((await streamB!.waitFor(1)).map((event) => event.id)).toEqual([forB!.id]);
        // A stray late delivery would show up here.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect([streamA1!.events.length, streamA2!.events.length, streamB!.events.length]).toEqual([
          1, 2, 1,
        ]);
      } finally {
        streams.forEach((stream) => stream.close());
      }
      // Closed streams leave no subscriber behind.
      await expect.poll(async () => (await childStatus()).subscribers).toBe(0);
    });

    it("resumes after Last-Event-ID without losing or repeating an event", async () => {
      const audience = { tenantId: newId("tnt"), membershipId: newId("mbr") };
      const first = await streamOf(audience);
      await expect.poll(() => first.comments.length).toBeGreaterThan(0);
      const [seen] = await publish(audience.tenantId, null);
      await first.waitFor(1);
      first.close();
      const whileAway = [
        ...(await publish(audience.tenantId, null)),
        ...(await publish(audience.tenantId, audience.membershipId)),
        ...(await publish(newId("tnt"), null)),
      ];
      const resumed = await streamOf(audience, seen!.id);
      try {
        const [live] = await publish(audience.tenantId, null);
        const received = await resumed.waitFor(3);
        expect(received.map((event) => event.id)).toEqual([
          whileAway[0]!.id,
          whileAway[1]!.id,
          live!.id,
        ]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(resumed.events).toHaveLength(3);
      } finally {
        resumed.close();
      }
    });

    it("reconnects a lost listener and delivers what was published meanwhile", async () => {
      const audience = { tenantId: newId("tnt"), membershipId: newId("mbr") };
      const stream: TSseConnection = await streamOf(audience);
      try {
        await expect.poll(() => stream.comments.length).toBeGreaterThan(0);
        const listenerPids = () =>
          db.$queryRaw<
            { pid: number }[]
          >`SELECT pid FROM pg_stat_activity WHERE application_name = 'svyaz-realtime' AND datname = current_database()`;
        const [before] = await listenerPids();
        await db.$executeRaw`SELECT pg_terminate_backend(${before!.pid}::int)`;
        // Published while the child has no listener: only the catch-up after its reconnect can bring it.
        await expect
          .poll(async () => (await childStatus()).isListening, { interval: 10 })
          .toBe(false);
        const [duringOutage] = await publish(audience.tenantId, null);
        const [received] = await stream.waitFor(1, 5_000);
        expect(received!.id).toBe(duringOutage!.id);
        const [afterwards] = await publish(audience.tenantId, null);
        expect((await stream.waitFor(2, 2_000))[1]!.id).toBe(afterwards!.id);
        expect((await listenerPids()).map(({ pid }) => pid)).not.toContain(before!.pid);
      } finally {
        stream.close();
      }
    });
  },
);

describe("in one process (the embedded database's transport)", () => {
  it("hands committed events straight to this process's subscribers, filtered", async () => {
    const hub = new RealtimeHub({ transport: "in_process", log: quiet });
    const audience = { tenantId: newId("tnt"), membershipId: newId("mbr") };
    const received: TRealtimeEvent[] = [];
    const unsubscribe = hub.subscribe(audience, (event) => received.push(event));
    try {
      const [mine] = await publishRealtimeEvents(db, [
        {
          tenantId: audience.tenantId,
          membershipId: null,
          topic: "calls.changed",
          payload: { callId: "call_1" },
        },
        {
          tenantId: audience.tenantId,
          membershipId: newId("mbr"),
          topic: "call.card",
          payload: {},
        },
        { tenantId: newId("tnt"), membershipId: null, topic: "calls.changed", payload: {} },
      ]);
      expect(received.map((event) => [event.id, event.topic, event.payload])).toEqual([
        [mine!.id, "calls.changed", { callId: "call_1" }],
      ]);
      unsubscribe();
      await publishRealtimeEvents(db, [
        { tenantId: audience.tenantId, membershipId: null, topic: "calls.changed", payload: {} },
      ]);
      expect(received).toHaveLength(1);
    } finally {
      unsubscribe();
      await hub.stop();
    }
  });

  it("reads a bounded, filtered backlog and prunes events older than a day", async () => {
    const audience = { tenantId: newId("tnt"), membershipId: newId("mbr") };
    const [before] = await publishRealtimeEvents(db, [
      { tenantId: audience.tenantId, membershipId: null, topic: "t", payload: {} },
    ]);
    const published = await publishRealtimeEvents(
      db,
      Array.from({ length: 205 }, (_, index) => ({
        tenantId: audience.tenantId,
        membershipId: index % 2 ? null : audience.membershipId,
        topic: "t",
        payload: { index },
      })),
    );
    await publishRealtimeEvents(db, [
      { tenantId: audience.tenantId, membershipId: newId("mbr"), topic: "t", payload: {} },
    ]);
    const backlog = await readRealtimeBacklog(db, { audience, afterId: BigInt(before!.id) });
    expect(backlog.map((event) => event.id)).toEqual(
      published.slice(-200).map((event) => event.id),
    );
    // Ten minutes on, nothing is resumed any more.
    expect(
      await readRealtimeBacklog(db, {
        audience,
        afterId: BigInt(before!.id),
        now: new Date(Date.now() + 11 * 60 * 1000),
      }),
    ).toEqual([]);

    await db.$executeRaw`UPDATE "RealtimeEvent" SET "createdAt" = now() - interval '25 hours' WHERE "id" = ${BigInt(before!.id)}`;
    expect(await pruneRealtimeEvents(db)).toBeGreaterThanOrEqual(1);
    expect(await db.realtimeEvent.count({ where: { tenantId: audience.tenantId } })).toBe(207 - 1);
    expect(
      await pruneRealtimeEvents(db, new Date(Date.now() + REALTIME_RETENTION_MS + 60_000)),
    ).toBeGreaterThanOrEqual(207 - 1);
  });
});
