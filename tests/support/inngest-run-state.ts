// What an Inngest run stores, as @inngest/test exposes it: every step's recorded output or error,
// the run's result and its error. Inngest keeps all of it in its run state (reliability R11).
import type { InngestTestEngine } from "@inngest/test";
import { errors } from "inngest/internals";
import { expect } from "vitest";

export type TRunOutput = Awaited<ReturnType<InngestTestEngine["execute"]>>;

/** Every step output, the result and the error of a run, settled and serialized as Inngest would. */
export async function runState(output: TRunOutput): Promise<unknown[]> {
  const steps = await Promise.all(
    Object.values(output.state).map((promise) =>
      promise.then(
        (data) => ({ data }),
        (error: unknown) => ({ error: errors.serializeError(error) }),
      ),
    ),
  );
  return [
    ...steps,
    { result: output.result },
    { error: output.error === undefined ? undefined : errors.serializeError(output.error) },
  ];
}

/**
 * No part of the run's state holds any of `values` (compared without case): personal data such as a
 * client's name, phone or e-mail must stay out of step results, which Inngest stores and shows.
 */
export async function expectRunStateWithout(output: TRunOutput, values: string[]) {
  const state = (await runState(output)).map((part) => JSON.stringify(part) ?? "");
  for (const value of values) {
    for (const text of state) expect(text.toLowerCase()).not.toContain(value.toLowerCase());
  }
}
