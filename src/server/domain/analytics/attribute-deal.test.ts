import { describe, expect, it } from "vitest";

import {
  AD_TRAFFIC,
  call,
  communication,
  DAY_MS,
  daysBeforeDeal,
  DEAL_CREATED_AT,
  directLead,
  widgetLead,
} from "@/server/domain/analytics/__fixtures__/communications";
import {
  attributeDeal,
  type TAttributionSettings,
  type TDealToAttribute,
} from "@/server/domain/analytics/attribute-deal";
import {
  DEFAULT_ATTRIBUTION_MODEL,
  type TAttributionModel,
} from "@/server/domain/analytics/attribution-models";
import { DEFAULT_ATTRIBUTION_WINDOW_DAYS } from "@/server/domain/analytics/attribution-window";
import { NO_TRAFFIC_FIELDS, type TCommunication } from "@/server/domain/analytics/communication";
import type { TLeadSourceMapping } from "@/server/domain/analytics/lead-source-mapping";

const DEAL: TDealToAttribute = { id: "deal_1", createdAt: DEAL_CREATED_AT, clientLeadSource: null };

const MAPPING: TLeadSourceMapping = new Map([
  ["instagram", { sourceId: "src_social", channel: "social" }],
]);

const settings = (overrides: Partial<TAttributionSettings> = {}): TAttributionSettings => ({
  model: DEFAULT_ATTRIBUTION_MODEL,
  windowDays: DEFAULT_ATTRIBUTION_WINDOW_DAYS,
  leadSourceMapping: MAPPING,
  ...overrides,
});

const attribute = (
  communications: TCommunication[],
  overrides: { deal?: Partial<TDealToAttribute>; settings?: Partial<TAttributionSettings> } = {},
) =>
  attributeDeal({
    deal: { ...DEAL, ...overrides.deal },
    communications,
    settings: settings(overrides.settings),
  });

/** The id and rule of the answer, which is what most cases are about. */
const creditOf = (
  communications: TCommunication[],
  model: TAttributionModel = DEFAULT_ATTRIBUTION_MODEL,
  windowDays = DEFAULT_ATTRIBUTION_WINDOW_DAYS,
) => {
  const { credited, rule } = attribute(communications, { settings: { model, windowDays } });
  return { id: credited?.id ?? null, rule };
};

describe("attributeDeal: the models (deal-attribution §5)", () => {
  const history = [
    widgetLead("lead_ad_old", daysBeforeDeal(40), { utmCampaign: "winter" }),
    widgetLead("lead_ad_new", daysBeforeDeal(10), { utmCampaign: "spring" }),
    directLead("lead_direct", daysBeforeDeal(2)),
    call("call_1", daysBeforeDeal(1)),
  ];

  it("last non-direct skips the later direct lead and call for the latest ad lead", () => {
    expect(creditOf(history)).toEqual({ id: "lead_ad_new", rule: "last_non_direct" });
  });

  it("first credits the earliest communication", () => {
    expect(creditOf(history, "first")).toEqual({ id: "lead_ad_old", rule: "first" });
  });

  it("last credits the latest communication, direct or not", () => {
    expect(creditOf(history, "last")).toEqual({ id: "call_1", rule: "last" });
  });

  it("copies the credited communication's traffic fields and names it", () => {
    expect(attribute(history)).toEqual({
      rule: "last_non_direct",
      credited: { kind: "widget_lead", id: "lead_ad_new" },
      leadSource: null,
      ...AD_TRAFFIC,
    });
  });

  it("a credited direct communication copies its fields as they are", () => {
    const attribution = attribute([directLead("lead_direct", daysBeforeDeal(1))]);
    expect(attribution).toMatchObject({
      rule: "last_non_direct_fell_back_to_direct",
      sourceId: "src_direct",
      channel: "direct",
      utmSource: null,
    });
  });
});

describe("attributeDeal: direct-only histories (deal-attribution §4, §5)", () => {
  it("last non-direct falls back to the latest direct communication", () => {
    const history = [
      directLead("lead_direct", daysBeforeDeal(5)),
      call("call_1", daysBeforeDeal(3)),
    ];
    expect(creditOf(history)).toEqual({
      id: "call_1",
      rule: "last_non_direct_fell_back_to_direct",
    });
  });

  it("a lead without any traffic data is direct", () => {
    const bare = communication("widget_lead", "lead_bare", daysBeforeDeal(1), {
      siteId: "site_1",
    });
    expect(creditOf([bare])).toEqual({
      id: "lead_bare",
      rule: "last_non_direct_fell_back_to_direct",
    });
  });

  it("a lead credited to the workspace's default gives way to an older observed source", () => {
    const history = [
      widgetLead("lead_ad", daysBeforeDeal(30)),
      widgetLead("lead_default", daysBeforeDeal(1), {
        sourceId: "src_instagram",
        channel: "social",
        isWorkspaceDefault: true,
      }),
    ];
    expect(creditOf(history)).toEqual({ id: "lead_ad", rule: "last_non_direct" });
  });

  it("any UTM tag or source makes a communication non-direct", () => {
    const tagged = communication("widget_lead", "lead_tagged", daysBeforeDeal(1), {
      utmTerm: "стрижка",
    });
    expect(creditOf([call("call_1", daysBeforeDeal(0.5)), tagged])).toEqual({
      id: "lead_tagged",
      rule: "last_non_direct",
    });
  });
});

