import trackerCore from "@/tracker/tracker-core.js?raw";
import trackerMain from "@/tracker/tracker-main.js?raw";

/**
 * Drops what only readers need: whole-line comments, indentation and blank lines. The sources keep
 * comments on lines of their own, so no string or regular expression is touched.
 */
export const compactScript = (source: string): string =>
  source
    .split("\n")
    .map((line) => line.trim())
    .filter(
      (line) =>
        line !== "" && !line.startsWith("//") && !(line.startsWith("/*") && line.endsWith("*/")),
    )
    .join("\n");

/**
 * `/t.js`: both sources in one function, so none of their names leak into the customer's page, and
 * in strict mode. Built once per process from the files as written (see tracker-core.js).
 */
export const TRACKER_SCRIPT = `(function () {\n"use strict";\n${compactScript(trackerCore)}\n${compactScript(trackerMain)}\n})();\n`;
