import http from "node:http";

/**
 * One HTTP request exactly as written, which `fetch` would refuse or tidy up: any method, a path of
 * raw bytes (each character one byte, as Node writes a path), headers repeated or in any order,
 * values of any byte but CR, LF and NUL, a body sent whole (with its length) or in chunks.
 */
export type TRawRequest = {
  method: string;
  path: string;
  headers: readonly (readonly [string, string])[];
  body: Buffer | null;
  /** Sent as `Transfer-Encoding: chunked` in a few writes, without a length up front. */
  isChunked?: boolean;
};

export type TRawAnswer =
  { status: number; contentType: string; bodyStart: string } | { status: null; error: string };

/** How long to wait for the server's answer after a write fails: it may have answered first and closed. */
const ANSWER_AFTER_ERROR_MS = 250;
const CHUNKS = 4;

/**
 * A connection per request, closed by us once the answer is in. It says keep-alive all the same:
 * a server that answers before it has read a large body then reads the rest and drops it, where
 * with `Connection: close` it would close a socket with unread bytes, and the reset that sends can
 * destroy its answer before we read it. Each request gets an agent of its own: a shared one puts
 * the socket back in its pool when the answer ends, and the next request, sent on it, met a server
 * that had closed it meanwhile (an ECONNRESET that was ours, not the server's).
 */
const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Node frames a body only for methods that usually have one; a GET's body would otherwise go out
 * unframed and be read as the next request. So the length (or chunking) is always said.
 */
const framingHeaders = (request: TRawRequest): [string, string][] => {
  if (!request.body) return [];
  if (request.isChunked) return [["transfer-encoding", "chunked"]];
  return [["content-length", String(request.body.length)]];
};

/**
 * Sends one request and resolves with the status and the start of the body (at most
 * `keepBodyBytes`, then the connection is dropped), or with the error when no answer came within
 * `timeoutMs`. An event stream is dropped as soon as its status is known.
 */
export function sendRaw(
  baseUrl: URL,
  request: TRawRequest,
  { timeoutMs, keepBodyBytes }: { timeoutMs: number; keepBodyBytes: number },
): Promise<TRawAnswer> {
  return new Promise((resolve) => {
    let isSettled = false;
    let pendingError: ReturnType<typeof setTimeout> | null = null;
    const settle = (answer: TRawAnswer) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(deadline);
      if (pendingError) clearTimeout(pendingError);
      outgoing.destroy();
      resolve(answer);
    };
    const outgoing = http.request({
      host: baseUrl.hostname,
      port: baseUrl.port,
      method: request.method,
      path: request.path,
      // Headers given as a list (to allow repeats) get no Host from Node: HTTP/1.1 requires one.
      headers: [["host", baseUrl.host], ...request.headers, ...framingHeaders(request)].flatMap(
        ([name, value]) => [name, value],
      ),
      agent: newAgent(),
      // Chromium takes response heads up to 256 KB. Next's own trailing-slash redirect repeats the
      // query in `Location`, percent-encoded again, so a long odd query comes back several times over.
      maxHeaderSize: 256 * 1024,
    });
    const deadline = setTimeout(() => {
      outgoing.destroy();
      settle({ status: null, error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);

    outgoing.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const contentType = String(response.headers["content-type"] ?? "");
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const bodyStart = Buffer.concat(chunks).subarray(0, keepBodyBytes).toString("utf8");
        settle({ status, contentType, bodyStart });
      };
      if (contentType.startsWith("text/event-stream")) {
        finish();
        response.destroy();
        return;
      }
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
        if (size >= keepBodyBytes) {
          finish();
          response.destroy();
        }
      });
      response.on("end", finish);
      response.on("close", finish);
      response.on("error", finish);
    });
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      pendingError ??= setTimeout(
        () => settle({ status: null, error: error.code ?? error.message }),
        ANSWER_AFTER_ERROR_MS,
      );
    });

    if (!request.body) {
      outgoing.end();
    } else if (request.isChunked) {
      const step = Math.ceil(request.body.length / CHUNKS) || 1;
      for (let offset = 0; offset < request.body.length; offset += step)
        outgoing.write(request.body.subarray(offset, offset + step));
      outgoing.end();
    } else {
      outgoing.end(request.body);
    }
  });
}
