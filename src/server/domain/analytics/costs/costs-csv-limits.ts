/**
 * The CSV import's limits (docs/analytics-costs.md §3), also checked in the browser before an
 * upload. The file travels as one tRPC body, which the server caps at 256 KB, so the file is capped
 * below that with room for JSON escaping; a year of daily costs for a dozen campaigns is ~150 KB.
 */
export const MAX_COSTS_CSV_BYTES = 192 * 1024;
export const MAX_COSTS_CSV_ROWS = 10_000;
