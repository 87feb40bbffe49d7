// Sections (§) are those of docs/klientiks-contract.md.
import { describe, expect, it } from "vitest";

import { findKlientiksLeadTag } from "./lead-tag";
import { createKlientiksNormalizer } from "./normalize";
import type { TKlientiksAppointment, TKlientiksClient } from "./types";

const normalizer = createKlientiksNormalizer({
  timeZone: "Europe/Moscow",
  onWarning: () => undefined,
});
const appointment = (raw: Record<string, unknown>): TKlientiksAppointment => {
  const parsed = normalizer.toAppointment({ id: 1, ...raw });
  if (parsed === null) throw new Error("fixture appointment must parse");
  return parsed;
};
const client = (raw: Record<string, unknown>): TKlientiksClient => {
  const parsed = normalizer.toClient({ id: 2, ...raw });
  if (parsed === null) throw new Error("fixture client must parse");
  return parsed;
};

describe("findKlientiksLeadTag (§13.3)", () => {
  it("takes the appointment's flattened lead first, trimmed", () => {
    expect(
      findKlientiksLeadTag(
        appointment({ lead: " Instagram ", json_data: '{"lead":"VK"}' }),
        client({ lead: "Site" }),
      ),
    ).toBe("Instagram");
  });

  it("falls back to the appointment's json_data, then to the client", () => {
    expect(
      findKlientiksLeadTag(appointment({ json_data: '{"lead":"VK"}' }), client({ lead: "Site" })),
    ).toBe("VK");
    expect(
      findKlientiksLeadTag(appointment({ lead: "   " }), client({ json_data: '{"lead":"Site"}' })),
    ).toBe("Site");
  });

  it("returns null when no source has a non-empty string", () => {
    expect(
      findKlientiksLeadTag(appointment({ lead: 5, json_data: "{oops" }), client({ lead: "" })),
    ).toBeNull();
    expect(findKlientiksLeadTag(appointment({}), null)).toBeNull();
  });
});
