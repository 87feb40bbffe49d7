import { describe, expect, it } from "vitest";

import { createKeyedQueue } from "@/server/domain/sites/keyed-queue";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("createKeyedQueue", () => {
  it("runs tasks of one key one after another, and of different keys side by side", async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = Promise.all([
      queue.run("v1", task("a")),
      queue.run("v1", task("b")),
      queue.run("v2", task("c")),
    ]);
    expect(queue.pending).toBe(3);
    expect(await results).toEqual(["a", "b", "c"]);
    expect(log.indexOf("b start")).toBeGreaterThan(log.indexOf("a end"));
    expect(log.indexOf("c start")).toBeLessThan(log.indexOf("a end"));
    expect(queue.pending).toBe(0);
  });

  it("keeps going after a failed task and reports the failure to its caller only", async () => {
    const queue = createKeyedQueue();
    const failed = queue.run("v1", () => Promise.reject(new Error("boom")));
    const next = queue.run("v1", () => Promise.resolve("ok"));
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ok");
  });
});
