import { vi } from "vitest";

import { createFakeFetch, type TFakeFetchCall } from "../../__fixtures__/fake-fetch";

/**
 * Replaces the global `fetch` for one test (undo with `vi.unstubAllGlobals()`) and records every
 * call, so tests see exactly what the client sent.
 */
export const stubKlientiksFetch = (
  handler: Parameters<typeof createFakeFetch>[0],
): TFakeFetchCall[] => {
  const { fetch, calls } = createFakeFetch(handler);
  vi.stubGlobal("fetch", fetch);
  return calls;
};
