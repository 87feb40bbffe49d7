import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

const tsxFilesUnder = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? tsxFilesUnder(path) : entry.name.endsWith(".tsx") ? [path] : [];
  });

// A form submitted before React hydrates falls back to the browser's default, GET: the password or
// the Klientiks token would land in the URL, the history and the access logs. POST keeps them out.
describe("forms", () => {
  it("every form falls back to POST before hydration", () => {
    const forms = tsxFilesUnder(join(process.cwd(), "src")).flatMap((file) =>
      (readFileSync(file, "utf8").match(/<form\b[^>]*>/g) ?? []).map((tag) => ({ file, tag })),
    );
    expect(forms.length).toBeGreaterThan(5);
    expect(forms.filter(({ tag }) => !tag.includes('method="post"'))).toEqual([]);
  });
});
