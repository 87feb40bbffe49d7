// Citations of the repository's own documents (docs/*.md), found in code, tests and docs, and
// checked against the headings they name. Forms, from most to least explicit:
//
// - `klientiks-contract §12.4`, `docs/klientiks-contract.md §9.1`, `telephony-zadarma §8.2`: a
//   numbered section (`## 12. …`, `### 12.4 …`) of the named document. Ranges (`§4–§6`) and lists
//   (`§4.5, §4.6`) continue the citation before them; `§8 #3`, `§8.1 (13)` and `§16 item 3` cite the
//   section and a numbered row or item inside it.
// - A bare `§7` cites the document named last before it in the file (code) or the paragraph
//   (Markdown outside docs/). In a doc it is one of the doc's own sections.
// - `reliability R9`, a bare `R9`, `R6–R8`: the heading `## R9 …` of docs/reliability.md.
// - `conventions C14`, a bare `(C14)`: the heading `## C14 …` of docs/conventions.md.
// - `docs/telephony-calls.md "Linking"`: a heading or a **bold label** of that document containing
//   the quoted words.
// - `docs/x.md`, or a lowercase `x.md` on its own: the file exists.
// - In docs/reliability.md, a proof line `` `path` › "test name" ``: the file exists and holds the
//   test name.
//
// Sections of other standards and of issues (`RFC 9110 §14`, `WHATWG HTML §9.2`, `issue 9 §6`)
// are not ours to check and are skipped.

import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative } from "node:path";

export type TSourceFile = { path: string; text: string };

export type TDocument = {
  /** Section numbers (`12.4`), requirement ids (`R9`) and convention ids (`C2`) of its headings. */
  anchors: ReadonlySet<string>;
  /** Heading texts and **bold labels**, lower-cased, for quoted citations. */
  labels: readonly string[];
  /** GitHub's anchors of its headings (`#r9-classified-retries`), for links. */
  slugs: ReadonlySet<string>;
};

export type TCitationProblem = { file: string; line: number; citation: string; reason: string };

const SCANNED_EXTENSIONS = /\.(ts|tsx|js|mjs|cjs|mts|md|prisma|sql)$/;
const SKIPPED_DIRECTORIES = new Set([
  "node_modules",
  ".git",
  ".next",
  ".data",
  "generated",
  "test-results",
  "playwright-report",
  "coverage",
]);

/** Every scanned file under `root`, with a path relative to it (forward slashes). */
export function readRepositoryFiles(root: string, except: readonly string[] = []): TSourceFile[] {
  const files: TSourceFile[] = [];
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const absolute = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) visit(absolute);
        continue;
      }
      const path = relative(root, absolute).split("\\").join("/");
      if (entry.isFile() && SCANNED_EXTENSIONS.test(entry.name) && !except.includes(path))
        files.push({ path, text: readFileSync(absolute, "utf8") });
    }
  };
  visit(root);
  return files;
}

