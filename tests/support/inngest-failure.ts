// Runs an Inngest function's `onFailure` handler under @inngest/test, which only ever runs the main handler.
import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { errors } from "inngest/internals";

/**
 * Runs a function's `onFailure` handler the way `serve()` does for its "-failure" function: the SDK's
 * execution engine in failure mode, triggered by `inngest/function.failed` carrying the serialized
 * run error and the original event. @inngest/test 1.0.0 only ever runs the main handler, so the
 * function is wrapped to ask the engine for the failure handler instead.
 */
export function runOnFailure(
  fn: InngestFunction.Any,
  originalEvent: { name: string; data: Record<string, unknown> },
  runError: unknown,
) {
  const asFailureHandler = Object.create(fn, {
    createExecution: {
      value: (options: { partialOptions: Record<string, unknown> }) =>
        fn["createExecution"]({
          ...options,
          partialOptions: { ...options.partialOptions, handlerKind: "failure" },
        } as never),
    },
  }) as InngestFunction.Any;
  const failedEvent = {
    name: "inngest/function.failed",
    data: {
      function_id: `svyaz-${fn.id()}`,
      run_id: "01JTESTRUN",
      error: errors.serializeError(runError),
      event: originalEvent,
    },
  };
  return new InngestTestEngine({ function: asFailureHandler }).execute({ events: [failedEvent] });
}
