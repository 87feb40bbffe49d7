// Posts events the way the VPBX does: `${eventsUrl}${path}` (the path appended to the address the user
// pasted, nothing added in between), form-encoded `vpbx_api_key`, `sign`, `json`, signed with the
// account's salt. A call's events leave one after another in the order they happened, unless the
// account's event order holds them until the call ends and then sends them reversed or shuffled (the
// `seq` values stay true). Event faults duplicate, delay, forge the sign of, or drop single events.
// Every attempt lands in the account's delivery log.

import { performance } from "node:perf_hooks";

import { DELIVERY_TIMEOUT_MS, describeDeliveryError, shuffled } from "../common/delivery";
import type { Logger } from "../zadarma/logger";
import type { Random } from "../zadarma/random";
import type { Timers } from "../zadarma/timers";
import type { MangoEvent } from "./event-payloads";
import type { EventFaults } from "./faults";
import { signedForm } from "./sign";
import type { Account, Call, Delivery, EventOrder } from "./types";

const MAX_LOGGED_DELIVERIES = 2000;
const RESPONSE_PREVIEW_CHARS = 200;

export type PingResult = {
  ok: boolean;
  url: string;
  status: number | null;
  body: string | null;
  error: string | null;
};

export type EventDispatcher = {
  /** Queues one event (nothing when the account has no address or the call is silent). */
  send(account: Account, call: Call | null, event: MangoEvent): void;
  /** A call whose events are held releases them, reordered, when it ends. */
  release(account: Account, call: Call): void;
  /** «Проверить подключение»: POSTs `${url}ping` at once and reports the answer. */
  ping(account: Account, url: string): Promise<PingResult>;
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>;
  cancelAll(): void;
};

type Dependencies = {
  logger: Logger;
  timers: Timers;
  faults: EventFaults;
  random: Random;
  nextDeliveryId: () => number;
};

/** A well-formed sign made with the wrong salt. */
const FORGED_SALT = "not-the-account-salt";

export const createEventDispatcher = ({
  logger,
  timers,
  faults,
  random,
  nextDeliveryId,
}: Dependencies): EventDispatcher => {
  const lifetime = new AbortController();
  const chains = new Map<string, Promise<void>>();
  const held = new Map<string, { order: Exclude<EventOrder, "in_order">; events: MangoEvent[] }>();
  const checked = new Set<string>();
  const inFlight = new Set<Promise<void>>();

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  /** One POST, logged; resolves with the log entry once answered (or failed). */
  const post = async (
    account: Account,
    url: string,
    event: MangoEvent,
    faultNames: string[],
  ): Promise<Delivery> => {
    const json = JSON.stringify(event.payload);
    const badSign = faultNames.includes("bad_signature");
    const delivery: Delivery = {
      id: nextDeliveryId(),
      path: event.path,
      url,
      entry_id: event.entryId,
      json,
      sign_valid: !badSign,
      faults: faultNames,
      outcome: "pending",
      status: null,
      error: null,
      response: null,
      started_at: new Date().toISOString(),
      duration_ms: null,
    };
    account.deliveries.push(delivery);
    if (account.deliveries.length > MAX_LOGGED_DELIVERIES) account.deliveries.shift();
    if (faultNames.includes("drop")) {
      delivery.outcome = "dropped";
      return delivery;
    }
    const startedAt = performance.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "user-agent": "Mango-VPBX-Emulator",
        },
        body: signedForm(account.key, badSign ? FORGED_SALT : account.salt, json).toString(),
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
      `${event.path} ${event.entryId ?? ""} → ${url}: ${delivery.status ?? delivery.error} (${delivery.duration_ms} ms)`,
    );
    return delivery;
  };

  const enqueue = (chainKey: string, task: () => Promise<void>): void => {
    const next = (chains.get(chainKey) ?? Promise.resolve()).then(task).catch((error: unknown) => {
      if (!lifetime.signal.aborted) logger.error("event delivery failed", error);
    });
    chains.set(chainKey, next);
    track(next);
  };

  /** Applies the event faults and queues what remains of the event. */
  const deliver = (account: Account, event: MangoEvent): void => {
    const base = account.eventsUrl;
    if (!base) return;
    const url = `${base}${event.path}`;
    const fired = faults.fire({ accountId: account.id, path: event.path });
    const faultNames = fired.map((fault) => fault.mode);
    const copies = Math.max(
      1,
      ...fired.map((fault) => (fault.mode === "duplicate" ? (fault.copies ?? 2) : 1)),
    );
    const delayMs = fired.reduce(
      (total, fault) => total + (fault.mode === "delay" ? fault.ms : 0),
      0,
    );
    const sendCopies = async (): Promise<void> => {
      for (let copy = 0; copy < copies; copy++) await post(account, url, event, faultNames);
    };
    const chainKey = event.entryId ?? `${event.path}:${String(nextDeliveryId())}`;
    if (delayMs === 0) return enqueue(chainKey, sendCopies);
    // A delayed event leaves the call's queue: the ones after it overtake it, as on a slow network.
    let resolveDelayed: () => void = () => undefined;
    track(new Promise<void>((resolve) => (resolveDelayed = resolve)));
    timers.after(delayMs, () => {
      track(sendCopies().catch((error: unknown) => logger.error("delayed event failed", error)));
      resolveDelayed();
    });
  };

  return {
    send: (account, call, event) => {
      if ((call && !call.notify) || !account.eventsUrl) return;
      if (call && !checked.has(call.entryId)) {
        checked.add(call.entryId);
        if (account.eventOrder !== "in_order")
          held.set(call.entryId, { order: account.eventOrder, events: [] });
      }
      const holding = call ? held.get(call.entryId) : undefined;
      if (holding) holding.events.push(event);
      else deliver(account, event);
    },
    release: (account, call) => {
      const holding = held.get(call.entryId);
      if (!holding) return;
      held.delete(call.entryId);
      const ordered =
        holding.order === "reverse"
          ? [...holding.events].reverse()
          : shuffled(holding.events, random);
      for (const event of ordered) deliver(account, event);
    },
    ping: async (account, base) => {
      const url = `${base}ping`;
      const delivery = await post(account, url, { path: "ping", entryId: null, payload: {} }, []);
      return {
        ok: delivery.outcome === "delivered",
        url,
        status: delivery.status,
        body: delivery.response,
        error: delivery.error,
      };
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
