import { describe, expect, it } from "vitest";

import { formatMoney } from "@/lib/format-money";

/** Intl separates groups and the symbol with no-break spaces; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("shows whole roubles without kopecks", () => {
    expect(plain(formatMoney(250_000, "RUB", "ru"))).toBe("2 500 ₽");
  });

  it("keeps kopecks when there are any", () => {
    expect(plain(formatMoney(120_050, "RUB", "ru"))).toBe("1 200,50 ₽");
  });

  it("follows the locale and the deal currency", () => {
    expect(formatMoney(250_000, "RUB", "en")).toBe("₽2,500");
    expect(plain(formatMoney(1_000_000, "KZT", "ru"))).toBe("10 000 ₸");
  });

  it("formats zero", () => {
    expect(plain(formatMoney(0, "RUB", "ru"))).toBe("0 ₽");
  });

  it("still shows the amount for a malformed currency code", () => {
    expect(formatMoney(150, "rubles", "ru")).toBe("1.50 rubles");
  });
});
