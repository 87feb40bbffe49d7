import { describe, expect, it } from "vitest";

import {
  doSettingsChangeDeals,
  recomputeDealFields,
  storedAppointmentOf,
} from "@/server/domain/deals/recompute-deal";
import {
  parseKlientiksSettings,
  type TKlientiksSettings,
} from "@/server/domain/klientiks/settings";
import { loadKlientiksFixture } from "@/server/integrations/klientiks/__fixtures__/load-fixture";

// The emulator's appointment as `Deal.raw` stores it: a 2500 haircut, a 1500 styling paid by pack 77, no author.
const raw = (
  loadKlientiksFixture("appointment-emulator.json") as { items: Record<string, unknown> }
).items;
const references = {
  employees: new Map([
    [200001, "Петрова Мария"],
    [200009, "Смирнова Ольга"],
  ]),
  services: new Map<number, string>(),
};
const settings = (deals: Partial<TKlientiksSettings["deals"]> = {}) =>
  parseKlientiksSettings({ deals });

const recompute = (
  stored: Record<string, unknown>,
  dealSettings: Partial<TKlientiksSettings["deals"]>,
) => {
  const appointment = storedAppointmentOf(stored, settings(dealSettings));
  if (!appointment) throw new Error("the fixture has no appointment");
  return recomputeDealFields({
    appointment,
    settings: settings(dealSettings),
    references,
    currency: "RUB",
  });
};

describe("recomputeDealFields", () => {
  it("maps a stored appointment again: the pack-paid line counts at its price, or as 0 with «Учитывать абонемент в сделке»", () => {
    expect(recompute(raw, { excludeSubscriptionVisits: false })).toMatchObject({
      amountMinor: 400_000,
      paidBySubscription: "partial",
    });
    const excluded = recompute(raw, { excludeSubscriptionVisits: true });
    expect(excluded).toMatchObject({ amountMinor: 250_000, paidBySubscription: "partial" });
    expect(
      excluded.services.map((line) => [line.name, line.amountMinor, line.isPaidBySubscription]),
    ).toEqual([
      ["Стрижка", 250_000, false],
      ["Укладка", 0, true],
    ]);
  });

  it("names the author, falling back to the performer, when the author is responsible", () => {
    expect(recompute(raw, { responsible: "executor" })).toMatchObject({
      responsibleId: "200001",
      responsibleName: "Петрова Мария",
      responsibleKind: "executor",
    });
    expect(recompute({ ...raw, author_id: 200009 }, { responsible: "author" })).toMatchObject({
      responsibleId: "200009",
      responsibleName: "Смирнова Ольга",
      responsibleKind: "author",
    });
    expect(recompute(raw, { responsible: "author" })).toMatchObject({
      responsibleId: "200001",
      responsibleKind: "author",
    });
  });

  it("reads nothing from a deal stored without its appointment", () => {
    expect(storedAppointmentOf({}, settings())).toBeNull();
  });
});

describe("doSettingsChangeDeals", () => {
  it("is true for the responsible and the subscription rule, not for the switches or the time zone", () => {
    const base = settings();
    expect(doSettingsChangeDeals(base, settings({ responsible: "author" }))).toBe(true);
    expect(doSettingsChangeDeals(base, settings({ excludeSubscriptionVisits: true }))).toBe(true);
    expect(doSettingsChangeDeals(base, settings({ isEnabled: false }))).toBe(false);
    expect(doSettingsChangeDeals(base, { ...base, accountTimezone: "Asia/Yekaterinburg" })).toBe(
      false,
    );
  });
});
