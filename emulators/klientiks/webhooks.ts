// Webhook dispatcher (klientiks-contract §12.3, §17.2): renders each matching handler's template and
// sends GET (or POST with the query repeated as a form body), 10 s timeout, no retries unless asked.
// Sending never blocks the request that caused it; every attempt lands in the account's delivery log.

import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

import type { Logger } from "./logger";
import { renderTemplate, type TemplateContext } from "./mustache";
import { redactUrl } from "./redact";
import type { Account, EventHandler, WebhookDelivery, WebhookEvent } from "./types";

const TIMEOUT_MS = 10_000;
const FIRST_RETRY_DELAY_MS = 200;
const MAX_LOGGED_DELIVERIES = 1000;

export type HttpMethod = "GET" | "POST";

/** One step of a delivery plan: `times` concurrent copies to every handler of `event`. */
export type DeliveryStep = {
  event: WebhookEvent;
  context: TemplateContext;
  times: number;
  delayMs: number;
  method: HttpMethod;
  retries: number;
};

export type WebhookDispatcher = {
  /** What a real change does: one GET per handler of the event, right away, no retries. */
  fire(account: Account, event: WebhookEvent, context: TemplateContext): void;
  /** Runs the steps one after another; returns how many first attempts that makes. */
  schedule(account: Account, steps: DeliveryStep[], batchId: string | null): number;
  /** Aborts in-flight requests and pending delays (reset, shutdown). */
  cancelAll(): void;
};

type Attempt = {
  account: Account;
  handler: EventHandler;
  url: string;
  method: HttpMethod;
  attempt: number;
  batchId: string | null;
};

const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `timeout after ${TIMEOUT_MS} ms`;
  if (error.name === "AbortError") return "cancelled";
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
};

export const createWebhookDispatcher = (
  logger: Logger,
  nextDeliveryId: () => number,
): WebhookDispatcher => {
  const lifetime = new AbortController();

  const handlersFor = (account: Account, event: WebhookEvent): EventHandler[] =>
    Array.from(account.eventHandlers.values()).filter((handler) => handler.event === event);

  const logDelivery = (account: Account, delivery: WebhookDelivery): void => {
    account.deliveries.push(delivery);
    if (account.deliveries.length > MAX_LOGGED_DELIVERIES) account.deliveries.shift();
  };

  const attemptOnce = async ({
    account,
    handler,
    url,
    method,
    attempt,
    batchId,
  }: Attempt): Promise<boolean> => {
    const delivery: WebhookDelivery = {
      id: nextDeliveryId(),
      event: handler.event,
      handler_id: handler.id,
      batch_id: batchId,
      method,
      url: redactUrl(url),
      attempt,
      outcome: "pending",
      status: null,
      error: null,
      duration_ms: null,
      started_at: new Date().toISOString(),
    };
    logDelivery(account, delivery);
    const startedAt = performance.now();
    try {
      const response = await fetch(url, {
        method,
        headers: {
          "user-agent": "Klientiks-Emulator",
          ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
        body: method === "POST" ? new URL(url).search.slice(1) : undefined,
        redirect: "manual",
        signal: AbortSignal.any([lifetime.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      await response.arrayBuffer();
      delivery.status = response.status;
      delivery.outcome = response.ok ? "delivered" : "failed";
    } catch (error) {
      delivery.outcome = "failed";
      delivery.error = describeError(error);
    }
    delivery.duration_ms = Math.round(performance.now() - startedAt);
    logger.info(
      `webhook ${delivery.event} ${method} ${delivery.url} → ${delivery.status ?? delivery.error} ` +
        `in ${delivery.duration_ms} ms (attempt ${attempt})`,
    );
    return delivery.outcome === "delivered";
  };

  const deliver = async (base: Omit<Attempt, "attempt">, retries: number): Promise<void> => {
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      if (await attemptOnce({ ...base, attempt })) return;
      if (attempt <= retries)
        await sleep(FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1), undefined, {
          signal: lifetime.signal,
        });
    }
  };

  const runStep = async (
    account: Account,
    step: DeliveryStep,
    batchId: string | null,
  ): Promise<void> => {
    if (step.delayMs > 0) await sleep(step.delayMs, undefined, { signal: lifetime.signal });
    const copies = handlersFor(account, step.event).flatMap((handler) =>
      Array.from({ length: step.times }, () =>
        deliver(
          {
            account,
            handler,
            url: renderTemplate(handler.urlTemplate, step.context),
            method: step.method,
            batchId,
          },
          step.retries,
        ),
      ),
    );
    await Promise.all(copies);
  };

  const schedule: WebhookDispatcher["schedule"] = (account, steps, batchId) => {
    const run = async (): Promise<void> => {
      for (const step of steps) await runStep(account, step, batchId);
    };
    run().catch((error: unknown) => {
      if (!lifetime.signal.aborted) logger.error("webhook dispatch failed", error);
    });
    return steps.reduce(
      (total, step) => total + handlersFor(account, step.event).length * step.times,
      0,
    );
  };

  return {
    fire: (account, event, context) => {
      schedule(
        account,
        [{ event, context, times: 1, delayMs: 0, method: "GET", retries: 0 }],
        null,
      );
    },
    schedule,
    cancelAll: () => lifetime.abort(),
  };
};
