/**
 * A CSV file's text. Excel's plain «CSV» on a Russian Windows is Windows-1251, its «CSV UTF-8» is
 * UTF-8; a file that is not valid UTF-8 is read as the former, so Cyrillic names survive either.
 */
export async function readCsvFile(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1251").decode(bytes);
  }
}
