import type { TLogger } from "@/server/logging/logger";

type TRouteHandler<TRequest extends Request, TContext> = (
  request: TRequest,
  context: TContext,
) => Promise<Response>;

/**
 * Inngest's endpoint (`serve` from inngest/next), guarded on two counts. With the in-process
 * worker nothing calls it, and `serve` answers every request with a 500 for its missing signing
 * key: the route answers 404 instead. With Inngest, `serve` parses the body before it checks the
 * signature and throws on anything but JSON, a 500 for whoever posts garbage: that becomes a 400.
 */
export function guardInngestEndpoint<TRequest extends Request, TContext>(
  handler: TRouteHandler<TRequest, TContext>,
  options: { isServed: () => boolean; log: TLogger },
): TRouteHandler<TRequest, TContext> {
  return async (request, context) => {
    if (!options.isServed())
      return Response.json(
        {
          ok: false,
          error: {
            code: "NOT_FOUND",
            message: "background jobs run in this process; Inngest is not configured here",
          },
        },
        { status: 404 },
      );
    try {
      return await handler(request, context);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      options.log.warn("inngest request refused: body is not JSON", { method: request.method });
      return Response.json(
        {
          ok: false,
          error: { code: "VALIDATION", field: "body", message: "the body must be JSON" },
        },
        { status: 400 },
      );
    }
  };
}
