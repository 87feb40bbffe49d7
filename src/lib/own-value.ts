/**
 * `record[key]` when the record has `key` itself. A key from outside (a utm_medium, a provider's
 * event name) may be `constructor` or `toString`: plain indexing would find Object's prototype
 * and hand a function on as if it were the value.
 */
export const ownValue = <TValue>(
  record: Readonly<Record<string, TValue>>,
  key: string,
): TValue | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
