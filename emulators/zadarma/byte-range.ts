// `Range: bytes=…` of RFC 9110 §14, single range only: "a-b", "a-" and the suffix form "-n". Several
// ranges, or a header we cannot read, are ignored (the whole file is sent), as the RFC allows.

export type ByteRange = { start: number; end: number };

export type RangeRequest =
  { kind: "none" } | { kind: "range"; range: ByteRange } | { kind: "unsatisfiable" };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/i;

export const parseRange = (header: string | undefined, size: number): RangeRequest => {
  const match = SINGLE_RANGE.exec(header?.trim() ?? "");
  if (!match) return { kind: "none" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "none" };
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "range", range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) return { kind: "unsatisfiable" };
  if (end < start) return { kind: "none" };
  return { kind: "range", range: { start, end } };
};
