import { readFileSync } from "node:fs";

import { findProcessesByTitle } from "../../bench/lib/process-cpu";

/** `next start` serves from a process it titles `next-server (v…)`. */
const NEXT_SERVER_TITLE = "next-server";

/** The process that serves requests under `next start`, in the process group `startApp` made. */
export function findNextServerPid(processGroupId: number): number {
  const [pid] = findProcessesByTitle(processGroupId, NEXT_SERVER_TITLE);
  if (pid === undefined)
    throw new Error(`no ${NEXT_SERVER_TITLE} process in process group ${processGroupId}`);
  return pid;
}

/**
 * Resident memory of one process in bytes (`VmRSS` in `/proc/{pid}/status`); null once the
 * process has ended (a zombie has no `VmRSS` line either).
 */
export function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Whether `/api/health/live` (no database behind it) answers 200 within `timeoutMs`. */
export async function answersLivenessProbe(appUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`${appUrl}/api/health/live`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
