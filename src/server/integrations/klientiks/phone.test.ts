import { describe, expect, it } from "vitest";

import { normalizeKlientiksPhone } from "./phone";

describe("normalizeKlientiksPhone", () => {
  it.each([
    ["+7 (999) 123-45-67", "79991234567"],
    ["8 999 123 45 67", "79991234567"],
    ["89991234567", "79991234567"],
    ["79991234567", "79991234567"],
    ["+380 50 123 4567", "380501234567"],
    ["8123", "8123"],
    ["881234567890", "881234567890"],
    ["anonymous", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeKlientiksPhone(input)).toBe(expected);
  });
});