describe("attributeDeal: the window (deal-attribution §3)", () => {
  it("defaults to last non-direct over 90 days", () => {
    expect([DEFAULT_ATTRIBUTION_MODEL, DEFAULT_ATTRIBUTION_WINDOW_DAYS]).toEqual([
      "last_non_direct",
      90,
    ]);
  });

  it("counts a communication exactly windowDays before the deal", () => {
    expect(creditOf([widgetLead("lead_edge", daysBeforeDeal(90))])).toEqual({
      id: "lead_edge",
      rule: "last_non_direct",
    });
  });

  it("drops one a millisecond earlier", () => {
    const justOver = new Date(daysBeforeDeal(90).getTime() - 1);
    expect(creditOf([widgetLead("lead_old", justOver)]).rule).toBe("undetermined");
  });

  it("follows the workspace's window", () => {
    const lead = widgetLead("lead_1", daysBeforeDeal(8));
    expect(creditOf([lead], "last_non_direct", 7).rule).toBe("undetermined");
    expect(creditOf([lead], "last_non_direct", 8).id).toBe("lead_1");
  });

  it("first is bounded by the window too", () => {
    const history = [
      widgetLead("lead_outside", daysBeforeDeal(91)),
      widgetLead("lead_inside", daysBeforeDeal(89)),
    ];
    expect(creditOf(history, "first").id).toBe("lead_inside");
  });

  it.each([0, -1, 366, 1.5, Number.NaN])("refuses a window of %s days", (windowDays) => {
    expect(() => creditOf([], "last", windowDays)).toThrow(RangeError);
  });
});

describe("attributeDeal: communications at or after the deal (deal-attribution §2)", () => {
  it("ignores a communication at the deal's instant and after it", () => {
    const history = [
      widgetLead("lead_before", daysBeforeDeal(3)),
      widgetLead("lead_same_instant", DEAL_CREATED_AT),
      widgetLead("lead_after", new Date(DEAL_CREATED_AT.getTime() + DAY_MS)),
    ];
    expect(creditOf(history, "last")).toEqual({ id: "lead_before", rule: "last" });
  });

  it("the deal's own booking counts at the deal's instant", () => {
    const own = widgetLead("lead_own", DEAL_CREATED_AT, { dealId: DEAL.id });
    expect(creditOf([widgetLead("lead_before", daysBeforeDeal(3)), own], "last").id).toBe(
      "lead_own",
    );
  });

  it("the deal's own booking counts even when its clock is later than the deal's", () => {
    const own = widgetLead("lead_own", new Date(DEAL_CREATED_AT.getTime() + 5_000), {
      dealId: DEAL.id,
    });
    expect(creditOf([own])).toEqual({ id: "lead_own", rule: "last_non_direct" });
  });

  it("a direct own booking gives way to an earlier ad under last non-direct", () => {
    const own = directLead("lead_own", DEAL_CREATED_AT, { dealId: DEAL.id });
    expect(creditOf([widgetLead("lead_ad", daysBeforeDeal(20)), own]).id).toBe("lead_ad");
  });

  it("another deal's booking after this deal is still ignored", () => {
    const later = widgetLead("lead_other", daysBeforeDeal(-1), { dealId: "deal_2" });
    expect(creditOf([later]).rule).toBe("undetermined");
  });
});

describe("attributeDeal: ties (deal-attribution §6)", () => {
  const instant = daysBeforeDeal(1);

  it("at the same instant a widget lead is later than a call", () => {
    const history = [widgetLead("lead_1", instant), call("call_1", instant)];
    expect(creditOf(history, "last").id).toBe("lead_1");
    expect(creditOf(history, "first").id).toBe("call_1");
  });

  it("between the same kind, the id decides in code-unit order", () => {
    const history = [widgetLead("lead_b", instant), widgetLead("lead_B", instant)];
    expect(creditOf(history, "last").id).toBe("lead_b");
    expect(creditOf(history, "first").id).toBe("lead_B");
    expect(creditOf([...history].reverse(), "last").id).toBe("lead_b");
  });
});

describe("attributeDeal: the client's declared source (deal-attribution §7)", () => {
  it("maps the client's lead_source when no communication counts", () => {
    expect(attribute([], { deal: { clientLeadSource: "  INSTAGRAM " } })).toEqual({
      rule: "client_lead_source",
      credited: null,
      leadSource: "INSTAGRAM",
      ...NO_TRAFFIC_FIELDS,
      sourceId: "src_social",
      channel: "social",
    });
  });

  it("an unmapped lead_source is undetermined and keeps the value", () => {
    expect(attribute([], { deal: { clientLeadSource: "Авито" } })).toMatchObject({
      rule: "undetermined",
      credited: null,
      leadSource: "Авито",
      sourceId: null,
      channel: null,
    });
  });

  it.each([null, "", "   "])("a missing lead_source (%j) is undetermined", (clientLeadSource) => {
    expect(attribute([], { deal: { clientLeadSource } })).toMatchObject({
      rule: "undetermined",
      leadSource: null,
    });
  });

  it("is used when communications exist but none counts", () => {
    const history = [
      widgetLead("lead_old", daysBeforeDeal(120)),
      call("call_after", daysBeforeDeal(-2)),
    ];
    expect(attribute(history, { deal: { clientLeadSource: "instagram" } }).rule).toBe(
      "client_lead_source",
    );
  });

  it("is not looked at when a communication counts, even a direct one", () => {
    const attribution = attribute([call("call_1", daysBeforeDeal(1))], {
      deal: { clientLeadSource: "Instagram" },
    });
    expect(attribution).toMatchObject({
      rule: "last_non_direct_fell_back_to_direct",
      leadSource: null,
      sourceId: null,
    });
  });

  it.each<TAttributionModel>(["last_non_direct", "first", "last"])(
    "an empty history with no lead_source is undetermined under %s",
    (model) => {
      expect(attribute([], { settings: { model } }).rule).toBe("undetermined");
    },
  );
});
