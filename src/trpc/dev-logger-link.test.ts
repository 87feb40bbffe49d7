import {
  TRPCClientError,
  type OperationResultEnvelope,
  type TRPCClientRuntime,
} from "@trpc/client";
import type { AnyRouter } from "@trpc/server";
import { observable } from "@trpc/server/observable";
import { afterEach, describe, expect, it, vi } from "vitest";

import { devLoggerLink } from "@/trpc/dev-logger-link";

afterEach(() => vi.unstubAllEnvs());

/** Runs one failing call through the link the browser uses and returns what it printed. */
function printedForFailedCall(path: string, input: unknown): string {
  vi.stubEnv("NODE_ENV", "development");
  const printed: unknown[] = [];
  const capture = (...args: unknown[]) => void printed.push(...args);
  const link = devLoggerLink<AnyRouter>({ log: capture, error: capture })({} as TRPCClientRuntime);
  const failing = () =>
    observable<
      OperationResultEnvelope<unknown, TRPCClientError<AnyRouter>>,
      TRPCClientError<AnyRouter>
    >((observer) => {
      observer.error(new TRPCClientError("VALIDATION"));
    });
  link({
    op: { id: 1, type: "mutation", path, input, context: {}, signal: null },
    next: failing,
  }).subscribe({});
  return JSON.stringify(printed);
}

describe("the development tRPC logger", () => {
  it("prints a failed call without the password, token or secret in its input", () => {
    const printed = printedForFailedCall("klientiks.saveCredentials", {
      name: "Салон",
      accountId: "5a7c1e9b3d20",
      userId: "b41f0c6e8a72",
      accessToken: "3f9d2c7a1b8e4f60a5c9d0e7b2f41a86",
      nested: { password: "correct horse battery", clientSecret: "s3cr3t-value" },
    });
    expect(printed).toContain("klientiks.saveCredentials");
    expect(printed).toContain("5a7c1e9b3d20");
    for (const secret of [
      "3f9d2c7a1b8e4f60a5c9d0e7b2f41a86",
      "correct horse battery",
      "s3cr3t-value",
    ])
      expect(printed).not.toContain(secret);
    expect(printed).toContain("[Redacted]");
  });

  it("prints nothing outside development", () => {
    vi.stubEnv("NODE_ENV", "production");
    const printed: unknown[] = [];
    const link = devLoggerLink<AnyRouter>({
      log: (...args) => printed.push(args),
      error: (...args) => printed.push(args),
    })({} as TRPCClientRuntime);
    link({
      op: {
        id: 1,
        type: "mutation",
        path: "account.signUp",
        input: { password: "x".repeat(12) },
        context: {},
        signal: null,
      },
      next: () => observable((observer) => observer.error(new TRPCClientError("INTERNAL"))),
    }).subscribe({});
    expect(printed).toEqual([]);
  });
});
