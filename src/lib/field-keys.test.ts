import { describe, expect, it } from "vitest";

import { humanizeFieldKey } from "@/lib/field-keys";

describe("humanizeFieldKey", () => {
  it("turns snake, kebab and camel case keys into a sentence-case label", () => {
    expect(humanizeFieldKey("hair_type")).toBe("Hair type");
    expect(humanizeFieldKey("clientCardNo")).toBe("Client card no");
    expect(humanizeFieldKey("цвет_волос")).toBe("Цвет волос");
    expect(humanizeFieldKey("  lead--source ")).toBe("Lead source");
  });

  it("keeps a key with no words as it is", () => {
    expect(humanizeFieldKey("__")).toBe("__");
  });
});
