import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

type TProcessStat = { pid: number; command: string; fields: string[] };

/**
 * Every process of a process group (Linux; none elsewhere): its pid, its command name as `/proc`
 * shows it (the process title, truncated to 15 characters) and the `/proc/{pid}/stat` fields after
 * that name (state ppid pgrp …).
 */
function processGroupStats(processGroupId: number): TProcessStat[] {
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
      const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      return Number(fields[2]) === processGroupId ? [{ pid: Number(entry), command, fields }] : [];
    } catch {
      return []; // the process ended meanwhile
    }
  });
}

/** The live (not zombie) processes of a process group whose title starts with `title`. */
export const findProcessesByTitle = (processGroupId: number, title: string): number[] =>
  processGroupStats(processGroupId)
    .filter((member) => member.command.startsWith(title) && member.fields[0] !== "Z")
    .map((member) => member.pid);

/**
 * CPU seconds used so far by every process of a process group (Linux /proc; 0 elsewhere). Divided
 * by the requests served, it tells what a request costs the server regardless of what else the
 * machine is doing, which throughput alone cannot.
 */
export function processGroupCpuSeconds(processGroupId: number): number {
  // utime(14) stime(15), counted from the state field as 0.
  const ticks = processGroupStats(processGroupId).reduce(
    (sum, { fields }) => sum + Number(fields[11]) + Number(fields[12]),
    0,
  );
  return ticks / TICKS_PER_SECOND;
}

/** Resident memory of every process of a process group, in bytes (rss, field 24; 0 elsewhere). */
export function processGroupRssBytes(processGroupId: number): number {
  return processGroupStats(processGroupId).reduce(
    (sum, { fields }) => sum + Number(fields[21]) * PAGE_BYTES,
    0,
  );
}
