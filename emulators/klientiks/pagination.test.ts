import { describe, expect, it } from "vitest";

import { pageEnvelope, readPage } from "./rest/pagination";
import { parseRestPath } from "./rest/url";

const pathOf = (pathname: string) => {
  const path = parseRestPath(pathname, undefined);
  if (!path) throw new Error(`cannot parse ${pathname}`);
  return path;
};

const NO_DATA_PAGE = { empty: "string" } as const;

const numbers = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe("readPage", () => {
  const path = pathOf("/clientix/Restapi/list/a/A/u/U/t/T/m/Clients/");

  it("defaults to offset 0 and limit 50", () => {
    expect(readPage(path, new URLSearchParams())).toEqual({ offset: 0, limit: 50 });
  });

  it("clamps the limit to 1000", () => {
    expect(readPage(path, new URLSearchParams("limit=5000"))).toEqual({ offset: 0, limit: 1000 });
  });

  it("reads offset and limit from path pairs", () => {
    const paired = pathOf(
      "/clientix/Restapi/list/a/A/u/U/t/T/m/Clients/date/2025-01-01/offset/20/limit/10/",
    );
    expect(readPage(paired, new URLSearchParams())).toEqual({ offset: 20, limit: 10 });
  });

  it("ignores garbage values", () => {
    expect(readPage(path, new URLSearchParams("offset=-3&limit=abc"))).toEqual({
      offset: 0,
      limit: 50,
    });
  });
});

describe("pageEnvelope", () => {
  it("answers the next offset and the page count", () => {
    expect(
      pageEnvelope(numbers(120), { offset: 50, limit: 50 }, (n) => n, NO_DATA_PAGE),
    ).toMatchObject({
      offset: 100,
      count: 50,
      limit: 50,
    });
  });

  it("still answers offset + limit on the last, short page", () => {
    const envelope = pageEnvelope(numbers(120), { offset: 100, limit: 50 }, (n) => n, NO_DATA_PAGE);
    expect(envelope).toEqual({
      offset: 150,
      items: numbers(20).map((n) => n + 100),
      count: 20,
      limit: 50,
    });
  });

  it('answers "No data" with count 0 for an empty page', () => {
    expect(pageEnvelope(numbers(3), { offset: 50, limit: 50 }, (n) => n, NO_DATA_PAGE)).toEqual({
      offset: 100,
      items: "No data",
      count: 0,
      limit: 50,
    });
  });

  it("adds total_count only when asked (ACL lists)", () => {
    expect(
      pageEnvelope(numbers(3), { offset: 0, limit: 2 }, (n) => n, {
        ...NO_DATA_PAGE,
        withTotal: true,
      }),
    ).toMatchObject({ total_count: 3 });
    expect(
      pageEnvelope(numbers(3), { offset: 0, limit: 2 }, (n) => n, NO_DATA_PAGE),
    ).not.toHaveProperty("total_count");
  });
});
