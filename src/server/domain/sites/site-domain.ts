/** A DNS label of a host name (letters, digits, hyphens inside; underscores, which some hosts carry). */
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * A site's domain as we store and compare it: the lower-case ASCII host of whatever the admin typed
 * ("https://www.Салон.рф/path" → "xn--80awgdm.xn--p1ai"), without `www.`, port or path: one
 * canonical form whichever way an IDN was typed, shown in Unicode again by `formatDomain`
 * (src/lib/domains.ts). `localhost` and IPv4 addresses are accepted so that a page served locally
 * can be tracked in development. Returns null when the input is not a host, a wildcard included:
 * a site's subdomains are its own already (`isHostOfSite`), so `*.salon.ru` would add nothing and
 * the URL parser would otherwise keep the `*` as a literal label.
 */
export function normalizeSiteDomain(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "" || /\s/.test(trimmed)) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`)
      .hostname;
  } catch {
    return null;
  }
  host = host
    .toLowerCase()
    .replace(/^www\./, "")
    .replace(/\.$/, "");
  if (host.length > 253 || !host.split(".").every((label) => HOST_LABEL.test(label))) return null;
  return host === "localhost" || host.includes(".") ? host : null;
}

/** The host named by an `Origin` or `Referer` header value, or null when there is none. */
export function hostOfOrigin(value: string | null): string | null {
  if (!value || value === "null") return null;
  try {
    return new URL(value).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** The site itself and its subdomains (www., m., …) may send hits; any port is fine. */
export const isHostOfSite = (host: string, siteDomain: string): boolean =>
  host === siteDomain || host.endsWith(`.${siteDomain}`);
