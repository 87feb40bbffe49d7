/**
 * Text from outside (webhooks, the tracker, forms) on its way into PostgreSQL. A `text` column
 * refuses the NUL character, and a lone UTF-16 surrogate cannot be encoded as UTF-8 at all, so
 * either one fails the whole statement it travels in (docs/input-text.md).
 */

/** NUL, and surrogates that are not part of a pair. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes what PostgreSQL cannot store in text; everything else is kept as it came. */
export const toStorableText = (value: string): string => value.replace(UNSTORABLE, "");

/**
 * Cuts to at most `maxLength` UTF-16 units (the length PostgreSQL and JavaScript agree on for
 * our limits) without splitting a surrogate pair: a cut that would leave half an emoji drops the
 * whole character instead.
 */
export function truncateText(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  const lastKept = value.charCodeAt(maxLength - 1);
  const isHighSurrogate = lastKept >= 0xd800 && lastKept <= 0xdbff;
  return value.slice(0, isHighSurrogate ? maxLength - 1 : maxLength);
}

/** Cleans, then cuts: the usual treatment of one outside string bound for a bounded column. */
export const toStorableTruncated = (value: string, maxLength: number): string =>
  truncateText(toStorableText(value), maxLength);

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** How far toStorableDeep goes into a value before it refuses it. */
export type TInputLimits = { maxDepth: number; maxValues: number };

/**
 * What people send through forms and links (tRPC inputs, export filters): a few levels and a few
 * hundred values at most. The caps keep a hostile input from costing the server: superjson can
 * make a small body into a deeply shared or cyclic value (its `referentialEqualities`).
 */
export const FORM_INPUT_LIMITS: TInputLimits = { maxDepth: 32, maxValues: 10_000 };

/** Parsed JSON from a service we call: any size, but never deep enough to exhaust the stack. */
const PARSED_JSON_LIMITS: TInputLimits = { maxDepth: 100, maxValues: Infinity };

export type TInputShapeProblem = "too_deep" | "too_many_values" | "cyclic";

/** A value toStorableDeep refused, with where (the path of keys and indexes) and why. */
export class InputShapeError extends Error {
  constructor(
    readonly problem: TInputShapeProblem,
    readonly path: readonly (string | number)[],
  ) {
    super(`input ${problem.replace(/_/g, " ")} at ${path.join(".") || "the top"}`);
    this.name = "InputShapeError";
  }
}

/** The way down to a value, kept as a chain so that only a refusal pays for building the path. */
type TStep = { key: string | number; parent: TStep | null } | null;

const pathOf = (step: TStep): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let current = step; current; current = current.parent) path.unshift(current.key);
  return path;
};

/**
 * toStorableText applied to every string of parsed input (JSON, form fields): values and object
 * keys, through arrays and plain objects. Other values (numbers, dates) are kept as they came. A
 * value deeper than `limits.maxDepth`, with more than `limits.maxValues` values, or containing
 * itself is refused with an InputShapeError rather than overflowing the stack or looping.
 */
export function toStorableDeep(value: unknown, limits: TInputLimits = PARSED_JSON_LIMITS): unknown {
  let valueCount = 0;
  let depth = 0;
  const ancestors = new Set<object>();
  const clean = (current: unknown, step: TStep): unknown => {
    valueCount += 1;
    if (valueCount > limits.maxValues) throw new InputShapeError("too_many_values", pathOf(step));
    if (typeof current === "string") return toStorableText(current);
    if (!Array.isArray(current) && !isPlainObject(current)) return current;
    if (depth >= limits.maxDepth) throw new InputShapeError("too_deep", pathOf(step));
    if (ancestors.has(current)) throw new InputShapeError("cyclic", pathOf(step));
    ancestors.add(current);
    depth += 1;
    try {
      return Array.isArray(current)
        ? current.map((item, index) => clean(item, { key: index, parent: step }))
        : Object.fromEntries(
            Object.entries(current).map(([key, field]) => [
              toStorableText(key),
              clean(field, { key, parent: step }),
            ]),
          );
    } finally {
      depth -= 1;
      ancestors.delete(current);
    }
  };
  return clean(value, null);
}
