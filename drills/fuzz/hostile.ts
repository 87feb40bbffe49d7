import fc from "fast-check";

/**
 * The building blocks of hostile input: text, numbers, query strings, path segments and headers.
 * Everything that goes on the wire is a byte string (one character per byte, as Node writes a path
 * and header values); text is turned into bytes by one of several encodings, some of them wrong.
 */

/** Text that has broken parsers before: empty and blank, numbers at and past their limits, names
 * of object internals, escapes, injections, paths, URLs, lone surrogates, bidi and BOM characters. */
const NOTORIOUS_TEXTS = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-Infinity",
  "true",
  "[]",
  "{}",
  "0",
  "-0",
  "-1",
  "1e309",
  "1.7976931348623157e309",
  "9".repeat(40),
  "2147483648",
  "9223372036854775808",
  "-9223372036854775809",
  "0x1F",
  "1_000",
  " 1",
  "1 ",
  "１２３",
  "٣٤",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%",
  "%%",
  "%zz",
  "%FF",
  "%C0%AF",
  "%ED%A0%80",
  "%00",
  "\uD800",
  "\uDFFF",
  "\uDBFF\uD800",
  "\uFEFF",
  "\u202E",
  "\u200B",
  '\'; DROP TABLE "User"; --',
  "' OR '1'='1",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "#{7*7}",
  "$where",
  "\r\nSet-Cookie: pwned=1",
  "javascript:alert(1)",
  "//evil.example",
  "http://",
  "https://169.254.169.254/latest/meta-data/",
  "file:///etc/passwd",
  "data:text/html,<b>x</b>",
  "😀".repeat(33),
  "Ё".repeat(300),
  "a".repeat(5000),
];

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));
const controlCharacter = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const structureCharacter = fc.constantFrom("%", "&", "=", "+", "#", "?", "/", "\\", '"', "'", ";");

/** Any text, leaning on the notorious and on characters that structure URLs, forms and JSON. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NOTORIOUS_TEXTS) },
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.oneof(loneSurrogate, controlCharacter, structureCharacter),
      maxLength: 12,
    }),
  },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        unit: fc.constantFrom("a", "я", "😀", "%", "0", "[", "&", "\u0000"),
        times: fc.integer({ min: 256, max: 3000 }),
      })
      .map(({ unit, times }) => unit.repeat(times)),
  },
);

/** Numbers as text, at the edges of every numeric type a parser might use. */
export const hostileNumberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom("0", "-1", "1e3", "1.5", "00012", "+5", "0x10", "1e309", "9".repeat(19), ""),
);

/** Any JSON-ish value, a few levels deep, with notorious text in keys and strings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    hostileText,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(hostileText, tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** How text becomes bytes in a URL or a form. */
export type TTextEncoding = "percent" | "raw" | "broken" | "latin1";
export const textEncoding: fc.Arbitrary<TTextEncoding> = fc.constantFrom(
  "percent",
  "percent",
  "raw",
  "broken",
  "latin1",
);

const UNRESERVED = /[A-Za-z0-9\-_.~]/;
const MAX_QUERY_BYTES = 6000;
const BROKEN_ESCAPES = ["%", "%G1", "%F", "%FF", "%C3%28", "%ED%A0%80", "%00", "%%"];

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;

/** A string of bytes (one character each) from UTF-8 bytes. */
const utf8Bytes = (text: string): number[] => [...Buffer.from(text, "utf8")];

/**
 * Text as bytes of a URL or a form: percent-encoded UTF-8; raw (only what a request line cannot
 * carry is escaped: Node refuses any byte past ASCII there before the app sees the request, so
 * those are escaped too, while `%`, `&`, `=`, `?`, `#` and brackets stay as they are);
 * percent-encoded with broken escapes mixed in (deterministically, by position); or
 * percent-encoded Latin-1, which is not UTF-8 at all.
 */
export function encodeText(text: string, encoding: TTextEncoding): string {
  switch (encoding) {
    case "percent":
      return utf8Bytes(text)
        .map((byte) =>
          UNRESERVED.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : hex(byte),
        )
        .join("");
    case "raw":
      return utf8Bytes(text)
        .map((byte) => (byte <= 0x20 || byte >= 0x7f ? hex(byte) : String.fromCharCode(byte)))
        .join("");
    case "broken": {
      const encoded = encodeText(text, "percent");
      const escape = BROKEN_ESCAPES[encoded.length % BROKEN_ESCAPES.length] as string;
      const at = Math.floor(encoded.length / 2);
      return `${encoded.slice(0, at)}${escape}${encoded.slice(at)}`;
    }
    case "latin1":
      return [...text]
        .map((char) => {
          const code = char.codePointAt(0) as number;
          if (code > 0xff) return encodeText(char, "percent");
          return UNRESERVED.test(char) ? char : hex(code);
        })
        .join("");
  }
}

