import { describe, expect, it } from "vitest";

import {
  formatCompact,
  formatCompactMoney,
  formatCount,
  formatPercent,
  formatShortDay,
  shortenLabel,
} from "./chart-formats";

/** Intl separates groups and the percent sign with no-break spaces; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("chart formats", () => {
  it("labels a day by its date and short month in the locale, whatever the zone", () => {
    expect(formatShortDay("2026-12-03", "ru")).toBe("3 дек.");
    expect(formatShortDay("2026-12-03", "en")).toBe("Dec 3");
    expect(formatShortDay("2027-01-01", "en")).toBe("Jan 1");
  });

  it("shows a fraction as a percentage with at most one decimal, and «—» for none", () => {
    expect(plain(formatPercent(0.125, "ru"))).toBe("12,5 %");
    expect(formatPercent(-0.5, "en")).toBe("-50%");
    expect(formatPercent(null, "ru")).toBe("—");
  });

  it("groups thousands in counts", () => {
    expect(plain(formatCount(12_345, "ru"))).toBe("12 345");
  });

  it("shortens large axis values", () => {
    expect(plain(formatCompact(1_200_000, "ru"))).toBe("1,2 млн");
    expect(formatCompact(15_000, "en")).toBe("15K");
  });

  it("shortens money axis values from kopecks, with the currency", () => {
    expect(plain(formatCompactMoney(400_000, "RUB", "ru"))).toBe("4 тыс. ₽");
    expect(formatCompactMoney(125_000_000, "RUB", "en")).toBe("₽1.3M");
    expect(formatCompactMoney(400_000, "not a currency", "en")).toBe("4K");
  });

  it("cuts a long bar label with an ellipsis and leaves a short one whole", () => {
    expect(shortenLabel("Весна")).toBe("Весна");
    const cut = shortenLabel("Яндекс Директ · весенняя акция на окрашивание");
    expect(cut).toHaveLength(24);
    expect(cut.endsWith("…")).toBe(true);
  });
});
