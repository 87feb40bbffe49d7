import { describe, expect, it } from "vitest";

import { backfillSummary } from "./backfill-summary";

const job = {
  status: "completed" as const,
  listed: 0,
  queued: 0,
  done: 0,
  failed: 0,
  enumeratedAt: new Date(),
  error: null,
};

describe("backfillSummary", () => {
  it("says everything was already imported, with how many were checked, when nothing was queued", () => {
    expect(backfillSummary({ ...job, listed: 12 })).toEqual({
      key: "backfillNothingNew",
      values: { listed: 12 },
    });
  });

  it("says Klientiks listed nothing for the period when it did not", () => {
    expect(backfillSummary(job)).toEqual({ key: "backfillNothingListed", values: {} });
  });

  it("counts what an import that queued appointments did", () => {
    expect(backfillSummary({ ...job, listed: 12, queued: 5, done: 5, failed: 1 })).toEqual({
      key: "backfillCompleted",
      values: { done: 5, failed: 1 },
    });
    expect(backfillSummary({ ...job, status: "running", listed: 12, queued: 5, done: 2 })).toEqual({
      key: "backfillProgress",
      values: { done: 2, queued: 5 },
    });
    expect(backfillSummary({ ...job, status: "running", listed: 7, enumeratedAt: null })).toEqual({
      key: "backfillListing",
      values: { listed: 7 },
    });
  });
});
