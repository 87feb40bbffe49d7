// Plumbing of the emulators' control APIs (`/__control/…`): JSON errors, zod parsing, dispatch of a
// route table, and the endpoints every emulator has (health, reset, clock) and the callback client
// scripts of the telephony emulators. Generic over the emulator instance.

import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import type { Clock } from "../zadarma/clock";
import { readBody, sendJson } from "../zadarma/http";
import { matchRoute, type Route, type RouteParams } from "../zadarma/router";
import type { ClientScript } from "../zadarma/types";

export type ControlRequestOf<Emulator> = {
  emulator: Emulator;
  params: RouteParams;
  body: unknown;
  query: URLSearchParams;
};

export type ControlResult = { status?: number; body: unknown };

export type ControlHandlerOf<Emulator> = (
  request: ControlRequestOf<Emulator>,
) => ControlResult | Promise<ControlResult>;

/** Thrown by handlers; the control router turns it into a JSON error answer. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const parseBody = <Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.output<Schema> => {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ControlError(400, "Invalid request body", {
      issues: result.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
      })),
    });
  }
  return result.data;
};

const readJsonBody = async (request: IncomingMessage): Promise<unknown> => {
  const text = await readBody(request);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, "Request body is not valid JSON");
  }
};

/** Finds the route, reads the JSON body, runs the handler and answers its result or its ControlError. */
export const handleControlRoutes = async <Emulator>(
  routes: readonly Route<ControlHandlerOf<Emulator>>[],
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const method = request.method ?? "GET";
  const match = matchRoute(routes, method, url.pathname);
  if (match.kind !== "found") {
    const status = match.kind === "method_not_allowed" ? 405 : 404;
    return sendJson(response, status, { error: `No control endpoint ${method} ${url.pathname}` });
  }
  try {
    const body = method === "GET" || method === "DELETE" ? {} : await readJsonBody(request);
    const result = await match.handler({
      emulator,
      params: match.params,
      body,
      query: url.searchParams,
    });
    sendJson(response, result.status ?? 200, result.body);
  } catch (error) {
    if (!(error instanceof ControlError)) throw error;
    sendJson(response, error.status, { error: error.message, ...error.details });
  }
};

// ── Health, reset, clock ────────────────────────────────────────────────────────────────────────────

type Resettable = {
  state: { accounts: Map<string, unknown> };
  clock: Clock;
  reset(seed?: number): void;
};

export const resetBody = z.strictObject({ seed: z.number().int().optional() });

export const clockBody = z.strictObject({
  /** ISO datetime to freeze at, or null for real time. */
  now: z.union([z.iso.datetime({ offset: true }), z.null()]).optional(),
  advance_ms: z.number().int().optional(),
});

export const health: ControlHandlerOf<Resettable> = ({ emulator }) => ({
  body: { ok: true, accounts: emulator.state.accounts.size },
});

export const reset: ControlHandlerOf<Resettable> = ({ emulator, body }) => {
  const { seed } = parseBody(resetBody, body);
  emulator.reset(seed);
  return { body: { ok: true } };
};

export const setClock: ControlHandlerOf<Resettable> = ({ emulator, body }) => {
  const { now, advance_ms: advanceMs } = parseBody(clockBody, body);
  if (now !== undefined) emulator.clock.fix(now === null ? null : Date.parse(now));
  if (advanceMs !== undefined) emulator.clock.shift(advanceMs);
  return { body: { now: new Date(emulator.clock.now()).toISOString() } };
};

// ── Callback client scripts ─────────────────────────────────────────────────────────────────────────

const milliseconds = z.number().int().min(0).max(3_600_000);

export const clientScriptBody = z.strictObject({
  /** The client's number, or `*` (the default) for every number without its own script. */
  number: z
    .union([z.string().regex(/^\d{5,15}$/, "expected 5–15 digits, no +"), z.literal("*")])
    .optional(),
  mode: z.enum(["answer", "busy", "no_answer", "manual"]),
  answer_after_ms: milliseconds.optional(),
  /** The client hangs up this long after answering; null waits for the extension. */
  hangup_after_ms: milliseconds.nullable().optional(),
});

/** Sets one number's script (or the default, `*`); unset timings keep the previous values. */
export const applyClientScript = (
  scripts: Map<string, ClientScript>,
  input: z.output<typeof clientScriptBody>,
): void => {
  const number = input.number ?? "*";
  const previous = scripts.get(number) ?? scripts.get("*");
  scripts.set(number, {
    mode: input.mode,
    answerAfterMs: input.answer_after_ms ?? previous?.answerAfterMs ?? 2000,
    hangupAfterMs:
      input.hangup_after_ms === undefined
        ? (previous?.hangupAfterMs ?? null)
        : input.hangup_after_ms,
  });
};

/** The scripts as the control API shows them, by number (`*` is the default). */
export const describeClientScripts = (scripts: Map<string, ClientScript>) =>
  Object.fromEntries(
    Array.from(scripts, ([number, script]) => [
      number,
      {
        mode: script.mode,
        answer_after_ms: script.answerAfterMs,
        hangup_after_ms: script.hangupAfterMs,
      },
    ]),
  );
