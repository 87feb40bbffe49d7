import { redactText } from "@/server/logging/redact";

type THandler<TContext> = (request: Request, context: TContext) => Promise<Response>;

/**
 * Next's development request lines skip the paths that carry a secret (`logging.incomingRequests` in
 * next.config.mjs); a route on such a path wraps its handler in this to keep its line, redacted.
 */
export function withRedactedRequestLog<TContext>(
  handler: THandler<TContext>,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): THandler<TContext> {
  if (process.env.NODE_ENV !== "development") return handler;
  return async (request, context) => {
    const startedAt = performance.now();
    const response = await handler(request, context);
    const url = new URL(request.url);
    write(
      ` ${request.method} ${redactText(`${url.pathname}${url.search}`)} ${response.status} in ${Math.round(performance.now() - startedAt)}ms`,
    );
    return response;
  };
}
