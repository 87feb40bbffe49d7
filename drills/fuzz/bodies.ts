import fc from "fast-check";

import { encodeText, hostileText, hostileValue, textEncoding, type TTextEncoding } from "./hostile";

/**
 * Request bodies as recipes: small ones inline, large ones (up to 10 MB) built only when sent, from
 * a seed, so thousands of generated requests cost no memory and a failing one can be rebuilt.
 */
export type TBodyRecipe =
  | { kind: "none" }
  | { kind: "text"; text: string }
  | { kind: "bytes"; bytes: readonly number[] }
  | { kind: "json"; value: unknown }
  /** JSON whose text gets one byte that is not UTF-8 (inside a string, usually). */
  | { kind: "json-bad-byte"; value: unknown; byte: number }
  | { kind: "form"; pairs: readonly [string, string][]; encoding: TTextEncoding }
  /** `prefix` + `open` × depth (+ `close` × depth when closed) + `suffix`: nesting past any recursion limit. */
  | {
      kind: "deep";
      depth: number;
      open: string;
      close: string;
      isClosed: boolean;
      prefix: string;
      suffix: string;
    }
  | { kind: "large"; size: number; fill: TLargeFill; seed: number; prefix: string; suffix: string };

type TLargeFill = "letters" | "random-bytes" | "json-numbers" | "json-string" | "form-pairs";

const KB = 1024;
const MB = 1024 * KB;
const LARGEST_BODY = 10 * MB;
const NOISE_BLOCK_BYTES = 64 * KB;

/** Deterministic bytes from a seed (xorshift32): the same recipe always sends the same body. */
function seededBytes(size: number, seed: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < size; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

function largeFill(fill: TLargeFill, size: number, seed: number): Buffer {
  switch (fill) {
    case "letters":
      return Buffer.alloc(size, "a");
    case "random-bytes":
      // 64 KB of noise repeated: as hostile to a parser as fresh noise, and filled natively.
      return Buffer.alloc(size, seededBytes(Math.min(size, NOISE_BLOCK_BYTES), seed));
    case "json-numbers":
      return Buffer.from(`[${"1,".repeat(Math.max(0, Math.floor(size / 2) - 1))}1]`);
    case "json-string":
      return Buffer.from(`"${"я".repeat(Math.floor(size / 2))}"`);
    case "form-pairs":
      return Buffer.from("a=1&".repeat(Math.ceil(size / 4)));
  }
}

/** The bytes a recipe stands for; null for no body at all. */
export function buildBody(recipe: TBodyRecipe): Buffer | null {
  switch (recipe.kind) {
    case "none":
      return null;
    case "text":
      return Buffer.from(recipe.text, "utf8");
    case "bytes":
      return Buffer.from(recipe.bytes);
    case "json":
      return Buffer.from(JSON.stringify(recipe.value) ?? "null", "utf8");
    case "json-bad-byte": {
      const json = Buffer.from(JSON.stringify(recipe.value) ?? "null", "utf8");
      const at = Math.floor(json.length / 2);
      return Buffer.concat([json.subarray(0, at), Buffer.from([recipe.byte]), json.subarray(at)]);
    }
    case "form":
      return Buffer.from(
        recipe.pairs
          .map(
            ([name, value]) =>
              `${encodeText(name, recipe.encoding)}=${encodeText(value, recipe.encoding)}`,
          )
          .join("&"),
        "latin1",
      );
    case "deep":
      return Buffer.from(
        `${recipe.prefix}${recipe.open.repeat(recipe.depth)}${recipe.isClosed ? recipe.close.repeat(recipe.depth) : ""}${recipe.suffix}`,
        "utf8",
      );
    case "large":
      return Buffer.concat([
        Buffer.from(recipe.prefix),
        largeFill(recipe.fill, recipe.size, recipe.seed),
        Buffer.from(recipe.suffix),
      ]);
  }
}

const printable = (text: string) =>
  JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** A line that says what a body was, for the failure report. */
export function describeBody(recipe: TBodyRecipe): string {
  switch (recipe.kind) {
    case "none":
      return "no body";
    case "text":
      return `text ${recipe.text.length} chars ${printable(recipe.text)}`;
    case "bytes":
      return `${recipe.bytes.length} bytes ${Buffer.from(recipe.bytes).subarray(0, 24).toString("hex")}…`;
    case "json":
      return `JSON ${printable(JSON.stringify(recipe.value) ?? "undefined")}`;
    case "json-bad-byte":
      return `JSON with byte 0x${recipe.byte.toString(16)} inside ${printable(JSON.stringify(recipe.value) ?? "")}`;
    case "form":
      return `form (${recipe.encoding}) ${printable(recipe.pairs.map(([name, value]) => `${name}=${value}`).join("&"))}`;
    case "deep":
      return `nesting ${recipe.depth} deep of ${printable(recipe.open)}${recipe.isClosed ? "" : ", unclosed"} after ${printable(recipe.prefix)}`;
    case "large":
      return `${(recipe.size / MB).toFixed(2)} MB of ${recipe.fill} after ${printable(recipe.prefix)}`;
  }
}

/** Nesting 10,000 to 100,000 deep, of arrays, objects or both, closed or not. */
export const deepBody = (
  envelope: { prefix: string; suffix: string } = { prefix: "", suffix: "" },
) =>
  fc
    .record({
      kind: fc.constant("deep" as const),
      depth: fc.integer({ min: 10_000, max: 100_000 }),
      open: fc.constantFrom("[", '{"a":', '[{"a":', '{"json":'),
      close: fc.constant(""),
      isClosed: fc.boolean(),
      prefix: fc.constant(envelope.prefix),
      suffix: fc.constant(envelope.suffix),
    })
    .map((recipe): TBodyRecipe => ({
      ...recipe,
      close: recipe.open === "[" ? "]" : recipe.open === '[{"a":' ? "}]" : "}",
    }));

/** From just past a route's cap (8–64 KB) to 10 MB: the caps, Next's parsers and memory. */
export const largeBody = (
  envelope: { prefix: string; suffix: string } = { prefix: "", suffix: "" },
) =>
  fc.record({
    kind: fc.constant("large" as const),
    size: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 9 * KB, max: 100 * KB }) },
      { weight: 2, arbitrary: fc.integer({ min: 100 * KB, max: 2 * MB }) },
      { weight: 1, arbitrary: fc.constant(LARGEST_BODY) },
    ),
    fill: fc.constantFrom<TLargeFill>(
      "letters",
      "random-bytes",
      "json-numbers",
      "json-string",
      "form-pairs",
    ),
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
    prefix: fc.constant(envelope.prefix),
    suffix: fc.constant(envelope.suffix),
  });

