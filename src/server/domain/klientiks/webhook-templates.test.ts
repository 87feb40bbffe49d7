import { describe, expect, it } from "vitest";

import { buildKlientiksWebhookTemplates } from "@/server/domain/klientiks/webhook-templates";

describe("buildKlientiksWebhookTemplates", () => {
  it("gives the brief's exact addresses: creation events read `appointment`, the change event reads `new_data`", () => {
    const url = "https://svyaz.example/api/webhooks/klientiks/abc";
    expect(buildKlientiksWebhookTemplates(url, "deals")).toEqual([
      {
        event: "appointment_created",
        address: `${url}?appointment_id={{#appointment}}{{id}}{{/appointment}}&status={{#new_data}}{{status}}{{/new_data}}`,
      },
      {
        event: "online_booking_created",
        address: `${url}?appointment_id={{#appointment}}{{id}}{{/appointment}}&status={{#new_data}}{{status}}{{/new_data}}`,
      },
      {
        event: "appointment_changed",
        address: `${url}?appointment_id={{#new_data}}{{id}}{{/new_data}}&status={{#new_data}}{{status}}{{/new_data}}`,
      },
    ]);
  });

  it("subscribes the widget integration to online bookings only", () => {
    expect(
      buildKlientiksWebhookTemplates("https://x/w", "widget").map((template) => template.event),
    ).toEqual(["online_booking_created"]);
  });
});
