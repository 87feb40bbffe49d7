import { describe, expect, it } from "vitest";

import { parseRange } from "./byte-range";
import { addOneMonth, formatLocalDateTime, localDateTimeToEpoch, utcOffsetLabel } from "./datetime";
import { CYCLE_SECONDS, sampleAt, WAV_HEADER_BYTES, wavBytes, wavSize } from "./wav";

describe("parseRange", () => {
  it.each([
    ["bytes=0-99", 1000, { kind: "range", range: { start: 0, end: 99 } }],
    ["bytes=900-", 1000, { kind: "range", range: { start: 900, end: 999 } }],
    ["bytes=-100", 1000, { kind: "range", range: { start: 900, end: 999 } }],
    ["bytes=500-5000", 1000, { kind: "range", range: { start: 500, end: 999 } }],
    ["bytes=1000-", 1000, { kind: "unsatisfiable" }],
    ["bytes=-0", 1000, { kind: "unsatisfiable" }],
    ["bytes=0-1,5-6", 1000, { kind: "none" }],
    ["items=0-1", 1000, { kind: "none" }],
    [undefined, 1000, { kind: "none" }],
  ])("%s of %i bytes", (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe("account wall clock", () => {
  it("reads and writes Moscow time and labels offsets like info/timezone", () => {
    const epoch = localDateTimeToEpoch("2024-05-06 10:11:12", "Europe/Moscow");
    expect(new Date(epoch).toISOString()).toBe("2024-05-06T07:11:12.000Z");
    expect(formatLocalDateTime(epoch, "Europe/Moscow")).toBe("2024-05-06 10:11:12");
    expect(utcOffsetLabel(epoch, "Europe/Moscow")).toBe("UTC+3");
    expect(utcOffsetLabel(epoch, "Asia/Kolkata")).toBe("UTC+5:30");
    expect(utcOffsetLabel(epoch, "America/New_York")).toBe("UTC-4");
  });

  it("adds one calendar month, clamped to the month's end", () => {
    expect(addOneMonth("2024-01-31 12:00:00")).toBe("2024-02-29 12:00:00");
    expect(addOneMonth("2024-12-15 00:00:00")).toBe("2025-01-15 00:00:00");
  });
});

describe("WAV recordings", () => {
  const collect = async (size: number, start: number, end: number): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of wavBytes(size, start, end)) chunks.push(chunk);
    return Buffer.concat(chunks);
  };

  it("writes a PCM 8 kHz mono header and 16000 bytes per second", async () => {
    const size = wavSize(3, null);
    expect(size).toBe(WAV_HEADER_BYTES + 3 * 16000);
    const file = await collect(size, 0, size - 1);
    expect(file.length).toBe(size);
    expect(file.toString("ascii", 0, 4)).toBe("RIFF");
    expect(file.readUInt32LE(4)).toBe(size - 8);
    expect(file.toString("ascii", 8, 16)).toBe("WAVEfmt ");
    expect(file.readUInt16LE(22)).toBe(1);
    expect(file.readUInt32LE(24)).toBe(8000);
    expect(file.readUInt32LE(40)).toBe(size - WAV_HEADER_BYTES);
    expect(file.subarray(WAV_HEADER_BYTES).some((byte) => byte !== 0)).toBe(true);
  });

  it("has a signal that repeats every cycle, so one rendered cycle serves any length", () => {
    const cycleSamples = CYCLE_SECONDS * 8000;
    const pcm = (index: number) => Math.round(sampleAt(index) * 32767);
    for (let index = 0; index < cycleSamples; index += 97) {
      for (const cycles of [1, 7, 60])
        expect(Math.abs(pcm(index + cycles * cycleSamples) - pcm(index))).toBeLessThanOrEqual(1);
    }
  });

  it("renders any range exactly as the same slice of the whole file, odd offsets included", async () => {
    const size = wavSize(0, 200_001);
    expect(size).toBe(200_000);
    const whole = await collect(size, 0, size - 1);
    for (const [start, end] of [
      [0, 10],
      [43, 44],
      [45, 70_000],
      [131_071, 131_073],
      [199_990, 199_999],
    ] as const) {
      expect((await collect(size, start, end)).equals(whole.subarray(start, end + 1))).toBe(true);
    }
  });
});
