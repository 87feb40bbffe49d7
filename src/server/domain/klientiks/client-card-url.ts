import { z } from "zod";

/**
 * Where a client's card opens in Klientiks. Klientiks documents no such address (klientiks-contract
 * §15: no telephony API), so it is a per-connection setting; `{base}` is the Klientiks address the
 * app talks to (KLIENTIKS_BASE_URL), `{id}` the client's Klientiks id, `{account}` the account id.
 */
export const DEFAULT_CLIENT_CARD_URL_TEMPLATE = "{base}/app/clients/{id}";

const PLACEHOLDERS = ["base", "id", "account"] as const;
const PLACEHOLDER = /\{([a-z]+)\}/g;

/** The template as an owner types it: an http(s) address or `{base}…`, carrying `{id}`, with no other placeholders. */
export const ZClientCardUrlTemplateSchema = z
  .string()
  .trim()
  .max(500, "tooLong")
  .refine((template) => template.includes("{id}"), "clientCardUrlNeedsId")
  .refine(
    (template) =>
      [...template.matchAll(PLACEHOLDER)].every((match) =>
        (PLACEHOLDERS as readonly string[]).includes(match[1]!),
      ),
    "clientCardUrlInvalid",
  )
  .refine(
    (template) =>
      buildKlientiksClientUrl(template, {
        baseUrl: "https://klientiks.ru",
        clientId: "1",
        accountId: "a",
      }) !== null,
    "clientCardUrlInvalid",
  );

/**
 * The client's card in Klientiks, or null when the template does not make an http(s) address. The
 * values are percent-encoded (an id never changes the path's shape); the base is used as given.
 */
export function buildKlientiksClientUrl(
  template: string,
  { baseUrl, clientId, accountId }: { baseUrl: string; clientId: string; accountId: string },
): string | null {
  const values: Record<string, string> = {
    base: baseUrl.replace(/\/+$/, ""),
    id: encodeURIComponent(clientId),
    account: encodeURIComponent(accountId),
  };
  const text = template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
