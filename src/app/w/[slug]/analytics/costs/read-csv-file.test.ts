import { describe, expect, it } from "vitest";

import { readCsvFile } from "./read-csv-file";

describe("readCsvFile", () => {
  it("reads UTF-8, and Windows-1251 when the bytes are not UTF-8", async () => {
    const text = "Дата;Кампания;Сумма";
    expect(await readCsvFile(new Blob([text]))).toBe(text);
    // «Дата» in Windows-1251: Д=0xC4, а=0xE0, т=0xF2, а=0xE0.
    expect(await readCsvFile(new Blob([new Uint8Array([0xc4, 0xe0, 0xf2, 0xe0])]))).toBe("Дата");
  });
});
