/**
 * Plain code-unit order for tie-breaks (deal-attribution §6): the same answer on every machine,
 * whatever its locale, unlike `localeCompare`.
 */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
