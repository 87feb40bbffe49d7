import { describe, expect, it } from "vitest";

import {
  columnVisibilityStorageKey,
  parseColumnVisibility,
} from "@/components/data-table/column-visibility-storage";

describe("parseColumnVisibility", () => {
  it("reads a stored visibility map", () => {
    expect(parseColumnVisibility('{"contactEmail":false,"name":true}')).toEqual({
      contactEmail: false,
      name: true,
    });
  });

  it.each([null, "", "not json", "[false]", "42", "null"])("treats %j as nothing stored", (raw) => {
    expect(parseColumnVisibility(raw)).toEqual({});
  });

  it("drops entries that are not booleans", () => {
    expect(parseColumnVisibility('{"a":false,"b":"false","c":0}')).toEqual({ a: false });
  });

  it("keeps each table under its own key", () => {
    expect(columnVisibilityStorageKey("deals")).not.toBe(columnVisibilityStorageKey("leads"));
  });
});