const FENCED_CODE = /^```[^\n]*\n[\s\S]*?^```/gm;
const BOLD_LABEL = /\*\*([^*\n]+)\*\*/g;
const HEADING = /^#{1,6}\s+(.+?)\s*#*$/gm;
const SECTION_NUMBER = /^(\d+(?:\.\d+)*)\.?\s/;
const ITEM_ID = /^([RC]\d{1,2})\b/;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slugOf = (heading: string): string =>
  heading
    .replace(/`/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

/** The documents under docs/ by name (`klientiks-contract`, `decisions/0001-…`). */
export function indexDocuments(files: readonly TSourceFile[]): Map<string, TDocument> {
  const documents = new Map<string, TDocument>();
  for (const { path, text } of files) {
    const name = /^docs\/(.+)\.md$/.exec(path)?.[1];
    if (name === undefined) continue;
    const anchors = new Set<string>();
    const labels = [...text.matchAll(BOLD_LABEL)].map(([, label = ""]) => label.toLowerCase());
    const slugs = new Set<string>();
    for (const [, heading = ""] of text.replace(FENCED_CODE, "").matchAll(HEADING)) {
      labels.push(heading.toLowerCase());
      slugs.add(slugOf(heading));
      const id = SECTION_NUMBER.exec(`${heading} `)?.[1] ?? ITEM_ID.exec(heading)?.[1];
      if (id !== undefined) anchors.add(id);
    }
    documents.set(name, { anchors, labels, slugs });
  }
  return documents;
}

/** A document name as code writes it: lowercase words joined by hyphens. */
const DOC_NAME = "[a-z][a-z0-9]*(?:-[a-z0-9]+)*";
/** A section sign and its number: `§12.4`, `§ 7`. */
const SECTION = /§\s?(\d+(?:\.\d+)*)/g;
/** `klientiks-contract`, `klientiks-contract.md`, `docs/klientiks-contract.md`, then the § (and a comma). */
const NAMED_BEFORE_SECTION = new RegExp(`(?:^|[^\\w/.-])(docs/)?(${DOC_NAME})(\\.md)?,?\\s*$`);
/** Another citation right before: `§4.5, ` or `§4–`, with the row/item suffixes of §8 and §16. */
const CONTINUES_SECTION =
  /§\s?\d+(?:\.\d+)*(?:\s*(?:\(\d+\)|#\d+|item\s+\d+))*(?:\s*[–-]|\s*,|\s+(?:and|or))\s*$/;
/** A standard or an issue: `RFC 9110 §14`, `issue 9 §6`, `Unicode Standard §3.9`, `HTML, §9.2`. */
const EXTERNAL_BEFORE_SECTION = /(?:\b\d+|\bStandard|\bHTML),?\s*$/;
/** A document mentioned without a section, which a later bare § then cites. */
const DOC_MENTION = new RegExp(`(?<![\\w/.-]|\\]\\()(docs/)?(${DOC_NAME})(\\.md)?(?![\\w/-])`, "g");
const REQUIREMENT = /\bR(\d{1,2})(?:\s*[–-]\s*R(\d{1,2}))?\b/g;
const CONVENTION = /(?:\bconventions\s+|(?<=\(|,\s))C(\d{1,2})\b(?=[),:;\s])/g;
const QUOTED_HEADING = /\bdocs\/([a-z0-9/-]+)\.md,?\s*(?:"([^"\n]{1,80})"|«([^»\n]{1,80})»)/g;
const DOCS_PATH = /\bdocs\/([a-z0-9/-]+)\.md\b/g;
/** `[text](other.md)`, `[text](other.md#anchor)` or `[text](#anchor)`; web links are not followed. */
const MARKDOWN_LINK = /\[[^\]\n]*\]\((?!https?:|mailto:)([^)#\s]*?\.md|)(?:#([^)\s]+))?\)/g;
const OUTSIDE_NOTES = /(?:\.\.\/shared\/|\bshared\/reference\/|\/work\/shared\b)/g;
const COMMENT_PREFIX = /^\s*(?:\/\/\/?|\*|--|#)?\s*$/;
const PROOF_LINE = /^\s*-\s*`([^`\s]+)`\s*›\s*"(.+)"\s*$/;

type TMarker = { kind: "document"; name: string } | { kind: "external" } | { kind: "none" };

type TEvent =
  | { index: number; kind: "mention"; name: string; isDocsPath: boolean }
  | { index: number; kind: "section"; number: string };

const lineOf = (text: string, index: number): number => text.slice(0, index).split("\n").length;

const isMarkdown = (path: string) => path.endsWith(".md");

/** What a § is relative to: the document its file starts in (a doc's own name, else none). */
const defaultMarker = (path: string): TMarker => {
  const own = /^docs\/(.+)\.md$/.exec(path)?.[1];
  return own === undefined ? { kind: "none" } : { kind: "document", name: own };
};

/** Checks every citation in `files` against `documents`; returns the ones that do not resolve. */
export function findUnresolvedCitations(
  files: readonly TSourceFile[],
  documents: ReadonlyMap<string, TDocument>,
): TCitationProblem[] {
  const problems: TCitationProblem[] = [];
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  for (const file of files) {
    const found: { index: number; citation: string; reason: string }[] = [];
    const report = (index: number, citation: string, reason: string) =>
      found.push({ index, citation, reason });
    checkSections(file, documents, report);
    checkRequirementsAndConventions(file, documents, report);
    checkPaths(file, documents, byPath, report);
    if (file.path === "docs/reliability.md") checkProofLines(file, byPath, report);
    for (const { index, citation, reason } of found.sort((a, b) => a.index - b.index))
      problems.push({ file: file.path, line: lineOf(file.text, index), citation, reason });
  }
  return problems;
}

type TReport = (index: number, citation: string, reason: string) => void;

/** The mentions of documents and the § signs of a file, in order. */
function sectionEvents(text: string, documents: ReadonlyMap<string, TDocument>): TEvent[] {
  const events: TEvent[] = [];
  for (const match of text.matchAll(DOC_MENTION)) {
    const name = match[2] ?? "";
    const isExplicit = match[1] !== undefined || match[3] !== undefined;
    // A plain word is a mention only when it is a hyphenated document name (`klientiks-contract`):
    // `clients` or `stack` alone are ordinary words. `x.md` always is one.
    if (isExplicit || (name.includes("-") && documents.has(name)))
      events.push({
        index: match.index,
        kind: "mention",
        name,
        isDocsPath: match[1] !== undefined,
      });
  }
  for (const match of text.matchAll(SECTION)) {
    // A proof line quotes a test's name, citations and all: the test's file is where they count.
    if (PROOF_LINE.test(lineAround(text, match.index))) continue;
    events.push({ index: match.index, kind: "section", number: match[1] ?? "" });
  }
  return events.sort((a, b) => a.index - b.index);
}

const lineAround = (text: string, index: number): string => {
  const end = text.indexOf("\n", index);
  return text.slice(text.lastIndexOf("\n", index) + 1, end === -1 ? undefined : end);
};

/**
 * The text a § follows on its line. A § that wrapping pushed to the start of a line (after `//`,
 * ` * ` or indentation) belongs to the end of the line before it: `(klientiks-contract` ⏎ `§6)`.
 */
function textBefore(text: string, index: number): string {
  const lineStart = text.lastIndexOf("\n", index) + 1;
  const before = text.slice(lineStart, index);
  if (lineStart === 0 || !COMMENT_PREFIX.test(before)) return before;
  return `${text.slice(text.lastIndexOf("\n", lineStart - 2) + 1, lineStart - 1)} `;
}

function checkSections(
  file: TSourceFile,
  documents: ReadonlyMap<string, TDocument>,
  report: TReport,
) {
  const { text, path } = file;
  const start = defaultMarker(path);
  // In a doc, a bare § is one of its own sections: mentioning another doc in passing does not
  // change that, only a § right after its name does (and the list or range it starts).
  const isDoc = start.kind === "document";
  let marker: TMarker = start;
  let paragraphStart = 0;
  for (const event of sectionEvents(text, documents)) {
    if (isMarkdown(path)) {
      const blankLine = text.lastIndexOf("\n\n", event.index);
      if (blankLine >= paragraphStart) {
        paragraphStart = blankLine + 1;
        marker = start;
      }
    }
    if (event.kind === "mention") {
      if (!documents.has(event.name)) {
        // `docs/…` paths are checked on their own (checkPaths); this is a bare `x.md`.
        if (!event.isDocsPath)
          report(event.index, `${event.name}.md`, `there is no docs/${event.name}.md`);
        if (!isDoc) marker = { kind: "external" };
      } else if (!isDoc) marker = { kind: "document", name: event.name };
      continue;
    }
    const before = textBefore(text, event.index);
    const citation = `§${event.number}`;
    const named = NAMED_BEFORE_SECTION.exec(before);
    const name = named?.[2] ?? "";
    const isContinuation = CONTINUES_SECTION.test(before);
    if (named && documents.has(name)) marker = { kind: "document", name };
    else if (named && (named[1] !== undefined || named[3] !== undefined)) {
      marker = { kind: "external" }; // a missing `x.md`, reported as a mention
      continue;
    } else if (named && name.includes("-")) {
      report(event.index, `${name} ${citation}`, `there is no docs/${name}.md`);
      marker = { kind: "external" };
      continue;
    } else if (!isContinuation && EXTERNAL_BEFORE_SECTION.test(before)) {
      marker = { kind: "external" };
      continue;
    } else if (!isContinuation && isDoc) marker = start;
    if (marker.kind === "external") continue;
    if (marker.kind === "none") {
      report(event.index, citation, "a bare § with no document named before it");
      continue;
    }
    if (!documents.get(marker.name)?.anchors.has(event.number))
      report(
        event.index,
        `${marker.name} ${citation}`,
        `docs/${marker.name}.md has no section ${event.number}`,
      );
  }
}

function checkRequirementsAndConventions(
  file: TSourceFile,
  documents: ReadonlyMap<string, TDocument>,
  report: TReport,
) {
  const reliability = documents.get("reliability");
  for (const match of file.text.matchAll(REQUIREMENT)) {
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    for (let id = from; id <= Math.max(from, to); id += 1) {
      if (!reliability?.anchors.has(`R${id}`))
        report(match.index, match[0], `docs/reliability.md has no heading R${id}`);
    }
  }
  const conventions = documents.get("conventions");
  for (const match of file.text.matchAll(CONVENTION)) {
    if (!conventions?.anchors.has(`C${match[1]}`))
      report(match.index, match[0].trim(), `docs/conventions.md has no heading C${match[1]}`);
  }
}

function checkPaths(
  file: TSourceFile,
  documents: ReadonlyMap<string, TDocument>,
  byPath: ReadonlyMap<string, string>,
  report: TReport,
) {
  for (const match of file.text.matchAll(QUOTED_HEADING)) {
    const name = match[1] ?? "";
    const quoted = match[2] ?? match[3] ?? "";
    const words = quoted.toLowerCase();
    const document = documents.get(name);
    if (document !== undefined && !document.labels.some((label) => label.includes(words)))
      report(
        match.index,
        match[0],
        `docs/${name}.md has no heading or bold label with "${quoted}"`,
      );
  }
  for (const match of file.text.matchAll(DOCS_PATH)) {
    if (!documents.has(match[1] ?? "")) report(match.index, match[0], "no such document");
  }
  for (const match of file.text.matchAll(OUTSIDE_NOTES))
    report(match.index, match[0], "cites notes outside the repository");
  if (!isMarkdown(file.path)) return;
  // Relative links between Markdown files, and their #anchors when they point into docs/.
  const directory = posix.dirname(file.path);
  for (const match of file.text.matchAll(MARKDOWN_LINK)) {
    const [, target = "", anchor] = match;
    const path = target === "" ? file.path : posix.normalize(posix.join(directory, target));
    if (!byPath.has(path)) {
      report(match.index, match[0], `${path} does not exist`);
      continue;
    }
    const name = /^docs\/(.+)\.md$/.exec(path)?.[1];
    const document = name === undefined ? undefined : documents.get(name);
    if (anchor !== undefined && document !== undefined && !document.slugs.has(anchor))
      report(match.index, match[0], `${path} has no heading #${anchor}`);
  }
}

function checkProofLines(file: TSourceFile, byPath: ReadonlyMap<string, string>, report: TReport) {
  let index = 0;
  for (const line of file.text.split("\n")) {
    const proof = PROOF_LINE.exec(line);
    if (proof) {
      const [, path = "", name = ""] = proof;
      const text = byPath.get(path);
      if (text === undefined) report(index, path, "the proving file does not exist");
      else if (!text.includes(name))
        report(index, `${path} › "${name}"`, "no such test in that file");
    }
    index += line.length + 1;
  }
}
