import { describe, expect, it } from "vitest";

import { mangoStatsRowToEvent, parseMangoStatsCsv, splitMangoCsvLine } from "./statistics";

const T0 = Date.parse("2026-12-01T10:00:00Z") / 1000;
// entry_id;start;finish;answer;from_extension;from_number;to_extension;to_number;disconnect_reason;line_number;records
const CSV = [
  `E1;${T0};${T0 + 70};${T0 + 9};;79991234567;101;74951112233;1110;74951112233;[REC-1]`,
  `E2;${T0 + 100};${T0 + 130};0;;79991234568;102;74951112233;1110;74951112233;`,
  `E3;${T0 + 200};${T0 + 260};${T0 + 210};103;74951112233;;79990000000;1120;74951112233;[REC-3,REC-4]`,
  "",
].join("\r\n");

describe("splitMangoCsvLine", () => {
  it("splits on ; and honours quotes", () => {
    expect(splitMangoCsvLine('a;"b;c";"d ""e""";')).toEqual(["a", "b;c", 'd "e"', ""]);
  });
});

describe("parseMangoStatsCsv", () => {
  it("reads rows in the asked column order and skips blank lines", () => {
    const { rows, invalidRows } = parseMangoStatsCsv(`\uFEFF${CSV}`);
    expect(invalidRows).toEqual([]);
    expect(rows.map((row) => row.entry_id)).toEqual(["E1", "E2", "E3"]);
    expect(rows[0]).toMatchObject({ to_extension: "101", records: "[REC-1]" });
  });

  it("reports a line with the wrong number of cells or without entry_id or start", () => {
    const { rows, invalidRows } = parseMangoStatsCsv(
      [`E1;${T0}`, `;${T0};0;0;;;;;;;`, `E5;soon;0;0;;;;;;;`].join("\n"),
    );
    expect(rows).toEqual([]);
    expect(invalidRows).toEqual([
      { line: 1, reason: "2 cells, 11 expected" },
      { line: 2, reason: "no entry_id" },
      { line: 3, reason: "start is not a Unix time" },
    ]);
  });
});

describe("mangoStatsRowToEvent", () => {
  const [answered, missed, outgoing] = parseMangoStatsCsv(CSV).rows.map(mangoStatsRowToEvent);

  it("an answered incoming row", () => {
    expect(answered).toMatchObject({
      providerCallId: "E1",
      kind: "summary",
      direction: "incoming",
      clientPhone: "+79991234567",
      companyNumber: "+74951112233",
      extension: "101",
      durationSeconds: 61,
      disposition: "answered",
      recordingRef: "REC-1",
      isRecorded: true,
      callStartedAt: new Date(T0 * 1000),
    });
    expect(answered?.eventKey).toBe(`mango:stats:E1:${T0}:-:101:74951112233`);
  });

  it("a missed incoming row", () => {
    expect(missed).toMatchObject({
      disposition: "no_answer",
      durationSeconds: 0,
      isRecorded: false,
      recordingRef: null,
    });
  });

  it("an outgoing row from an extension", () => {
    expect(outgoing).toMatchObject({
      direction: "outgoing",
      extension: "103",
      clientPhone: "+79990000000",
      durationSeconds: 50,
      recordingRef: "REC-3",
    });
  });
});
