/**
 * The last lines a process wrote, numbered from its start, so that what it logged while one
 * request was in flight can be shown next to that request.
 */
export function createLineLog(keep: number) {
  const lines: string[] = [];
  let written = 0;
  return {
    add(line: string): void {
      lines.push(line);
      written += 1;
      if (lines.length > keep) lines.shift();
    },
    /** How many lines were written so far: a position to read from later. */
    position: (): number => written,
    /** The lines written since `position` that are still kept. */
    since(position: number): string[] {
      const kept = Math.min(lines.length, written - position);
      return kept > 0 ? lines.slice(lines.length - kept) : [];
    },
  };
}

export type TLineLog = ReturnType<typeof createLineLog>;
