import { describe, expect, it } from "vitest";

import { colourOfChannel, inStackingOrder } from "./channel-palette";

describe("channel palette", () => {
  it("gives each known channel its own colour and the undefined one grey", () => {
    const channels = ["direct", "organic", "referral", "social", "email", "paid", "other"];
    const colours = channels.map(colourOfChannel);
    expect(new Set(colours).size).toBe(channels.length);
    expect(colours).not.toContain(colourOfChannel(""));
  });

  it("shows a channel it does not know in grey rather than in no colour", () => {
    expect(colourOfChannel("messenger")).toBe(colourOfChannel(""));
  });

  it("stacks known channels in a fixed order, new ones after them by name, once each", () => {
    expect(inStackingOrder(["", "zeta", "organic", "paid", "alpha", "paid"])).toEqual([
      "paid",
      "organic",
      "",
      "alpha",
      "zeta",
    ]);
  });
});
