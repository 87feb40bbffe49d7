import type { TTrafficChannel } from "@/server/domain/analytics/communication";
import { compareCodeUnits } from "@/server/domain/analytics/compare-code-units";

/** One of our sources, with the channel a deal credited to it gets (deal-attribution §7). */
export type TMappedSource = { sourceId: string; channel: TTrafficChannel };

/** The workspace's mapping table, keyed by `normalizeLeadSource` of the client's `lead_source`. */
export type TLeadSourceMapping = ReadonlyMap<string, TMappedSource>;

/**
 * deal-attribution §7: `lead_source` is typed by hand, so «Instagram », «instagram» and «INSTAGRAM»
 * must be one value. Null for a missing or blank value.
 */
export function normalizeLeadSource(raw: string | null): string | null {
  if (raw === null) return null;
  const normalized = raw.trim().replace(/\s+/g, " ").toLowerCase().replace(/ё/g, "е");
  return normalized === "" ? null : normalized;
}

/** The source a client's `lead_source` maps to, or null when it is missing or unmapped. */
export function mapLeadSource(
  raw: string | null,
  mapping: TLeadSourceMapping,
): TMappedSource | null {
  const key = normalizeLeadSource(raw);
  return key === null ? null : (mapping.get(key) ?? null);
}

/** How many deals declare one spelling of `lead_source`, as the settings screen counts them. */
export type TDeclaredLeadSource = {
  leadSource: string;
  dealCount: number;
  /** Of those, the deals whose attribution fell back to the value (no communication counted). */
  fallbackDealCount: number;
};

export type TLeadSourceValue = {
  /** The normalised value, the key a mapping row takes. */
  key: string;
  /** The spelling most of these deals have, to show the owner. */
  label: string;
  dealCount: number;
  fallbackDealCount: number;
  /** The source the value maps to, or null while unmapped. */
  sourceId: string | null;
};

/** The spelling with the most deals; ties go to the first in code-unit order, for a stable screen. */
const mostCommonSpelling = (spellings: ReadonlyMap<string, number>): string =>
  [...spellings].sort(
    ([spellingA, countA], [spellingB, countB]) =>
      countB - countA || compareCodeUnits(spellingA, spellingB),
  )[0]?.[0] ?? "";

/**
 * The settings screen's table (deal-attribution §7): the distinct normalised values the deals'
 * clients declared plus the mapped ones no deal declares (yet), unmapped values first, then the
 * most common, then by key. Blank values are missing, not unmapped, and are left out.
 */
export function listLeadSourceValues(
  declared: Iterable<TDeclaredLeadSource>,
  mapping: ReadonlyMap<string, { sourceId: string }>,
): TLeadSourceValue[] {
  const byKey = new Map<
    string,
    { spellings: Map<string, number>; dealCount: number; fallbackDealCount: number }
  >();
  for (const { leadSource, dealCount, fallbackDealCount } of declared) {
    const key = normalizeLeadSource(leadSource);
    if (key === null) continue;
    const entry = byKey.get(key) ?? { spellings: new Map(), dealCount: 0, fallbackDealCount: 0 };
    const spelling = leadSource.trim();
    entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + dealCount);
    entry.dealCount += dealCount;
    entry.fallbackDealCount += fallbackDealCount;
    byKey.set(key, entry);
  }
  const values = [...byKey].map(([key, entry]) => ({
    key,
    label: mostCommonSpelling(entry.spellings),
    dealCount: entry.dealCount,
    fallbackDealCount: entry.fallbackDealCount,
    sourceId: mapping.get(key)?.sourceId ?? null,
  }));
  for (const [key, { sourceId }] of mapping)
    if (!byKey.has(key))
      values.push({ key, label: key, dealCount: 0, fallbackDealCount: 0, sourceId });
  return values.sort(
    (a, b) =>
      Number(a.sourceId !== null) - Number(b.sourceId !== null) ||
      b.dealCount - a.dealCount ||
      compareCodeUnits(a.key, b.key),
  );
}
