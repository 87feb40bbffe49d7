import { describe, expect, it } from "vitest";
import { createGroupCommit, type TBatchFailurePolicy } from "@/server/db/group-commit";

/** A fake writer that records its batches: "bad" fails its batch, "refused" gets an Error, "none" null, "lost" (last in its batch) no slot. */
function fakeWriter(onBatchFailure: TBatchFailurePolicy) {
  const batches: string[][] = [];
  const db = {};
  const write = createGroupCommit<object, string, string | null>({
    maxBatch: 3,
    runBatch: async (_db, items) => {
      batches.push(items);
      await Promise.resolve();
      if (items.includes("bad")) throw new Error("batch failed");
      return items.filter((item) => item !== "lost").map((item) => (item === "none" ? null : item === "refused" ? new Error("refused") : item.toUpperCase()));
    },
    onBatchFailure,
  });
  return { batches, send: (item: string) => write(db, item) };
}

describe("createGroupCommit", () => {
  it("runs a lone item at once and groups what arrives meanwhile, in order and up to the cap", async () => {
    const writer = fakeWriter("fail_all");
    const results = await Promise.all(["a", "b", "c", "d", "e"].map(writer.send));
    expect(results).toEqual(["A", "B", "C", "D", "E"]);
    expect(writer.batches).toEqual([["a"], ["b", "c", "d"], ["e"]]);
  });

  it("settles each item with its own result: null is a result, an Error or a missing slot rejects that item only", async () => {
    const writer = fakeWriter("fail_all");
    const outcomes = await Promise.allSettled(["a", "none", "refused", "lost"].map(writer.send));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected"]);
    expect(outcomes.slice(0, 2)).toEqual([{ status: "fulfilled", value: "A" }, { status: "fulfilled", value: null }]);
  });

  it("fails the whole batch, or retries each item alone, as asked", async () => {
    const failAll = fakeWriter("fail_all");
    const failed = await Promise.allSettled(["a", "b", "bad"].map(failAll.send));
    expect(failed.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "rejected"]);

    const retry = fakeWriter("retry_each_alone");
    const retried = await Promise.allSettled(["a", "b", "bad"].map(retry.send));
    expect(retried.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect(retry.batches).toEqual([["a"], ["b", "bad"], ["b"], ["bad"]]);
  });
});
