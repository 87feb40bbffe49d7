import { sendRaw, type TRawAnswer } from "../lib/raw-http";
import { buildBody, describeBody } from "./bodies";
import type { TFuzzRequest } from "./target";

/** A 10 MB upload on a busy machine, with the server reading it to its end. */
const REQUEST_TIMEOUT_MS = 30_000;
const KEPT_BODY_BYTES = 2048;

/** One fuzz request, its body built only now (and dropped after). */
export const sendFuzzRequest = (appUrl: string, request: TFuzzRequest): Promise<TRawAnswer> =>
  sendRaw(
    new URL(appUrl),
    {
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: buildBody(request.body),
      isChunked: request.isChunked,
    },
    { timeoutMs: REQUEST_TIMEOUT_MS, keepBodyBytes: KEPT_BODY_BYTES },
  );

const MAX_SHOWN = 160;

/** Bytes of a path or header shown readably: printable ASCII as is, anything else as \xNN. */
const readable = (bytes: string): string => {
  const shown =
    bytes.length > MAX_SHOWN ? `${bytes.slice(0, MAX_SHOWN)}…(${bytes.length} bytes)` : bytes;
  return shown.replace(
    /[^\x21-\x7e]/g,
    (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
};

/** The request in one line for the failure report (the session cookie is left out). */
export const describeRequest = (request: TFuzzRequest): string => {
  const headers = request.headers
    .filter(([name]) => name !== "cookie")
    .map(([name, value]) => `${name}: ${readable(value).slice(0, 60)}`)
    .join("; ");
  return `${request.method} ${readable(request.path)} [${headers}] ${request.isChunked ? "chunked " : ""}${describeBody(request.body)}`;
};
