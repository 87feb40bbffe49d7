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

export type TUnmappedLeadSource = {
  /** The normalised value, the key a new mapping row takes. */
  key: string;
  /** The spelling most of these clients have, to show the owner. */
  label: string;
  clientCount: number;
};

/** The spelling with the most clients; ties go to the first in code-unit order, for a stable screen. */
const mostCommonSpelling = (spellings: ReadonlyMap<string, number>): string =>
  [...spellings].sort(
    ([spellingA, countA], [spellingB, countB]) =>
      countB - countA || compareCodeUnits(spellingA, spellingB),
  )[0]?.[0] ?? "";

/**
 * The distinct `lead_source` values of `clients` that the mapping does not map, for the settings
 * screen (deal-attribution §7): the most common first, then by key. Blank values are missing, not
 * unmapped, and are left out.
 */
export function listUnmappedLeadSources(
  clients: Iterable<{ leadSource: string | null }>,
  mapping: TLeadSourceMapping,
): TUnmappedLeadSource[] {
  const spellingsByKey = new Map<string, Map<string, number>>();
  for (const { leadSource } of clients) {
    const key = normalizeLeadSource(leadSource);
    if (key === null || leadSource === null || mapping.has(key)) continue;
    const spellings = spellingsByKey.get(key) ?? new Map<string, number>();
    const spelling = leadSource.trim();
    spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
    spellingsByKey.set(key, spellings);
  }
  return [...spellingsByKey]
    .map(([key, spellings]) => ({
      key,
      label: mostCommonSpelling(spellings),
      clientCount: [...spellings.values()].reduce((sum, count) => sum + count, 0),
    }))
    .sort((a, b) => b.clientCount - a.clientCount || compareCodeUnits(a.key, b.key));
}
