// Playable call recordings, generated on the fly: 8 kHz mono 16-bit PCM WAV (no encoder binaries; no
// pure-JS MP3 encoder is installed). Every second starts with a short beep whose pitch climbs through a
// ten-second cycle, every tenth second with a long high beep, and between beeps two "speakers" hum in
// alternating five-second turns, so seeking is audible. Bytes are a pure function of their offset:
// any range is produced without rendering what precedes it, and a 10 MB file never sits in memory.

const SAMPLE_RATE = 8000;
const BYTES_PER_SAMPLE = 2;
export const WAV_HEADER_BYTES = 44;
export const BYTES_PER_SECOND = SAMPLE_RATE * BYTES_PER_SAMPLE;
const CHUNK_BYTES = 64 * 1024;

/** Total file size for a talk of `seconds` (at least one second), or the exact size asked for. */
export const wavSize = (seconds: number, exactBytes: number | null): number => {
  if (exactBytes !== null)
    return (
      WAV_HEADER_BYTES +
      Math.floor((exactBytes - WAV_HEADER_BYTES) / BYTES_PER_SAMPLE) * BYTES_PER_SAMPLE
    );
  return WAV_HEADER_BYTES + Math.max(1, seconds) * BYTES_PER_SECOND;
};

const header = (totalBytes: number): Buffer => {
  const dataBytes = totalBytes - WAV_HEADER_BYTES;
  const buffer = Buffer.alloc(WAV_HEADER_BYTES);
  buffer.write("RIFF", 0, "ascii");
  buffer.writeUInt32LE(totalBytes - 8, 4);
  buffer.write("WAVE", 8, "ascii");
  buffer.write("fmt ", 12, "ascii");
  buffer.writeUInt32LE(16, 16); // PCM format chunk size
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(SAMPLE_RATE, 24);
  buffer.writeUInt32LE(BYTES_PER_SECOND, 28);
  buffer.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  buffer.writeUInt16LE(16, 34); // bits per sample
  buffer.write("data", 36, "ascii");
  buffer.writeUInt32LE(dataBytes, 40);
  return buffer;
};

const tone = (hz: number, t: number): number => Math.sin(2 * Math.PI * hz * t);

/** One sample in [-1, 1]. */
export const sampleAt = (index: number): number => {
  const t = index / SAMPLE_RATE;
  const second = Math.floor(t);
  const withinSecond = t - second;
  if (second % 10 === 0 && withinSecond < 0.4) return 0.6 * tone(1200, t);
  if (withinSecond < 0.12) return 0.5 * tone(500 + 80 * (second % 10), t);
  if (withinSecond > 0.75) return 0; // a pause between "phrases"
  const speakerA = Math.floor(second / 5) % 2 === 0;
  const syllables = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
  const voice = speakerA ? tone(180, t) + 0.5 * tone(270, t) : tone(240, t) + 0.5 * tone(360, t);
  return 0.18 * syllables * voice;
};

/**
 * The signal repeats every ten seconds: every tone has a whole number of hertz, the syllables come
 * three a second, and the speakers' turns and the long beep come every ten seconds. That cycle is
 * rendered once (160 KB) and copied from, so serving audio costs what serving a file does and fifty
 * downloads at once (`npm run bench:calls`) do not hold up the emulator's REST answers.
 */
export const CYCLE_SECONDS = 10;
const CYCLE_BYTES = CYCLE_SECONDS * BYTES_PER_SECOND;
let cycle: Buffer | undefined;

const renderCycle = (): Buffer => {
  const samples = Buffer.alloc(CYCLE_BYTES);
  for (let index = 0; index < CYCLE_BYTES / BYTES_PER_SAMPLE; index++)
    samples.writeInt16LE(Math.round(sampleAt(index) * 32767), index * BYTES_PER_SAMPLE);
  return samples;
};

/** Bytes [from, to) of a WAV file of `totalBytes`. */
const renderRange = (totalBytes: number, from: number, to: number): Buffer => {
  const parts: Buffer[] = [];
  if (from < WAV_HEADER_BYTES)
    parts.push(header(totalBytes).subarray(from, Math.min(to, WAV_HEADER_BYTES)));
  cycle ??= renderCycle();
  for (
    let offset = Math.max(from, WAV_HEADER_BYTES) - WAV_HEADER_BYTES;
    offset < to - WAV_HEADER_BYTES;
  ) {
    const withinCycle = offset % CYCLE_BYTES;
    const length = Math.min(CYCLE_BYTES - withinCycle, to - WAV_HEADER_BYTES - offset);
    parts.push(cycle.subarray(withinCycle, withinCycle + length));
    offset += length;
  }
  return Buffer.concat(parts);
};

/** Streams bytes [start, endInclusive] in 64 KB chunks. */
export async function* wavBytes(
  totalBytes: number,
  start: number,
  endInclusive: number,
): AsyncGenerator<Buffer> {
  for (let from = start; from <= endInclusive; from += CHUNK_BYTES) {
    yield renderRange(totalBytes, from, Math.min(endInclusive + 1, from + CHUNK_BYTES));
  }
}
