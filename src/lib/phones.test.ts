import { describe, expect, it } from "vitest";

import { formatPhone } from "@/lib/phones";

describe("formatPhone", () => {
  it("groups stored E.164 phones by their country's rules", () => {
    expect(formatPhone("+79031234501")).toBe("+7 903 123 45 01");
    expect(formatPhone("+375291234567")).toBe("+375 29 123 45 67");
  });

  it("shows what it cannot read as a phone as stored", () => {
    expect(formatPhone("+7903")).toBe("+7903");
    expect(formatPhone("не указан")).toBe("не указан");
    expect(formatPhone(null)).toBeNull();
  });
});
