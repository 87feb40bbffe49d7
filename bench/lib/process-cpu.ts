import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

/**
 * The `/proc/{pid}/stat` fields after the parenthesised command name (state ppid pgrp …) of every
 * process of a process group (Linux; none elsewhere).
 */
function processGroupStats(processGroupId: number): string[][] {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(fields[2]) === processGroupId ? [fields] : [];
    } catch {
      return []; // the process ended meanwhile
    }
  });
}

/**
 * CPU seconds used so far by every process of a process group (Linux /proc; 0 elsewhere). Divided
 * by the requests served, it tells what a request costs the server regardless of what else the
 * machine is doing, which throughput alone cannot.
 */
export function processGroupCpuSeconds(processGroupId: number): number {
  // utime(14) stime(15), counted from the state field as 0.
  const ticks = processGroupStats(processGroupId).reduce(
    (sum, fields) => sum + Number(fields[11]) + Number(fields[12]),
    0,
  );
  return ticks / TICKS_PER_SECOND;
}

/** Resident memory of every process of a process group, in bytes (rss, field 24; 0 elsewhere). */
export function processGroupRssBytes(processGroupId: number): number {
  return processGroupStats(processGroupId).reduce(
    (sum, fields) => sum + Number(fields[21]) * PAGE_BYTES,
    0,
  );
}
