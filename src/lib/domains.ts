// RFC 3492 (Punycode) parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_CODE_POINT = 128;
const MAX_CODE_POINT = 0x10ffff;
const ACE_PREFIX = "xn--";

function adaptBias(delta: number, pointCount: number, isFirst: boolean): number {
  let scaled = isFirst ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  scaled += Math.floor(scaled / pointCount);
  let k = 0;
  for (; scaled > ((BASE - T_MIN) * T_MAX) / 2; k += BASE) scaled = Math.floor(scaled / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * scaled) / (scaled + SKEW));
}

/** A Punycode digit: a–z are 0–25, 0–9 are 26–35; anything else is not a digit. */
function digitOf(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  return BASE;
}

/** The Unicode of one Punycode label (without `xn--`), or null when it is not valid Punycode. */
function decodeLabel(encoded: string): string | null {
  const delimiter = encoded.lastIndexOf("-");
  const codePoints = delimiter > 0 ? [...encoded.slice(0, delimiter)].map((char) => char.codePointAt(0) ?? 0) : [];
  let codePoint = INITIAL_CODE_POINT;
  let bias = INITIAL_BIAS;
  let position = 0;
  for (let index = delimiter > 0 ? delimiter + 1 : 0; index < encoded.length;) {
    const previous = position;
    for (let weight = 1, k = BASE; ; k += BASE) {
      const digit = index < encoded.length ? digitOf(encoded[index++] ?? "") : BASE;
      if (digit >= BASE) return null;
      position += digit * weight;
      const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < threshold) break;
      weight *= BASE - threshold;
    }
    const length = codePoints.length + 1;
    bias = adaptBias(position - previous, length, previous === 0);
    codePoint += Math.floor(position / length);
    position %= length;
    if (codePoint > MAX_CODE_POINT) return null;
    codePoints.splice(position, 0, codePoint);
    position += 1;
  }
  return String.fromCodePoint(...codePoints);
}

/**
 * A stored domain as people type it: sites keep the one canonical ASCII form the tracker compares
 * (`xn----7sb7abifdatij.xn--p1ai`, see site-domain.ts) and show it in Unicode (`салон-лотос.рф`).
 * Browsers have no IDN decoder, so this is RFC 3492's; a label that is not valid Punycode stays as stored.
 */
export function formatDomain(domain: string): string {
  return domain.split(".").map((label) => (label.toLowerCase().startsWith(ACE_PREFIX) ? (decodeLabel(label.slice(ACE_PREFIX.length).toLowerCase()) ?? label) : label)).join(".");
}
