// Webhook handlers («события-webhook»), manual triggers and the delivery log (klientiks-contract §17.2, §17.3).

import type { z } from "zod";

import { eventHandlerBody, triggerWebhookBody } from "../../control-schemas";
import type { Account, EventHandler } from "../../types";
import { appointmentEventContext } from "../../webhook-context";
import type { DeliveryStep } from "../../webhooks";
import {
  ControlError,
  parseBody,
  requireAccount,
  requireAppointment,
  type ControlHandler,
} from "./shared";

const describeHandler = (handler: EventHandler) => ({
  id: handler.id,
  event: handler.event,
  url_template: handler.urlTemplate,
});

export type EventHandlerView = ReturnType<typeof describeHandler>;

export const addEventHandlerRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const input = parseBody(eventHandlerBody, request.body);
  const handler: EventHandler = {
    id: request.emulator.state.nextId("eventHandler"),
    event: input.event,
    urlTemplate: input.url_template,
  };
  account.eventHandlers.set(handler.id, handler);
  return { status: 201, body: describeHandler(handler) };
};

export const listEventHandlersRoute: ControlHandler = (request) => ({
  body: Array.from(requireAccount(request).eventHandlers.values(), describeHandler),
});

export const deleteEventHandlerRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  if (!account.eventHandlers.delete(Number(request.params.id))) {
    throw new ControlError(404, `Unknown event handler ${request.params.id}`);
  }
  return { body: { ok: true } };
};

type TriggerSpec = Omit<z.output<typeof triggerWebhookBody>, "reorder_with">;

const toStep = (account: Account, spec: TriggerSpec): DeliveryStep => ({
  event: spec.event,
  context: appointmentEventContext(account, spec.event, {
    appointment: requireAppointment(account, spec.appointment_id),
    statusOverride: spec.status,
  }),
  times: spec.times ?? 1,
  delayMs: spec.delay_ms ?? 0,
  method: spec.method ?? "GET",
  retries: spec.retries ?? 0,
});

/**
 * Fires an event for an existing appointment, for duplicate storms, late and out-of-order deliveries.
 * `reorder_with` specs are delivered first, then this one; each spec's copies go out concurrently.
 */
export const triggerWebhookRoute: ControlHandler = (request) => {
  const account = requireAccount(request);
  const { reorder_with: earlier = [], ...spec } = parseBody(triggerWebhookBody, request.body);
  const steps = [...earlier, spec].map((item) => toStep(account, item));
  const batchId = `trigger-${request.emulator.state.nextId("triggerBatch")}`;
  const scheduled = request.emulator.state.webhooks.schedule(account, steps, batchId);
  return { status: 202, body: { batch_id: batchId, scheduled } };
};

export const listDeliveriesRoute: ControlHandler = (request) => ({
  body: requireAccount(request).deliveries,
});
