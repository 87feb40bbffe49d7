import { describe, expect, it } from "vitest";

import { createGroupCommit } from "@/server/db/group-commit";

/** A fake writer that records its batches: "bad" fails its batch, "refused" gets an Error, "none" null, "lost" (last in its batch) no slot. */
function fakeWriter() {
  const batches: string[][] = [];
  const db = {};
  const write = createGroupCommit<object, string, string | null>({
    maxBatch: 3,
    runBatch: async (_db, items) => {
      batches.push(items);
      await Promise.resolve();
      if (items.includes("bad")) throw new Error("batch failed");
      return items
        .filter((item) => item !== "lost")
        .map((item) =>
          item === "none" ? null : item === "refused" ? new Error("refused") : item.toUpperCase(),
        );
    },
  });
  return { batches, send: (item: string) => write(db, item) };
}

describe("createGroupCommit", () => {
  it("runs a lone item at once and groups what arrives meanwhile, in order and up to the cap", async () => {
    const writer = fakeWriter();
    const results = await Promise.all(["a", "b", "c", "d", "e"].map(writer.send));
    expect(results).toEqual(["A", "B", "C", "D", "E"]);
    expect(writer.batches).toEqual([["a"], ["b", "c", "d"], ["e"]]);
  });

  it("settles each item with its own result: null is a result, an Error or a missing slot rejects that item only", async () => {
    const writer = fakeWriter();
    const outcomes = await Promise.allSettled(["a", "none", "refused", "lost"].map(writer.send));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
    ]);
    expect(outcomes.slice(0, 2)).toEqual([
      { status: "fulfilled", value: "A" },
      { status: "fulfilled", value: null },
    ]);
  });

  it("retries each item of a failed batch alone: a bad item fails only itself", async () => {
    const writer = fakeWriter();
    const outcomes = await Promise.allSettled(["a", "b", "bad", "c"].map(writer.send));
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect(outcomes[3]).toEqual({ status: "fulfilled", value: "C" });
    expect(writer.batches).toEqual([["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]]);
  });

  it("answers a lone failing item with its error, without running it twice", async () => {
    const writer = fakeWriter();
    await expect(writer.send("bad")).rejects.toThrow("batch failed");
    expect(writer.batches).toEqual([["bad"]]);
  });
});
