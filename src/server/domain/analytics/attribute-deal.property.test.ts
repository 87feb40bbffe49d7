import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  communication,
  DAY_MS,
  DEAL_CREATED_AT,
} from "@/server/domain/analytics/__fixtures__/communications";
import { attributeDeal, type TDealAttribution } from "@/server/domain/analytics/attribute-deal";
import type { TAttributionModel } from "@/server/domain/analytics/attribution-models";
import {
  compareCommunications,
  type TCommunication,
  type TTrafficChannel,
} from "@/server/domain/analytics/communication";
import { isDirectTraffic } from "@/server/domain/analytics/direct-traffic";

const DEAL_ID = "deal_1";
const WINDOW_DAYS = 90;
const WINDOW_START = DEAL_CREATED_AT.getTime() - WINDOW_DAYS * DAY_MS;
const MODELS: TAttributionModel[] = ["last_non_direct", "first", "last"];

/**
 * Times around the window: its edges and the deal's instant often (so ties and edges come up),
 * anything from well before the window to after the deal otherwise.
 */
const arbitraryTime = fc
  .oneof(
    fc.constantFrom(WINDOW_START - 1, WINDOW_START, DEAL_CREATED_AT.getTime() - 1),
    fc.constantFrom(DEAL_CREATED_AT.getTime(), DEAL_CREATED_AT.getTime() + 1),
    fc.integer({ min: WINDOW_START - 10 * DAY_MS, max: DEAL_CREATED_AT.getTime() + 2 * DAY_MS }),
  )
  .map((ms) => new Date(ms));

const arbitraryCommunication = (id: string): fc.Arbitrary<TCommunication> =>
  fc
    .record({
      kind: fc.constantFrom<TCommunication["kind"]>("widget_lead", "call"),
      at: arbitraryTime,
      // Mostly unlinked, as most of a client's communications are: an own booking counts whatever
      // its time, and too many of them would hide the window's edges.
      dealId: fc.oneof(
        { arbitrary: fc.constant(null), weight: 6 },
        { arbitrary: fc.constantFrom(DEAL_ID, "deal_2"), weight: 1 },
      ),
      isWorkspaceDefault: fc.boolean(),
      channel: fc.option(
        fc.constantFrom<TTrafficChannel>("direct", "organic", "paid", "social", "other"),
      ),
      sourceId: fc.option(fc.constantFrom("src_a", "src_b")),
      utmSource: fc.option(fc.constantFrom("yandex", "vk")),
    })
    .map(({ kind, at, ...fields }) => communication(kind, id, at, fields));

/** A client's history: unique ids (as rows have), few enough that ties on time are common. */
const arbitraryHistory: fc.Arbitrary<TCommunication[]> = fc
  .uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"), { maxLength: 8 })
  .chain((ids) => fc.tuple(...ids.map(arbitraryCommunication)));

const attribute = (communications: readonly TCommunication[], model: TAttributionModel) =>
  attributeDeal({
    deal: { id: DEAL_ID, createdAt: DEAL_CREATED_AT, clientLeadSource: null },
    communications,
    settings: { model, windowDays: WINDOW_DAYS, leadSourceMapping: new Map() },
  });

const creditedIn = (
  communications: readonly TCommunication[],
  attribution: TDealAttribution,
): TCommunication | undefined =>
  communications.find(
    ({ kind, id }) => kind === attribution.credited?.kind && id === attribution.credited.id,
  );

const counts = ({ at, dealId }: TCommunication): boolean =>
  dealId === DEAL_ID || (at.getTime() >= WINDOW_START && at.getTime() < DEAL_CREATED_AT.getTime());

describe("attributeDeal, properties (deal-attribution §2–§6)", () => {
  it("credits a communication before the deal and inside the window, or the deal's own booking", () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.constantFrom(...MODELS), (history, model) => {
        const credited = creditedIn(history, attribute(history, model));
        if (credited) expect(counts(credited)).toBe(true);
      }),
    );
  });

  it("credits some communication exactly when one counts", () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.constantFrom(...MODELS), (history, model) => {
        const attribution = attribute(history, model);
        expect(attribution.credited !== null).toBe(history.some(counts));
        if (attribution.credited) expect(creditedIn(history, attribution)).toBeDefined();
        else expect(attribution.rule).toBe("undetermined");
      }),
    );
  });

  it("first is never later than last", () => {
    fc.assert(
      fc.property(arbitraryHistory, (history) => {
        const first = creditedIn(history, attribute(history, "first"));
        const last = creditedIn(history, attribute(history, "last"));
        if (!first || !last) return;
        expect(first.at.getTime()).toBeLessThanOrEqual(last.at.getTime());
        expect(compareCommunications(first, last)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("last non-direct takes the latest non-direct one, and falls back only when all are direct", () => {
    fc.assert(
      fc.property(arbitraryHistory, (history) => {
        const attribution = attribute(history, "last_non_direct");
        const credited = creditedIn(history, attribution);
        if (!credited) return;
        const counting = history.filter(counts);
        const nonDirect = counting.filter((candidate) => !isDirectTraffic(candidate));
        if (nonDirect.length === 0) {
          expect(attribution.rule).toBe("last_non_direct_fell_back_to_direct");
          expect(attribution).toEqual({ ...attribute(history, "last"), rule: attribution.rule });
          return;
        }
        expect(attribution.rule).toBe("last_non_direct");
        expect(isDirectTraffic(credited)).toBe(false);
        for (const other of nonDirect)
          expect(compareCommunications(other, credited)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("does not depend on the order of the communications", () => {
    fc.assert(
      fc.property(
        arbitraryHistory.chain((history) =>
          fc.tuple(
            fc.constant(history),
            fc.shuffledSubarray(history, { minLength: history.length }),
          ),
        ),
        fc.constantFrom(...MODELS),
        ([history, shuffled], model) => {
          expect(attribute(shuffled, model)).toEqual(attribute(history, model));
        },
      ),
    );
  });
});
