/**
 * The body's bytes, or null when it is larger than `maxBytes`. Read chunk by chunk and cancelled
 * once past the cap, so a huge (or endless chunked) body costs at most the cap plus one chunk.
 */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

/**
 * The request again with its body read up to `maxBytes`, for a handler that would read a body
 * whole, however large; null when the body is larger. A GET or HEAD is returned as it came.
 */
export async function withCappedBody(request: Request, maxBytes: number): Promise<Request | null> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readCappedBody(request, maxBytes);
  if (body === null) return null;
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: new Uint8Array(body),
    signal: request.signal,
  });
}
