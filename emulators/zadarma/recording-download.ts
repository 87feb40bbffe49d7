// `GET|HEAD /v1/pbx/record/download/{token}/{name}.wav`: no Authorization (the token is the
// credential, as with Zadarma's links). Unknown token → 404, expired → 410. The WAV streams with
// Content-Length and Accept-Ranges; a single `Range` gets 206 with Content-Range, an unsatisfiable one 416.

import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { parseRange } from "./byte-range";
import type { Emulator } from "./emulator";
import { sendJson } from "./http";
import { wavBytes, wavSize } from "./wav";

const DOWNLOAD_PATH = /^\/v1\/pbx\/record\/download\/([0-9a-f]+)\/[^/]+$/;

export const isDownloadPath = (pathname: string): boolean => DOWNLOAD_PATH.test(pathname);

export const serveRecording = async (
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => {
  const token = DOWNLOAD_PATH.exec(url.pathname)?.[1] ?? "";
  const link = emulator.state.links.get(token);
  const call = link && emulator.state.accounts.get(link.accountId)?.calls.get(link.pbxCallId);
  if (!link || !call?.recording)
    return sendJson(response, 404, { status: "error", message: "file not found" });
  if (link.expiresAt <= emulator.clock.now())
    return sendJson(response, 410, { status: "error", message: "link expired" });

  await sendWav(request, response, wavSize(call.recording.seconds, call.recording.bytes));
};

/**
 * Streams a generated WAV of `size` bytes: 200 with Content-Length and Accept-Ranges, 206 with
 * Content-Range for one `Range`, 416 when unsatisfiable; HEAD sends the headers only. Shared with the
 * Mango emulator's one-time recording links.
 */
export const sendWav = async (
  request: IncomingMessage,
  response: ServerResponse,
  size: number,
): Promise<void> => {
  const range = parseRange(request.headers.range, size);
  const common = {
    "content-type": "audio/wav",
    "accept-ranges": "bytes",
    "cache-control": "private, max-age=0",
  };
  if (range.kind === "unsatisfiable") {
    response.writeHead(416, {
      ...common,
      "content-range": `bytes */${size}`,
      "content-length": "0",
    });
    response.end();
    return;
  }
  const { start, end } = range.kind === "range" ? range.range : { start: 0, end: size - 1 };
  response.writeHead(range.kind === "range" ? 206 : 200, {
    ...common,
    "content-length": String(end - start + 1),
    ...(range.kind === "range" ? { "content-range": `bytes ${start}-${end}/${size}` } : {}),
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  // pipeline applies backpressure: chunks are rendered only as fast as the client reads them.
  await pipeline(Readable.from(wavBytes(size, start, end)), response).catch(() =>
    response.destroy(),
  );
};
