import { loggerLink, type TRPCLink } from "@trpc/client";
import type { AnyRouter } from "@trpc/server";

import { redactValue } from "@/server/logging/redact";

type TConsole = Pick<Console, "log" | "error">;

/** A console whose arguments pass through the log redaction first: passwords, tokens and secrets never print. */
export const redactingConsole = (target: TConsole): TConsole => ({
  log: (...args: unknown[]) => target.log(...args.map((arg) => redactValue(arg))),
  error: (...args: unknown[]) => target.error(...args.map((arg) => redactValue(arg))),
});

/**
 * Development only: failed calls are printed with their input, which for sign-up or the Klientiks
 * credentials holds a password or a token. The input is redacted like every server log (R25).
 */
export const devLoggerLink = <TRouter extends AnyRouter>(
  target: TConsole = console,
): TRPCLink<TRouter> =>
  loggerLink<TRouter>({
    enabled: (operation) =>
      process.env.NODE_ENV === "development" &&
      operation.direction === "down" &&
      operation.result instanceof Error,
    console: redactingConsole(target),
  });
