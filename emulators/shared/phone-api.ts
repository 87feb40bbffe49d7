// Plumbing of the telephony emulators' page endpoints (`/phones/api/…`): the pages poll the GETs and
// post the buttons with JSON bodies. Bad input answers 400 with `{"error": "…"}`; a button that no
// longer applies (the call moved on) answers 409.

import type { IncomingMessage, ServerResponse } from "node:http";

import { readBody, sendJson } from "../zadarma/http";

export const PHONE_API_PREFIX = "/phones/api/";

export class PhoneApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request's parameters: the query of a GET, the JSON body of a POST. */
export type PhoneInput = { get(name: string): string | undefined };

const readInput = async (request: IncomingMessage, url: URL): Promise<PhoneInput> => {
  if (request.method !== "POST") return { get: (name) => url.searchParams.get(name) ?? undefined };
  const text = await readBody(request);
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new PhoneApiError(400, "body is not valid JSON");
  }
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  return { get: (name) => (record[name] === undefined ? undefined : String(record[name])) };
};

export const required = (input: PhoneInput, name: string): string => {
  const value = input.get(name)?.trim();
  if (!value) throw new PhoneApiError(400, `${name} is required`);
  return value;
};

export type PhoneAction<Emulator> = {
  method: "GET" | "POST";
  run: (emulator: Emulator, input: PhoneInput) => unknown;
};

/** Runs the action the path names; `isConflict` tells which errors mean "the call moved on" (409). */
export const handlePhoneActions = async <Emulator>(
  actions: Record<string, PhoneAction<Emulator>>,
  isConflict: (error: unknown) => error is Error,
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> => {
  const action = actions[url.pathname.slice(PHONE_API_PREFIX.length).replace(/\/+$/, "")];
  if (!action) return sendJson(response, 404, { error: `no phone endpoint ${url.pathname}` });
  if (request.method !== action.method)
    return sendJson(response, 405, { error: `use ${action.method}` });
  try {
    const body: unknown = await action.run(emulator, await readInput(request, url));
    sendJson(response, 200, body, { "cache-control": "no-store" });
  } catch (error) {
    if (error instanceof PhoneApiError)
      return sendJson(response, error.status, { error: error.message });
    if (isConflict(error)) return sendJson(response, 409, { error: error.message });
    throw error;
  }
};
