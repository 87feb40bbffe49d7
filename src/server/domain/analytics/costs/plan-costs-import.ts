import type { TCampaignMatch } from "./match-campaign";
import type { TCostCsvRow, TCostRowError } from "./parse-costs-csv";

/** What one campaign cost on one day, all of a file's rows for that campaign and day summed. */
export type TDayCost = { campaignId: string; day: string; amountMinor: bigint };

export type TCostsImportPlan =
  { kind: "write"; costs: TDayCost[] } | { kind: "reject"; errors: TCostRowError[] };

/**
 * The day costs a parsed file writes, or every error in it: a row naming no campaign of the
 * workspace joins the parser's errors, and one error anywhere rejects the whole file.
 */
export function planCostsImport(
  parsed: { rows: TCostCsvRow[]; errors: TCostRowError[] },
  matchCampaign: (text: string) => TCampaignMatch,
): TCostsImportPlan {
  const errors = [...parsed.errors];
  const costs = new Map<string, TDayCost>();
  for (const row of parsed.rows) {
    const match = matchCampaign(row.campaign);
    if (typeof match === "string") {
      errors.push({ line: row.line, reason: match, detail: row.campaign });
      continue;
    }
    const key = `${match.campaignId} ${row.day}`;
    const cost = costs.get(key) ?? { campaignId: match.campaignId, day: row.day, amountMinor: 0n };
    costs.set(key, { ...cost, amountMinor: cost.amountMinor + row.amountMinor });
  }
  return errors.length
    ? { kind: "reject", errors: errors.sort((a, b) => a.line - b.line) }
    : { kind: "write", costs: [...costs.values()] };
}
