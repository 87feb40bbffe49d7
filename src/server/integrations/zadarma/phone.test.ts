import { describe, expect, it } from "vitest";

import { toCallPhone } from "./phone";

describe("toCallPhone", () => {
  it.each([
    ["international digits without +", "79031234501", "+79031234501"],
    ["already E.164", "+79031234501", "+79031234501"],
    ["Russian trunk 8 + ten digits", "89031234501", "+79031234501"],
    ["Moscow landline", "74951234567", "+74951234567"],
    ["a foreign number", "442037691880", "+442037691880"],
    ["a German number", "4930123456789", "+4930123456789"],
    ["punctuation around digits", "+7 (903) 123-45-01", "+79031234501"],
  ])("%s: %j → %j", (_, raw, expected) => {
    expect(toCallPhone(raw)).toBe(expected);
  });

  it.each([
    ["a PBX extension", "101"],
    ["a short service number", "112"],
    ["anonymous", "anonymous"],
    ["a SIP address", "sip:100@pbx.example"],
    ["digits that are no possible phone", "7000000000000000"],
  ])("keeps %s as given", (_, raw) => {
    expect(toCallPhone(raw)).toBe(raw);
  });

  it("is null for nothing", () => {
    expect(toCallPhone("")).toBeNull();
    expect(toCallPhone("   ")).toBeNull();
    expect(toCallPhone(undefined)).toBeNull();
  });
});
