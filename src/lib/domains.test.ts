import { domainToASCII, domainToUnicode } from "node:url";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { formatDomain } from "@/lib/domains";

describe("formatDomain", () => {
  it("shows an IDN domain in Unicode and leaves ASCII ones alone", () => {
    expect(formatDomain("xn----7sb7abifdatij.xn--p1ai")).toBe("салон-лотос.рф");
    expect(formatDomain("shop.xn--80awgdm.xn--p1ai")).toBe("shop.салон.рф");
    expect(formatDomain("salon-leto.ru")).toBe("salon-leto.ru");
    expect(formatDomain("localhost")).toBe("localhost");
  });

  it("keeps a label that is not valid Punycode as stored", () => {
    expect(formatDomain("xn--!!.ru")).toBe("xn--!!.ru");
    expect(formatDomain("xn--9.ru")).toBe("xn--9.ru");
  });

  it("reads back whatever Node's IDNA encoder writes", () => {
    const letter = fc.constantFrom(
      ..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяäöüßéçñ中文日本語한국어αβγ0123456789abcxyz",
    );
    const label = fc
      .array(letter, { minLength: 1, maxLength: 20 })
      .map((letters) => letters.join(""));
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), (labels) => {
        const ascii = domainToASCII(`${labels.join(".")}.рф`);
        fc.pre(ascii !== "");
        expect(formatDomain(ascii)).toBe(domainToUnicode(ascii));
      }),
    );
  });
});
