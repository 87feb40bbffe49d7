import fc from "fast-check";

import {
  notificationSignatureString,
  signNotification,
} from "@/server/integrations/zadarma/notification-signature";

import { formBody, hostileBody, jsonBody, type TBodyRecipe } from "../bodies";
import {
  contentType,
  headerValueOf,
  hostileNumberText,
  hostileQuery,
  hostileText,
  pathSegment,
} from "../hostile";
import {
  fuzzRequest,
  headersOf,
  REJECTED_DELIVERY,
  UNKNOWN_WEBHOOK_ADDRESS,
  usuallyOr,
  type TFuzzContext,
  type TFuzzTarget,
} from "../target";

const KLIENTIKS_NAMES = ["appointment_id", "status", "event", "client_id", "id", "token"];

/** `appointment_id` as Klientiks sends it (a positive whole number), at its limits, or not at all. */
const appointmentId = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }).map(String) },
  { weight: 2, arbitrary: hostileNumberText },
  { weight: 2, arbitrary: hostileText },
);

const klientiksPairs: fc.Arbitrary<[string, string][]> = fc
  .record({
    id: fc.option(appointmentId, { nil: undefined }),
    status: fc.option(
      fc.oneof(fc.constantFrom("scheduled", "completed", "canceled"), hostileText),
      {
        nil: undefined,
      },
    ),
  })
  .map(({ id, status }) => [
    ...(id === undefined ? [] : [["appointment_id", id] as [string, string]]),
    ...(status === undefined ? [] : [["status", status] as [string, string]]),
  ]);

/** Klientiks webhooks: GET or POST, query and body in any encoding, on live and unknown addresses. */
export const klientiksWebhook: TFuzzTarget = {
  name: "klientiks-webhook",
  writesAfterAnswer: true,
  rejectionRecords: [REJECTED_DELIVERY, UNKNOWN_WEBHOOK_ADDRESS],
  requests: (context) =>
    fuzzRequest({
      method: fc.constantFrom("GET", "GET", "POST", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"),
      path: fc
        .tuple(pathSegment(context.klientiksTokens), hostileQuery(klientiksPairs, KLIENTIKS_NAMES))
        .map(([token, query]) => `/api/webhooks/klientiks/${token}${query}`),
      headers: headersOf({
        "content-type": usuallyOr(
          fc.constantFrom("application/x-www-form-urlencoded", "application/json"),
          contentType.map((type) => type ?? ""),
        ),
      }),
      body: hostileBody(
        fc.oneof(formBody(klientiksPairs), jsonBody(klientiksPairs.map(Object.fromEntries))),
      ),
    }),
};

const ZADARMA_EVENTS = [
  "NOTIFY_START",
  "NOTIFY_IVR",
  "NOTIFY_INTERNAL",
  "NOTIFY_ANSWER",
  "NOTIFY_END",
  "NOTIFY_OUT_START",
  "NOTIFY_OUT_END",
  "NOTIFY_RECORD",
  "NUMBER_LOOKUP",
  "SPEECH_RECOGNITION",
];

const phone = fc.oneof(
  fc.stringMatching(/^7\d{10}$/),
  fc.stringMatching(/^\+?\d{1,16}$/),
  fc.constantFrom("0", "100", "anonymous", "+"),
  hostileText,
);

/** `YYYY-MM-DD HH:MM:SS` as Zadarma writes it, impossible ones, or anything. */
const callStart = fc.oneof(
  fc
    .date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 19).replace("T", " ")),
  fc.constantFrom("2026-02-30 25:61:61", "0000-00-00 00:00:00", "2026-13-01 00:00:00", ""),
  hostileText,
);

const zadarmaForm: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    event: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ZADARMA_EVENTS) }, hostileText),
    pbx_call_id: fc.oneof(fc.stringMatching(/^in_[0-9a-f]{32}$/), hostileText),
    caller_id: phone,
    called_did: phone,
    destination: phone,
    internal: fc.oneof(fc.constantFrom("100", "101"), hostileText),
    call_start: callStart,
    duration: hostileNumberText,
    disposition: fc.oneof(
      fc.constantFrom("answered", "busy", "cancel", "no answer", "failed"),
      hostileText,
    ),
    status_code: hostileNumberText,
    is_recorded: fc.constantFrom("0", "1", "2", ""),
    call_id_with_rec: fc.oneof(fc.stringMatching(/^\d{10}\.\d{1,6}$/), hostileText),
  },
  { requiredKeys: ["event"] },
);

type TSignatureKind = "valid" | "wrong" | "missing" | "garbage" | "empty";

const signatureOf = (
  form: Record<string, string>,
  kind: TSignatureKind,
  secret: string,
): string | null => {
  switch (kind) {
    case "valid":
      return signNotification(notificationSignatureString(form) ?? "", secret);
    case "wrong":
      return signNotification(notificationSignatureString(form) ?? "", `${secret}x`);
    case "missing":
      return null;
    case "garbage":
      return "!!not base64!!";
    case "empty":
      return "";
  }
};

/**
 * Zadarma notifications: forms of every event, signed with the account's secret, with another one,
 * or not at all, on the live address and unknown ones; and the `zd_echo` address check.
 */
export const zadarmaWebhook: TFuzzTarget = {
  name: "zadarma-webhook",
  writesAfterAnswer: true,
  rejectionRecords: [REJECTED_DELIVERY, UNKNOWN_WEBHOOK_ADDRESS],
  requests: (context: TFuzzContext) =>
    fc
      .record({
        form: zadarmaForm,
        signature: fc.constantFrom<TSignatureKind>(
          "valid",
          "valid",
          "valid",
          "wrong",
          "missing",
          "garbage",
          "empty",
        ),
        isEcho: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, fc.constant(true)),
        echo: fc.oneof(fc.stringMatching(/^[a-z0-9]{1,40}$/), hostileText),
      })
      .chain(({ form, signature, isEcho, echo }) => {
        const signed = signatureOf(form, signature, context.zadarma.secret);
        const pairs = fc.constant(Object.entries(form));
        return fuzzRequest({
          method: isEcho
            ? fc.constantFrom("GET", "HEAD")
            : fc.oneof(
                { weight: 8, arbitrary: fc.constant("POST") },
                fc.constantFrom("GET", "PUT", "PATCH"),
              ),
          path: fc
            .tuple(
              pathSegment([context.zadarma.token]),
              isEcho
                ? hostileQuery(fc.constant([["zd_echo", echo]]), ["zd_echo"])
                : hostileQuery(fc.constant([]), ["zd_echo"]),
            )
            .map(([token, query]) => `/api/webhooks/zadarma/${token}${query}`),
          headers: headersOf({
            "content-type": usuallyOr(
              fc.constant("application/x-www-form-urlencoded"),
              contentType.map((type) => type ?? ""),
            ),
            signature: fc.constant(signed === null ? null : headerValueOf(signed)),
          }),
          body: isEcho ? fc.constant<TBodyRecipe>({ kind: "none" }) : hostileBody(formBody(pairs)),
        });
      }),
};
