import { describe, expect, it } from "vitest";

import { realtimeTransportOf } from "@/server/realtime/runtime";

describe("realtimeTransportOf", () => {
  it("keeps events in process on the embedded database (one connection) and listens on PostgreSQL", () => {
    expect(realtimeTransportOf({ DATABASE_POOL_MAX: 1 })).toBe("in_process");
    expect(realtimeTransportOf({ DATABASE_POOL_MAX: 10 })).toBe("listen");
  });

  it("follows REALTIME_TRANSPORT when set", () => {
    expect(realtimeTransportOf({ DATABASE_POOL_MAX: 10, REALTIME_TRANSPORT: "in_process" })).toBe(
      "in_process",
    );
    expect(realtimeTransportOf({ DATABASE_POOL_MAX: 1, REALTIME_TRANSPORT: "listen" })).toBe(
      "listen",
    );
  });
});
