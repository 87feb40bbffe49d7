import type { z } from "zod";

import type { CallView } from "../../emulators/zadarma/call-view";
import type { ZadarmaControl } from "../../emulators/zadarma/control-client";
import type { scriptedCallBody } from "../../emulators/zadarma/control-schemas";
import { startNotificationCapture, type TCapturedNotification } from "./notification-capture";
import { log, mapWithConcurrency, seededRandom, sleep, waitUntil } from "./stats";

type TScriptedCall = z.input<typeof scriptedCallBody>;

/** Extensions of the storm's PBX: the first is the owner's. */
export const STORM_EXTENSIONS = ["100", "101", "102"] as const;

/** One of 900 regular callers, so some call again (first-time and repeat callers both occur). */
export const stormPhone = (index: number) =>
  `79990${String((index * 7919) % 900).padStart(6, "0")}`;

/**
 * The `index`-th call of the storm, from a mix a salon sees: 45 % incoming answered (one, two or
 * three extensions rung), 15 % not answered, 5 % hung up by the caller, 10 % busy, 5 % transferred,
 * 20 % outgoing (answered, not answered, busy). Ring and talk times vary.
 */
export function stormCall(index: number): TScriptedCall {
  const slot = index % 20;
  const rung = STORM_EXTENSIONS.slice(0, 1 + (index % 3));
  const times = { ring_seconds: 3 + (index % 8), talk_seconds: 10 + ((index * 37) % 300) };
  const caller = stormPhone(index);
  if (slot < 9)
    return {
      scenario: "incoming",
      caller,
      extensions: [...rung],
      answered_by: rung.at(-1),
      ...times,
    };
  if (slot < 12)
    return {
      scenario: "incoming",
      caller,
      extensions: [...rung],
      disposition: "no answer",
      ...times,
    };
  if (slot < 13)
    return { scenario: "incoming", caller, extensions: [...rung], disposition: "cancel", ...times };
  if (slot < 15)
    return { scenario: "incoming", caller, extensions: [...rung], disposition: "busy", ...times };
  if (slot < 16)
    return {
      scenario: "incoming_transferred",
      caller,
      extensions: ["100"],
      answered_by: "100",
      transfer_to: "101",
      ...times,
    };
  const disposition = slot < 18 ? "answered" : slot < 19 ? "no answer" : "busy";
  return {
    scenario: "outgoing",
    extension: STORM_EXTENSIONS[index % 2],
    destination: caller,
    disposition,
    ...times,
  };
}

/**
 * Plays calls on the emulator account until their notifications, with `duplicateShare` more,
 * reach `targetEvents`, and keeps every notification as the emulator posted it (a capture address
 * in this process is the account's notification URL meanwhile). Returns the calls as the PBX ended
 * them and their notifications.
 */
