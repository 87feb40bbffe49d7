import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

import { onCleanup } from "./cleanup";
import { log } from "./stats";

/**
 * Runs another bench script to its end in its own process group (its own throwaway database and
 * cleanups), passing its progress lines through with its name, and returns its JSON line (the last
 * line of its output). An interrupted parent stops it.
 */
export async function runChildBench(script: string): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
    env: process.env,
  });
  const stopChild = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  onCleanup(`stop ${script}`, stopChild);
  let lastLine = "";
  const lines = createInterface({ input: child.stdout });
  const allRead = new Promise<void>((resolve) => lines.once("close", resolve));
  lines.on("line", (line) => {
    // Its own progress lines; what its tools print (the migration's report) stays out.
    if (line.startsWith("{")) lastLine = line;
    else if (line.startsWith("[bench] ")) log(`${script}: ${line.slice("[bench] ".length)}`);
  });
  const code = await new Promise<number | null>((resolve) =>
    child.once("exit", (exitCode) => resolve(exitCode)),
  );
  await allRead;
  if (code !== 0 || !lastLine) throw new Error(`${script} exited with ${code} without a JSON line`);
  return JSON.parse(lastLine) as Record<string, unknown>;
}
