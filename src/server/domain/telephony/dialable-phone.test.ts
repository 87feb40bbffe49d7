import { describe, expect, it } from "vitest";

import { toDialablePhone, toProviderDigits } from "@/server/domain/telephony/dialable-phone";

describe("toDialablePhone", () => {
  it.each([
    ["+7 (999) 123-45-67", "+79991234567"],
    ["8 999 123-45-67", "+79991234567"],
    ["9991234567", "+79991234567"],
    ["+7 495 123-45-67", "+74951234567"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("%s → %s", (input, expected) => expect(toDialablePhone(input)).toBe(expected));

  it.each(["", "123", "abc", "+7 000 000-00-00", "+1 555", "+999 1234567890"])(
    "refuses %j",
    (input) => {
      expect(toDialablePhone(input)).toBeNull();
    },
  );

  it("gives Zadarma the number as digits", () => {
    expect(toProviderDigits("+79991234567")).toBe("79991234567");
  });
});