export async function captureStormCalls(
  zadarma: ZadarmaControl,
  options: { accountId: string; targetEvents: number; duplicateShare: number },
) {
  const capture = await startNotificationCapture();
  await zadarma.patchAccount(options.accountId, { notification_url: capture.url });
  const distinctTarget = Math.ceil(options.targetEvents / (1 + options.duplicateShare));
  let placed = 0;
  while (capture.captured.length < distinctTarget) {
    // Batches of 100 calls; the last batch is sized by the events per call seen so far.
    const perCall = placed > 0 ? capture.captured.length / placed : 4.5;
    const batch = Math.max(
      1,
      Math.min(100, Math.ceil((distinctTarget - capture.captured.length) / perCall)),
    );
    await mapWithConcurrency(
      Array.from({ length: batch }, (_, offset) => placed + offset),
      8,
      (index) => zadarma.placeCall(options.accountId, stormCall(index)),
    );
    placed += batch;
    // The emulator posts a call's notifications one after another: wait until nothing new arrives.
    let seen = -1;
    await waitUntil(
      async () => {
        const isQuiet = capture.captured.length === seen;
        seen = capture.captured.length;
        return isQuiet;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  }
  await zadarma.patchAccount(options.accountId, { notification_url: null });
  await capture.close();
  const calls = (await zadarma.listCalls(options.accountId)).filter(
    (call) => call.state === "ended",
  );
  log(
    `storm: the emulator ended ${calls.length} calls (${placed} placed) and posted ${capture.captured.length} notifications to the capture address`,
  );
  return { calls, notifications: capture.captured };
}

/** The items (notifications, webhooks) plus a `duplicateShare` of them again, in a shuffled order (Fisher–Yates). */
export function shuffleWithDuplicates<T>(
  items: readonly T[],
  options: { duplicateShare: number; seed: number },
): T[] {
  const random = seededRandom(options.seed);
  const duplicates = Array.from(
    { length: Math.round(items.length * options.duplicateShare) },
    () => items[Math.floor(random() * items.length)]!,
  );
  const storm = [...items, ...duplicates];
  for (let index = storm.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [storm[index], storm[other]] = [storm[other]!, storm[index]!];
  }
  return storm;
}

/**
 * Posts the storm to the webhook address, `concurrency` at a time. A 503 (the receiver's «retry
 * later») or a network error is retried after a second, up to three times, as a sender that wants
 * its event delivered would; what still fails is counted.
 */
export async function postStorm(
  webhookUrl: string,
  storm: readonly TCapturedNotification[],
  { concurrency }: { concurrency: number },
) {
  const statuses = new Map<string, number>();
  let retries = 0;
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  await mapWithConcurrency(storm, concurrency, async (notification) => {
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await fetch(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          signature: notification.signature,
        },
        body: notification.body,
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return String(response.status);
        },
        (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
      );
      if ((outcome === "503" || outcome.startsWith("error")) && attempt < 3) {
        retries += 1;
        await sleep(1_000);
        continue;
      }
      count(outcome);
      return;
    }
  });
  const failed = [...statuses]
    .filter(([status]) => status !== "200")
    .reduce((sum, [, total]) => sum + total, 0);
  return { statuses: Object.fromEntries(statuses), retries, failed };
}

/** What a Call row must say for a call the PBX ended; null where the notifications leave it to arrival order. */
export type TExpectedCall = {
  direction: "incoming" | "outgoing";
  disposition: string;
  rawDisposition: string;
  clientPhone: string;
  companyNumber: string;
  startedAt: number;
  extension: string | null | undefined;
  recordingRef: string | null;
  events: number;
};

const NORMALISED_DISPOSITIONS: Readonly<Record<string, string>> = {
  answered: "answered",
  "no answer": "no_answer",
  busy: "busy",
  cancel: "cancelled",
};

/**
 * The call as its notifications describe it. The extension is checked only where they name one
 * answer: a transferred call's two ANSWERs and a missed call's several INTERNALs carry no time of
 * their own, so which came "last" is when they arrived (docs/telephony-calls.md); `undefined` skips it.
 */
export function expectedCallOf(call: CallView, notifications: number): TExpectedCall {
  const isIncoming = call.direction === "in";
  const disposition = call.disposition ?? "failed";
  const answeredLegs = call.legs.filter((leg) => leg.answered_at !== null);
  const hasOneAnswer = isIncoming ? answeredLegs.length === 1 : true;
  const singleRung = call.legs.length === 1 ? call.legs[0]!.extension : undefined;
  return {
    direction: isIncoming ? "incoming" : "outgoing",
    disposition: NORMALISED_DISPOSITIONS[disposition] ?? "failed",
    rawDisposition: disposition,
    clientPhone: `+${isIncoming ? call.caller : call.destination}`,
    companyNumber: `+${isIncoming ? call.destination : call.caller}`,
    // `call_start` has whole seconds.
    startedAt: Math.floor(Date.parse(call.started_at ?? "") / 1000) * 1000,
    extension:
      answeredLegs.length > 0
        ? hasOneAnswer
          ? call.extension
          : undefined
        : isIncoming
          ? singleRung
          : call.extension,
    recordingRef: call.recording?.call_id_with_rec ?? null,
    events: notifications,
  };
}
