// The npm package, not Node's deprecated core module of the same name (the trailing slash says so).
import { decode } from "punycode/";

const ACE_PREFIX = "xn--";

/** A label's Unicode form, or the label as stored when it is not valid Punycode. */
function labelToUnicode(label: string): string {
  if (!label.toLowerCase().startsWith(ACE_PREFIX)) return label;
  try {
    return decode(label.slice(ACE_PREFIX.length).toLowerCase());
  } catch {
    return label;
  }
}

/**
 * A stored domain as people type it: sites keep the one canonical ASCII form the tracker compares
 * (`xn----7sb7abifdatij.xn--p1ai`, see site-domain.ts) and show it in Unicode (`салон-лотос.рф`).
 * Browsers have no IDN decoder, so this runs in both; a label that is not valid Punycode stays as stored.
 */
export const formatDomain = (domain: string): string =>
  domain.split(".").map(labelToUnicode).join(".");
