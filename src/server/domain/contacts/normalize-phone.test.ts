import { describe, expect, it } from "vitest";

import { normalizePhoneE164 } from "@/server/domain/contacts/normalize-phone";

describe("normalizePhoneE164", () => {
  it.each([
    ["79991234567", "+79991234567"],
    ["8 (999) 123-45-67", "+79991234567"],
    ["+7 999 123 45 67", "+79991234567"],
    ["9991234567", "+79991234567"],
    ["+375291234567", "+375291234567"],
  ])("%s → %s", (input, expected) => expect(normalizePhoneE164(input)).toBe(expected));

  it.each(["", "123", "abc", null, undefined])("rejects %s", (input) =>
    expect(normalizePhoneE164(input)).toBeNull(),
  );
});
