import { describe, expect, it } from "vitest";

import type { TDbClient } from "@/server/db/types";
import { createCallerNames } from "@/server/domain/telephony/caller-names";

const endpoint = {
  id: "whe_1",
  tenantId: "tnt_1",
  connectionId: "con_1",
  purpose: "telephony" as const,
  retiresAt: null,
};

/** Just the two reads the lookup makes, answering after `delayMs`. */
function fakeDb({
  callerName,
  clients,
  delayMs = 0,
}: {
  callerName: boolean;
  clients: Record<string, string>;
  delayMs?: number;
}) {
  const later = <T>(value: T) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(value), delayMs));
  const reads = { settings: 0 };
  const db = {
    connection: { findFirst: () => ((reads.settings += 1), later({ settings: { callerName } })) },
    client: {
      findUnique: ({ where }: { where: { tenantId_phone: { phone: string } } }) =>
        later(
          clients[where.tenantId_phone.phone]
            ? { name: clients[where.tenantId_phone.phone] }
            : null,
        ),
    },
  };
  return { db: db as unknown as TDbClient, reads };
}

describe("caller names for Zadarma's NOTIFY_START answer", () => {
  it("names a known caller only when the connection opted in", async () => {
    const clients = { "+79991234567": "Анна Иванова" };
    expect(
      await createCallerNames({
        db: fakeDb({ callerName: true, clients }).db,
        ttlMs: 1000,
        maxEntries: 10,
      }).nameFor(endpoint, "+79991234567"),
    ).toBe("Анна Иванова");
    expect(
      await createCallerNames({
        db: fakeDb({ callerName: false, clients }).db,
        ttlMs: 1000,
        maxEntries: 10,
      }).nameFor(endpoint, "+79991234567"),
    ).toBeNull();
  });

  it("says nothing for unknown callers and for numbers that are not phones", async () => {
    const names = createCallerNames({
      db: fakeDb({ callerName: true, clients: {} }).db,
      ttlMs: 1000,
      maxEntries: 10,
    });
    expect(await names.nameFor(endpoint, "+79990000000")).toBeNull();
    expect(await names.nameFor(endpoint, "anonymous")).toBeNull();
    expect(await names.nameFor(endpoint, null)).toBeNull();
  });

  it("gives up after 300 ms rather than hold the call", async () => {
    const names = createCallerNames({
      db: fakeDb({ callerName: true, clients: { "+79991234567": "Анна" }, delayMs: 400 }).db,
      ttlMs: 1000,
      maxEntries: 10,
    });
    const started = Date.now();
    expect(await names.nameFor(endpoint, "+79991234567")).toBeNull();
    expect(Date.now() - started).toBeLessThan(390);
  });

  it("reads the opt-in once per connection while it is cached", async () => {
    const { db, reads } = fakeDb({ callerName: true, clients: {} });
    const names = createCallerNames({ db, ttlMs: 60_000, maxEntries: 10 });
    await names.nameFor(endpoint, "+79990000001");
    await names.nameFor(endpoint, "+79990000002");
    expect(reads.settings).toBe(1);
  });
});
