import { gzipSync } from "node:zlib";

import { Linter } from "eslint";
import { describe, expect, it } from "vitest";

import { compactScript, TRACKER_SCRIPT } from "@/tracker/tracker-script";

describe("/t.js", () => {
  it("stays under 5 KB gzipped", () => {
    expect(gzipSync(TRACKER_SCRIPT).length).toBeLessThan(5 * 1024);
  });

  it("is a classic ES2017 script that every browser we care about can parse", () => {
    const messages = new Linter().verify(TRACKER_SCRIPT, {
      languageOptions: { ecmaVersion: 2017, sourceType: "script" },
    });
    expect(messages.filter((message) => message.fatal)).toEqual([]);
  });

  it("drops comment lines and indentation only", () => {
    expect(
      compactScript(
        "// why\n  var a = 1; // kept: not a whole line\n\n  /* exported a */\n  var re = /\\/\\/x/;\n",
      ),
    ).toBe("var a = 1; // kept: not a whole line\nvar re = /\\/\\/x/;");
  });
});
