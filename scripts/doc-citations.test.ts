import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import {
  findUnresolvedCitations,
  indexDocuments,
  readRepositoryFiles,
  type TSourceFile,
} from "./lib/doc-citations";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The scanner and this test spell out citation forms, broken ones included, on purpose. */
const SCANNER_FILES = ["scripts/lib/doc-citations.ts", "scripts/doc-citations.test.ts"];

describe("citations in the repository", () => {
  it("all resolve to a heading of the document they name in docs/", () => {
    const files = readRepositoryFiles(ROOT, SCANNER_FILES);
    const problems = findUnresolvedCitations(files, indexDocuments(files));
    const report = problems.map(
      ({ file, line, citation, reason }) => `${file}:${line}  ${citation}  (${reason})`,
    );
    expect(report, `unresolved citations:\n${report.join("\n")}`).toEqual([]);
    // The scan did find the documents and their citations, so an empty report means something.
    expect(files.filter(({ path }) => path.startsWith("docs/")).length).toBeGreaterThan(10);
  });
});

const CONTRACT = `# Contract
## 4. Envelopes
### 4.4 Writes
### 4.5 Errors
## 6. Throttling
`;
const RELIABILITY = `# Requirements
## R6. Idempotent ingestion
## R7. Idempotent processing
## R8. Order
## R9. Retries
`;
const CONVENTIONS = `# Conventions
## C2. Thin transport
## C14. Server tables
`;
const CALLS = `# Calls
## Linking calls of one phone
- **Called back** on a missed call.
`;

/** The problems found in `files` beside a small docs/ tree, as `path:line citation`. */
const problemsIn = (files: Record<string, string>): string[] => {
  const texts = new Map(
    Object.entries({
      "docs/contract.md": CONTRACT,
      "docs/reliability.md": RELIABILITY,
      "docs/conventions.md": CONVENTIONS,
      "docs/calls.md": CALLS,
      "src/a.test.ts": 'it("proves it", () => {});',
      ...files,
    }),
  );
  const tree: TSourceFile[] = [...texts].map(([path, text]) => ({ path, text }));
  return findUnresolvedCitations(tree, indexDocuments(tree)).map(
    ({ file, line, citation }) => `${file}:${line} ${citation}`,
  );
};

describe("findUnresolvedCitations", () => {
  it("checks a named section, and the list or range it starts", () => {
    expect(
      problemsIn({
        "src/x.ts": [
          "// contract §4.4 and (contract §4.5, §6)",
          "// contract §4–§6, then contract §4.7 and contract §8 #3",
          "// docs/contract.md §6, contract.md §9",
        ].join("\n"),
      }),
    ).toEqual(["src/x.ts:2 contract §4.7", "src/x.ts:2 contract §8", "src/x.ts:3 contract §9"]);
  });

  it("reads a bare section as the document named before it in the file, and flags one with none", () => {
    expect(
      problemsIn({
        "src/named.ts": "// per contract §4.4\nconst x = 1; // §6 default, §5 not",
        "src/unnamed.ts": "// the §6 default",
        "src/wrapped.ts":
          "/**\n * A limit (see contract\n * §6) and its twin (contract\n * §7).\n */",
      }),
    ).toEqual([
      "src/named.ts:2 contract §5",
      "src/unnamed.ts:1 §6",
      "src/wrapped.ts:4 contract §7",
    ]);
  });

  it("flags a document that does not exist, named or as a path", () => {
    expect(
      problemsIn({
        "src/x.ts": "// market.md §3.6; telephony-providers §2.4; docs/gone.md; (stack.md, trap 2)",
      }),
    ).toEqual([
      "src/x.ts:1 market.md",
      "src/x.ts:1 telephony-providers §2.4",
      "src/x.ts:1 docs/gone.md",
      "src/x.ts:1 stack.md",
    ]);
  });

  it("leaves other standards' and issues' sections alone", () => {
    expect(
      problemsIn({
        "src/x.ts":
          "// RFC 9110 §14; issue 9 §6, §8; WHATWG HTML §9.2; Unicode Standard §3.9; HTML Living Standard, §9.2",
      }),
    ).toEqual([]);
  });

  it("checks requirements and conventions, ranges included, and nothing that only looks like one", () => {
    expect(
      problemsIn({
        "src/x.ts": [
          "// reliability R9, (R6–R8), R6-R7; conventions C2, a strict schema (C14)",
          "// R26 and R8–R10; conventions C99, (C3) and (issue 8 C22, R9)",
          'const path = "M1 2C1 2 3 4"; const droid = "R2D2"; const key = "xR9";',
        ].join("\n"),
      }),
    ).toEqual([
      "src/x.ts:2 R26",
      "src/x.ts:2 R8–R10",
      "src/x.ts:2 conventions C99",
      "src/x.ts:2 C3",
    ]);
  });

  it("finds a quoted heading or bold label of a document", () => {
    expect(
      problemsIn({
        "src/x.ts":
          '// docs/calls.md, "Linking"; docs/calls.md "Called back"; docs/calls.md, «Linking»; docs/calls.md "Statistics"',
      }),
    ).toEqual(['src/x.ts:1 docs/calls.md "Statistics"']);
  });

  it("reads a doc's own bare sections as its own, whatever other doc the paragraph mentions", () => {
    expect(
      problemsIn({
        "docs/other.md":
          "# Other\n## 1. One\nSee docs/contract.md and §1; contract §4.5, §6; then §2.\n\nAnd §1.",
      }),
    ).toEqual(["docs/other.md:3 other §2"]);
  });

  it("checks Markdown links between documents and their anchors", () => {
    expect(
      problemsIn({
        "docs/links.md":
          "# Links\n[ok](reliability.md#r9-retries) [self](#links) [gone](missing.md) [bad](calls.md#statistics)",
      }),
    ).toEqual(["docs/links.md:2 [gone](missing.md)", "docs/links.md:2 [bad](calls.md#statistics)"]);
  });

  it("checks that every proof line of docs/reliability.md names a test its file holds", () => {
    const reliability = [
      RELIABILITY,
      '- `src/a.test.ts` › "proves it"',
      '- `src/a.test.ts` › "proves something else"',
      '- `src/gone.test.ts` › "proves it"',
    ].join("\n");
    expect(problemsIn({ "docs/reliability.md": reliability })).toEqual([
      'docs/reliability.md:8 src/a.test.ts › "proves something else"',
      "docs/reliability.md:9 src/gone.test.ts",
    ]);
  });

  it("flags citations of notes outside the repository", () => {
    expect(
      problemsIn({ "src/x.ts": "// see ../shared/stack.md\n// or shared/reference/market.md" }),
    ).toEqual(["src/x.ts:1 ../shared/", "src/x.ts:2 shared/reference/"]);
  });
});
