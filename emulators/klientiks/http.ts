// Small node:http helpers shared by the three surfaces (REST API, control API, widget page).

import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY_BYTES = 1_000_000;

export class RequestBodyTooLargeError extends Error {}

export const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new RequestBodyTooLargeError(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
};

export const isFormEncoded = (request: IncomingMessage): boolean =>
  (request.headers["content-type"] ?? "")
    .toLowerCase()
    .startsWith("application/x-www-form-urlencoded");

export const sendText = (
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void => {
  response.writeHead(status, {
    "content-type": contentType,
    "content-length": String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
};

export const sendJson = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void =>
  sendText(response, status, "application/json; charset=utf-8", JSON.stringify(body), headers);

/** Text for an HTML page or attribute. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

export const sendHtml = (response: ServerResponse, status: number, html: string): void =>
  sendText(response, status, "text/html; charset=utf-8", html);

/** A bare page with a heading and an optional line: a 404, a refused form. */
export const sendHtmlMessage = (
  response: ServerResponse,
  status: number,
  title: string,
  text = "",
): void =>
  sendHtml(
    response,
    status,
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${text ? `<p>${escapeHtml(text)}</p>` : ""}</body></html>`,
  );
