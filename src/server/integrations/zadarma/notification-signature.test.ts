import { createHmac } from "node:crypto";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  notificationSignatureString,
  signNotification,
  verifyNotificationSignature,
} from "./notification-signature";

// docs/telephony-zadarma.md, "Known-answer vectors": the notification vector exactly as published.
const VECTOR_FORM = {
  event: "NOTIFY_START",
  caller_id: "79990000000",
  called_did: "74950000000",
  call_start: "2024-05-06 10:11:12",
  pbx_call_id: "in_1",
};
const BAD = { ok: false, reason: "bad_signature" };
const VECTOR_HEX = "5985e1e2624adad18e3490f06c1f859e912e71f7";
const VECTOR_SIGNATURE = "NTk4NWUxZTI2MjRhZGFkMThlMzQ5MGYwNmMxZjg1OWU5MTJlNzFmNw==";

describe("notificationSignatureString", () => {
  it.each([
    [
      { event: "NOTIFY_START", caller_id: "a", called_did: "b", call_start: "c", pbx_call_id: "p" },
      "abc",
    ],
    [
      { event: "NOTIFY_IVR", caller_id: "a", called_did: "b", call_start: "c", wait_dtmf: "1" },
      "abc",
    ],
    [
      {
        event: "NOTIFY_INTERNAL",
        caller_id: "a",
        called_did: "b",
        call_start: "c",
        internal: "101",
      },
      "abc",
    ],
    [
      {
        event: "NOTIFY_ANSWER",
        caller_id: "a",
        destination: "d",
        call_start: "c",
        called_did: "b",
      },
      "adc",
    ],
    [
      { event: "NOTIFY_END", caller_id: "a", called_did: "b", call_start: "c", duration: "5" },
      "abc",
    ],
    [{ event: "NOTIFY_OUT_START", internal: "i", destination: "d", call_start: "c" }, "idc"],
    [
      { event: "NOTIFY_OUT_END", internal: "i", destination: "d", call_start: "c", caller_id: "a" },
      "idc",
    ],
    [{ event: "NOTIFY_RECORD", pbx_call_id: "p", call_id_with_rec: "r" }, "pr"],
  ])("concatenates the fields of %o", (form, expected) => {
    expect(notificationSignatureString(form)).toBe(expected);
  });

  it("counts a missing field as empty and keeps values untrimmed", () => {
    expect(
      notificationSignatureString({ event: "NOTIFY_START", caller_id: " 7 ", call_start: "c" }),
    ).toBe(" 7 c");
  });

  it("is null for events we do not handle", () => {
    expect(notificationSignatureString({ event: "SMS", result: "x" })).toBeNull();
    expect(notificationSignatureString({ event: "SPEECH_RECOGNITION" })).toBeNull();
    expect(notificationSignatureString({})).toBeNull();
  });

  it("is null, not an exception, for an event named like one of Object's own properties", () => {
    for (const event of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"])
      expect(notificationSignatureString({ event, caller_id: "1" }), event).toBeNull();
  });
});

describe("signNotification", () => {
  it("matches the known-answer vector: HMAC hex, then base64 of the hex", () => {
    const signatureString = notificationSignatureString(VECTOR_FORM) ?? "";
    expect(signatureString).toBe("79990000000749500000002024-05-06 10:11:12");
    expect(createHmac("sha1", "test-secret").update(signatureString).digest("hex")).toBe(
      VECTOR_HEX,
    );
    expect(signNotification(signatureString, "test-secret")).toBe(VECTOR_SIGNATURE);
  });
});

describe("verifyNotificationSignature", () => {
  it("accepts the known-answer vector", () => {
    expect(verifyNotificationSignature(VECTOR_FORM, VECTOR_SIGNATURE, ["test-secret"])).toEqual({
      ok: true,
      secretIndex: 0,
    });
  });

  it("accepts the previous secret during a rotation and says which one matched", () => {
    expect(
      verifyNotificationSignature(VECTOR_FORM, VECTOR_SIGNATURE, ["new-secret", "test-secret"]),
    ).toEqual({ ok: true, secretIndex: 1 });
    expect(
      verifyNotificationSignature(VECTOR_FORM, VECTOR_SIGNATURE, ["test-secret", "old-secret"]),
    ).toEqual({ ok: true, secretIndex: 0 });
    expect(verifyNotificationSignature(VECTOR_FORM, VECTOR_SIGNATURE, ["new-secret"])).toEqual(BAD);
  });

  it("rejects a missing signature, garbage, a truncated one and no secrets at all", () => {
    expect(verifyNotificationSignature(VECTOR_FORM, null, ["test-secret"])).toEqual({
      ok: false,
      reason: "missing_signature",
    });
    expect(verifyNotificationSignature(VECTOR_FORM, "", ["test-secret"])).toEqual({
      ok: false,
      reason: "missing_signature",
    });
    expect(verifyNotificationSignature(VECTOR_FORM, "garbage", ["test-secret"])).toEqual(BAD);
    expect(
      verifyNotificationSignature(VECTOR_FORM, VECTOR_SIGNATURE.slice(0, -2), ["test-secret"]),
    ).toEqual(BAD);
    expect(verifyNotificationSignature(VECTOR_FORM, VECTOR_SIGNATURE, [])).toEqual(BAD);
  });

  it("never accepts a signature made with an empty secret", () => {
    const forged = signNotification(notificationSignatureString(VECTOR_FORM) ?? "", "");
    expect(verifyNotificationSignature(VECTOR_FORM, forged, [""])).toEqual(BAD);
  });

  it("says an unhandled event is unsigned rather than checking it", () => {
    const sms = verifyNotificationSignature({ event: "SMS" }, VECTOR_SIGNATURE, ["test-secret"]);
    expect(sms).toEqual({ ok: false, reason: "unsigned_event" });
    expect(verifyNotificationSignature({ event: "constructor" }, "x", ["test-secret"])).toEqual({
      ok: false,
      reason: "unsigned_event",
    });
  });

  it("rejects one changed character in caller_id", () => {
    const tampered = { ...VECTOR_FORM, caller_id: "79990000001" };
    expect(verifyNotificationSignature(tampered, VECTOR_SIGNATURE, ["test-secret"])).toEqual(BAD);
  });

  const signedForm = fc.record({
    event: fc.constantFrom(
      "NOTIFY_START",
      "NOTIFY_ANSWER",
      "NOTIFY_END",
      "NOTIFY_OUT_START",
      "NOTIFY_RECORD",
    ),
    caller_id: fc.string(),
    called_did: fc.string(),
    destination: fc.string(),
    internal: fc.string(),
    call_start: fc.string(),
    pbx_call_id: fc.string(),
    call_id_with_rec: fc.string(),
  });

  it("round-trips: what we sign with a secret verifies with it", () => {
    fc.assert(
      fc.property(signedForm, fc.string({ minLength: 1 }), (form, secret) => {
        const signature = signNotification(notificationSignatureString(form) ?? "", secret);
        expect(verifyNotificationSignature(form, signature, [secret])).toEqual({
          ok: true,
          secretIndex: 0,
        });
      }),
    );
  });

  it("fails when any one byte of the signature changes", () => {
    fc.assert(
      fc.property(
        signedForm,
        fc.string({ minLength: 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (form, secret, position, delta) => {
          const signature = Buffer.from(
            signNotification(notificationSignatureString(form) ?? "", secret),
            "latin1",
          );
          const index = position % signature.length;
          signature[index] = ((signature[index] ?? 0) + delta) % 256;
          expect(verifyNotificationSignature(form, signature.toString("latin1"), [secret]).ok).toBe(
            false,
          );
        },
      ),
    );
  });

  const SIGNED_FIELD_OF_EVENT = [
    ["NOTIFY_START", "caller_id"],
    ["NOTIFY_START", "called_did"],
    ["NOTIFY_START", "call_start"],
    ["NOTIFY_ANSWER", "destination"],
    ["NOTIFY_END", "called_did"],
    ["NOTIFY_OUT_START", "internal"],
    ["NOTIFY_OUT_END", "destination"],
    ["NOTIFY_RECORD", "pbx_call_id"],
    ["NOTIFY_RECORD", "call_id_with_rec"],
  ] as const;

  it("fails when any one character of a signed field changes", () => {
    const field = fc.string({ minLength: 1 });
    const forms = fc.record({
      caller_id: field,
      called_did: field,
      destination: field,
      internal: field,
      call_start: field,
      pbx_call_id: field,
      call_id_with_rec: field,
    });
    const secrets = fc.string({ minLength: 1 });
    fc.assert(
      fc.property(
        fc.constantFrom(...SIGNED_FIELD_OF_EVENT),
        forms,
        secrets,
        fc.nat(),
        (pair, fields, secret, position) => {
          const [event, name] = pair;
          const form: Record<string, string> = { event, ...fields };
          const signature = signNotification(notificationSignatureString(form) ?? "", secret);
          const value = fields[name];
          const index = position % value.length;
          const replacement = value[index] === "a" ? "b" : "a";
          const tampered = {
            ...form,
            [name]: value.slice(0, index) + replacement + value.slice(index + 1),
          };
          expect(verifyNotificationSignature(tampered, signature, [secret]).ok).toBe(false);
        },
      ),
    );
  });
});
