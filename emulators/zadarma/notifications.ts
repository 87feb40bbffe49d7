// Sends call notifications the way Zadarma does: a form-encoded POST to the account's notification URL
// with the `Signature` header, only for the events the account enabled. A call's notifications go out
// one after another, in the order they happened, unless a notification fault says otherwise
// (duplicate, reorder, delay, bad signature, drop). Every attempt lands in the account's delivery log.

import { performance } from "node:perf_hooks";

import { DELIVERY_TIMEOUT_MS, describeDeliveryError, shuffled } from "../common/delivery";
import type { WebhookFaults } from "./faults";
import type { Logger } from "./logger";
import type { Notification } from "./notification-payloads";
import type { Random } from "./random";
import { redactUrl } from "./redact";
import { webhookSignature } from "./signature";
import type { Timers } from "./timers";
import type { Account, Call, Delivery } from "./types";

const MAX_LOGGED_DELIVERIES = 2000;
const RESPONSE_PREVIEW_CHARS = 200;

export type NotificationDispatcher = {
  /** Queues one notification of `call` (skipped when the call is silent or the event is disabled). */
  send(account: Account, call: Call, notification: Notification): void;
  /** A call held by a `reorder` fault releases its notifications, reordered, when it ends. */
  release(account: Account, call: Call): void;
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>;
  cancelAll(): void;
};

type Dependencies = {
  logger: Logger;
  timers: Timers;
  faults: WebhookFaults;
  random: Random;
  nextDeliveryId: () => number;
};

/** A syntactically valid signature made with the wrong secret. */
const forgedSignature = (signatureString: string): string =>
  webhookSignature("not-the-account-secret", signatureString);

export const createNotificationDispatcher = ({
  logger,
  timers,
  faults,
  random,
  nextDeliveryId,
}: Dependencies): NotificationDispatcher => {
  const lifetime = new AbortController();
  /** Per call, the tail of its delivery chain, so notifications arrive in order. */
  const chains = new Map<string, Promise<void>>();
  /** Calls whose notifications a `reorder` fault holds back, with the order to release them in. */
  const held = new Map<string, { order: "reverse" | "shuffle"; notifications: Notification[] }>();
  const reorderChecked = new Set<string>();
  const inFlight = new Set<Promise<void>>();

  const logDelivery = (account: Account, delivery: Delivery): void => {
    account.deliveries.push(delivery);
    if (account.deliveries.length > MAX_LOGGED_DELIVERIES) account.deliveries.shift();
  };

  /** Starts a delivery log entry. */
  const logNew = (
    account: Account,
    url: string,
    notification: Notification,
    faultNames: string[],
    outcome: Delivery["outcome"],
  ) => {
    const delivery: Delivery = {
      id: nextDeliveryId(),
      event: notification.event,
      pbx_call_id: notification.pbxCallId,
      url: redactUrl(url),
      fields: notification.fields,
      signature_valid: !faultNames.includes("bad_signature"),
      faults: faultNames,
      outcome,
      status: null,
      error: null,
      response: null,
      started_at: new Date().toISOString(),
      duration_ms: null,
    };
    logDelivery(account, delivery);
    return delivery;
  };

  const post = async (
    account: Account,
    url: string,
    notification: Notification,
    signature: string,
    faultNames: string[],
  ) => {
    const delivery = logNew(account, url, notification, faultNames, "pending");
    const startedAt = performance.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          signature,
          "user-agent": "Zadarma-Emulator",
        },
        body: new URLSearchParams(notification.fields).toString(),
        redirect: "manual",
        signal: AbortSignal.any([lifetime.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      delivery.response = (await response.text()).slice(0, RESPONSE_PREVIEW_CHARS);
      delivery.status = response.status;
      delivery.outcome = response.ok ? "delivered" : "failed";
    } catch (error) {
      delivery.outcome = "failed";
      delivery.error = describeDeliveryError(error);
    }
    delivery.duration_ms = Math.round(performance.now() - startedAt);
    logger.info(
      `${notification.event} ${notification.pbxCallId} → ${delivery.url}: ${delivery.status ?? delivery.error} (${delivery.duration_ms} ms)`,
    );
  };

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const enqueue = (pbxCallId: string, task: () => Promise<void>): void => {
    const next = (chains.get(pbxCallId) ?? Promise.resolve()).then(task).catch((error: unknown) => {
      if (!lifetime.signal.aborted) logger.error("notification delivery failed", error);
    });
    chains.set(pbxCallId, next);
    track(next);
  };

  /** Applies the delivery faults of one notification and queues what remains of it. */
  const deliver = (account: Account, notification: Notification): void => {
    const url = account.notificationUrl;
    if (!url) return;
    const fired = faults.fire({
      accountId: account.id,
      event: notification.event,
      kind: "delivery",
    });
    const faultNames = fired.map((fault) => fault.mode);
    const signature = fired.some((fault) => fault.mode === "bad_signature")
      ? forgedSignature(notification.signatureString)
      : webhookSignature(account.secret, notification.signatureString);
    if (fired.some((fault) => fault.mode === "drop")) {
      logNew(account, url, notification, faultNames, "dropped");
      return;
    }
    const copies = Math.max(
      1,
      ...fired.map((fault) => (fault.mode === "duplicate" ? (fault.copies ?? 2) : 1)),
    );
    const delayMs = fired.reduce(
      (total, fault) => total + (fault.mode === "delay" ? fault.ms : 0),
      0,
    );
    const sendCopies = async (): Promise<void> => {
      for (let copy = 0; copy < copies; copy++)
        await post(account, url, notification, signature, faultNames);
    };
    if (delayMs === 0) return enqueue(notification.pbxCallId, sendCopies);
    // A delayed notification leaves the call's queue: the ones after it overtake it, as on a slow network.
    let resolveDelayed: () => void = () => undefined;
    track(new Promise<void>((resolve) => (resolveDelayed = resolve)));
    timers.after(delayMs, () => {
      track(
        sendCopies().catch((error: unknown) => logger.error("delayed notification failed", error)),
      );
      resolveDelayed();
    });
  };

  return {
    send: (account, call, notification) => {
      if (
        !call.notify ||
        !account.enabledEvents.has(notification.event) ||
        !account.notificationUrl
      )
        return;
      if (!reorderChecked.has(call.pbxCallId)) {
        reorderChecked.add(call.pbxCallId);
        const reorder = faults.fire({
          accountId: account.id,
          event: notification.event,
          kind: "call",
        })[0];
        if (reorder?.mode === "reorder")
          held.set(call.pbxCallId, { order: reorder.order ?? "reverse", notifications: [] });
      }
      const holding = held.get(call.pbxCallId);
      if (holding) holding.notifications.push(notification);
      else deliver(account, notification);
    },
    release: (account, call) => {
      const holding = held.get(call.pbxCallId);
      if (!holding) return;
      held.delete(call.pbxCallId);
      const ordered =
        holding.order === "reverse"
          ? [...holding.notifications].reverse()
          : shuffled(holding.notifications, random);
      for (const notification of ordered) deliver(account, notification);
    },
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled(Array.from(inFlight));
    },
    cancelAll: () => {
      lifetime.abort();
      held.clear();
      chains.clear();
    },
  };
};