/** A query string ("" or "?…"): the given pairs, then hostile ones, some names repeated many times. */
export const hostileQuery = (
  pairs: fc.Arbitrary<[string, string][]>,
  names: readonly string[] = [],
): fc.Arbitrary<string> =>
  fc
    .record({
      pairs,
      extra: fc.array(
        fc.tuple(
          names.length > 0
            ? fc.oneof(
                fc.constantFrom(...names),
                fc.constantFrom(...names).map((name) => `${name}[]`),
                fc.constantFrom(...names).map((name) => `${name}[a][0]`),
                hostileText,
              )
            : hostileText,
          hostileText,
        ),
        { maxLength: 4 },
      ),
      repeats: fc.oneof(
        { weight: 5, arbitrary: fc.constant(1) },
        { weight: 1, arbitrary: fc.integer({ min: 2, max: 300 }) },
      ),
      encoding: textEncoding,
    })
    .map(({ pairs: given, extra, repeats, encoding }) => {
      const all = [...given, ...extra];
      const first = all[0];
      const repeated = first && repeats > 1 ? Array.from({ length: repeats }, () => first) : [];
      const query = [...all, ...repeated]
        .map(([name, value]) => `${encodeText(name, encoding)}=${encodeText(value, encoding)}`)
        .join("&");
      // The request line must stay within Node's 16 KB for all headers; Next's trailing-slash
      // redirect repeats the query twice in its answer (Location and Refresh), which must fit too.
      return query ? `?${query.slice(0, MAX_QUERY_BYTES)}` : "";
    });

/** A path segment in place of an id, a token or a slug: the real one, or anything else. */
export const pathSegment = (realOnes: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: realOnes.length > 0 ? 6 : 0, arbitrary: fc.constantFrom(...realOnes, "x") },
    { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(hostileText, textEncoding)
        .map(([text, encoding]) => encodeText(text, encoding).slice(0, 2000) || "%"),
    },
  );

/** A header value of any bytes a request can carry (no CR, LF, NUL or other control bytes). */
export const headerValueOf = (text: string): string =>
  utf8Bytes(text)
    .filter((byte) => byte === 0x09 || (byte >= 0x20 && byte !== 0x7f))
    .map((byte) => String.fromCharCode(byte))
    .join("");

const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: hostileText.map(headerValueOf) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        unit: fc.constantFrom("a", ",", "=", ";", " "),
        times: fc.integer({ min: 1000, max: 12_000 }),
      })
      .map(({ unit, times }) => unit.repeat(times)),
  },
);

/** Headers every route may see: cookies, locale, proxies, RSC and server-action markers, anything. */
const COMMON_HEADER_NAMES = [
  "cookie",
  "accept",
  "accept-language",
  "accept-encoding",
  "content-encoding",
  "origin",
  "referer",
  "user-agent",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
  "authorization",
  "if-none-match",
  "if-modified-since",
  "range",
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-url",
  "x-middleware-subrequest",
  "x-nextjs-data",
  "x-http-method-override",
  "x-tenant-slug",
];

const COOKIE_NAMES = [
  "next-auth.session-token",
  "__Secure-next-auth.session-token",
  "next-auth.csrf-token",
  "next-auth.callback-url",
  "NEXT_LOCALE",
  "__Host-next-auth.csrf-token",
];

const hostileCookie: fc.Arbitrary<[string, string]> = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...COOKIE_NAMES), hostileText), hostileText), {
    minLength: 1,
    maxLength: 4,
  })
  .map((pairs) => [
    "cookie",
    headerValueOf(pairs.map(([name, value]) => `${name}=${value}`).join("; ")),
  ]);

/** Zero to a few extra headers, some of them huge or repeated, some with hostile cookies. */
export const hostileHeaders: fc.Arbitrary<[string, string][]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...COMMON_HEADER_NAMES), hostileHeaderValue) },
    { weight: 1, arbitrary: hostileCookie },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.stringMatching(/^x-[a-z0-9-]{1,40}$/), hostileHeaderValue),
    },
  ),
  { maxLength: 3 },
);

/** Content types a route may expect, may not, or cannot parse. */
export const contentType: fc.Arbitrary<string | null> = fc.constantFrom(
  null,
  "application/json",
  "application/x-www-form-urlencoded",
  "text/plain",
  "text/plain;charset=UTF-8",
  "multipart/form-data",
  "multipart/form-data; boundary=----fuzz",
  "application/json; charset=utf-16",
  "application/xml",
  "application/octet-stream",
  "*/*",
  "",
  "application/json;;;",
  'fuzz/fuzz; a="',
);

/** Methods Next routes by, and a few it does not (Node's parser refuses a name it does not know). */
export const anyMethod: fc.Arbitrary<string> = fc.constantFrom(
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
  "PROPFIND",
);
