/** Share of the values' range added left of the lowest negative value for its label. */
const NEGATIVE_LABEL_ROOM = 0.25;

/**
 * The value axis of horizontal bars, always through zero. A negative bar's label sits left of its
 * end, so the axis reaches further left by a share of the whole range, enough for the label
 * however short the bar; positive bars' labels get the chart's right margin instead.
 */
export function valueAxisDomain(values: number[]): [number, number] {
  const lowest = Math.min(0, ...values);
  const highest = Math.max(0, ...values);
  const room = lowest < 0 ? (highest - lowest) * NEGATIVE_LABEL_ROOM : 0;
  return [lowest - room, highest];
}
