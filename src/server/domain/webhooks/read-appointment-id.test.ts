import { describe, expect, it } from "vitest";

import { readAppointmentId } from "@/server/domain/webhooks/receive-klientiks-webhook";

describe("readAppointmentId", () => {
  it("takes a positive whole number, without leading zeros", () => {
    expect(readAppointmentId("42")).toEqual({ ok: true, appointmentId: "42" });
    expect(readAppointmentId(" 007 ")).toEqual({ ok: true, appointmentId: "7" });
    expect(readAppointmentId("123456789012345678")).toEqual({
      ok: true,
      appointmentId: "123456789012345678",
    });
  });

  it("tells a missing id from one that is not a positive whole number", () => {
    expect(readAppointmentId(undefined)).toEqual({ ok: false, reason: "missing_appointment_id" });
    expect(readAppointmentId("  ")).toEqual({ ok: false, reason: "missing_appointment_id" });
    for (const value of [
      "-1",
      "0",
      "000",
      "1.5",
      "12a",
      "+3",
      "1e3",
      "1234567890123456789",
      "{{id}}",
    ]) {
      expect(readAppointmentId(value)).toEqual({ ok: false, reason: "invalid_appointment_id" });
    }
  });
});
