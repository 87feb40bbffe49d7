/** Why an amount was refused; also the reason shown for a CSV row (docs/analytics-costs.md §3). */
export type TAmountProblem = "amountEmpty" | "amountNotNumber" | "amountNegative" | "amountTooBig";

/** Roubles (or the workspace currency) a person may type: a billion is more than any ad budget here. */
const MAX_AMOUNT_MINOR = 100_000_000_000n;

/** Spaces Excel and LibreOffice put between thousands: plain, no-break, narrow no-break, thin. */
const DIGIT_GROUP_SPACES = /[\s\u00a0\u202f\u2009]/g;
const AMOUNT = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/;

/**
 * «1 234,50», «1234.5», «15000» as minor units (kopecks). The decimal mark may be a comma or a dot
 * (Excel in Russia writes a comma); at most two decimals, since a cost is money, not a rate.
 */
export function parseAmountMinor(text: string): bigint | TAmountProblem {
  const compact = text.replace(DIGIT_GROUP_SPACES, "");
  if (compact === "") return "amountEmpty";
  const match = AMOUNT.exec(compact);
  if (!match) return "amountNotNumber";
  const [, sign, whole, fraction = ""] = match;
  const minor = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, "0") || "0");
  if (sign && minor > 0n) return "amountNegative";
  return minor > MAX_AMOUNT_MINOR ? "amountTooBig" : minor;
}

export const isAmountProblem = (value: bigint | TAmountProblem): value is TAmountProblem =>
  typeof value === "string";
