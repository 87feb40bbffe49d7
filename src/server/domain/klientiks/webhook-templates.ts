export type TKlientiksWebhookEvent =
  "appointment_created" | "online_booking_created" | "appointment_changed";

export type TKlientiksWebhookTemplate = { event: TKlientiksWebhookEvent; address: string };

const CREATION_QUERY =
  "?appointment_id={{#appointment}}{{id}}{{/appointment}}&status={{#new_data}}{{status}}{{/new_data}}";
const CHANGE_QUERY =
  "?appointment_id={{#new_data}}{{id}}{{/new_data}}&status={{#new_data}}{{status}}{{/new_data}}";

/**
 * The exact «Адрес запроса» strings of the product brief (klientiks-contract §12.2) for our URL.
 * Creation events take the id from `appointment`, the change event from `new_data`.
 */
export function buildKlientiksWebhookTemplates(
  webhookUrl: string,
  purpose: "deals" | "widget",
): TKlientiksWebhookTemplate[] {
  if (purpose === "widget")
    return [{ event: "online_booking_created", address: `${webhookUrl}${CREATION_QUERY}` }];
  return [
    { event: "appointment_created", address: `${webhookUrl}${CREATION_QUERY}` },
    { event: "online_booking_created", address: `${webhookUrl}${CREATION_QUERY}` },
    { event: "appointment_changed", address: `${webhookUrl}${CHANGE_QUERY}` },
  ];
}
