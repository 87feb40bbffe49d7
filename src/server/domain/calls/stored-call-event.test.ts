import { describe, expect, it } from "vitest";

import { incomingAnsweredCall } from "@/server/domain/calls/__fixtures__/call-events";
import { callEventOfRow, storedPayloadOf } from "@/server/domain/calls/stored-call-event";

describe("stored call events", () => {
  it("give back the neutral event they were written from", () => {
    const events = incomingAnsweredCall({
      providerCallId: "pbx-1",
      startedAt: new Date("2025-03-01T07:00:00.123Z"),
      clientPhone: "+79990000001",
    });
    for (const event of events) {
      const row = {
        eventKey: event.eventKey,
        type: event.rawType,
        extension: event.extension,
        at: event.at,
        payload: JSON.parse(
          JSON.stringify(storedPayloadOf({ ...event, payload: { caller_id: "79990000001" } })),
        ) as unknown,
      };
      expect(callEventOfRow(row, "pbx-1")).toEqual({
        ...event,
        payload: { caller_id: "79990000001" },
      });
    }
  });

  it("refuses a payload that is not a stored call event, naming the row and the field", () => {
    const row = {
      eventKey: "zadarma:pbx-1:NOTIFY_START:-",
      type: "NOTIFY_START",
      extension: null,
      at: new Date(),
      payload: { kind: "started" },
    };
    expect(() => callEventOfRow(row, "pbx-1")).toThrow(
      /zadarma:pbx-1:NOTIFY_START:-: .*\(direction\)/,
    );
  });
});
