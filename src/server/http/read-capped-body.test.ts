import { describe, expect, it } from "vitest";

import { withCappedBody } from "@/server/http/read-capped-body";

const URL_OF = "http://localhost:3000/api/trpc/a";

/** A body that arrives in chunks and never says its length, as a chunked upload does. */
const streamOf = (chunks: number, chunkBytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let index = 0; index < chunks; index += 1)
        controller.enqueue(new Uint8Array(chunkBytes));
      controller.close();
    },
  });

describe("withCappedBody", () => {
  it("hands on a body within the cap, with the method, headers and address", async () => {
    const capped = await withCappedBody(
      new Request(URL_OF, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"json":1}',
      }),
      1024,
    );
    expect(capped?.method).toBe("POST");
    expect(capped?.url).toBe(URL_OF);
    expect(capped?.headers.get("content-type")).toBe("application/json");
    expect(await capped?.text()).toBe('{"json":1}');
  });

  it("is null for a body past the cap, whether it says its length or not", async () => {
    expect(
      await withCappedBody(new Request(URL_OF, { method: "POST", body: "x".repeat(2048) }), 1024),
    ).toBeNull();
    const chunked = new Request(URL_OF, {
      method: "POST",
      body: streamOf(64, 1024),
      duplex: "half",
    } as RequestInit);
    expect(await withCappedBody(chunked, 4096)).toBeNull();
  });

  it("returns a GET as it came", async () => {
    const get = new Request(`${URL_OF}?input=%7B%7D`);
    expect(await withCappedBody(get, 1)).toBe(get);
  });
});