/**
 * Any body: mostly the route's own shape (`structured`, sent as JSON or as a form as the route
 * expects), else JSON of any shape, text, bytes that are not UTF-8, deep nesting or a large body.
 */
export const hostileBody = (
  structured: fc.Arbitrary<TBodyRecipe>,
  envelope: { prefix: string; suffix: string } = { prefix: "", suffix: "" },
): fc.Arbitrary<TBodyRecipe> =>
  fc.oneof(
    { weight: 10, arbitrary: structured },
    { weight: 2, arbitrary: fc.constant<TBodyRecipe>({ kind: "none" }) },
    { weight: 2, arbitrary: hostileValue.map((value): TBodyRecipe => ({ kind: "json", value })) },
    {
      weight: 1,
      arbitrary: fc
        .record({ value: hostileValue, byte: fc.integer({ min: 0x80, max: 0xff }) })
        .map(({ value, byte }): TBodyRecipe => ({ kind: "json-bad-byte", value, byte })),
    },
    { weight: 2, arbitrary: hostileText.map((text): TBodyRecipe => ({ kind: "text", text })) },
    {
      weight: 2,
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 600 })
        .map((bytes): TBodyRecipe => ({ kind: "bytes", bytes: [...bytes] })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          pairs: fc.array(fc.tuple(hostileText, hostileText), { maxLength: 6 }),
          encoding: textEncoding,
        })
        .map(({ pairs, encoding }): TBodyRecipe => ({ kind: "form", pairs, encoding })),
    },
    { weight: 1, arbitrary: deepBody(envelope) },
    { weight: 1, arbitrary: largeBody(envelope) },
  );

/** A form of these pairs in one of the encodings (the route's shape when it reads forms). */
export const formBody = (pairs: fc.Arbitrary<[string, string][]>): fc.Arbitrary<TBodyRecipe> =>
  fc
    .record({ pairs, encoding: textEncoding })
    .map(({ pairs: given, encoding }): TBodyRecipe => ({ kind: "form", pairs: given, encoding }));

/** JSON of this value (the route's shape when it reads JSON). */
export const jsonBody = (value: fc.Arbitrary<unknown>): fc.Arbitrary<TBodyRecipe> =>
  value.map((given): TBodyRecipe => ({ kind: "json", value: given }));
