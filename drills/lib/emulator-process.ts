import { onCleanup } from "../../bench/lib/cleanup";
import { findFreePort, startProcess, waitForPort } from "../../scripts/lib/processes.mjs";

/**
 * One of the bench's emulator mains (`bench/lib/emulator-main.ts`, `bench/lib/zadarma-emulator-main.ts`)
 * in a process of its own, on `port` or a free one, stopped at cleanup. Returns its URL.
 */
export async function startEmulatorProcess(
  name: string,
  main: string,
  port: number | undefined,
): Promise<string> {
  const listenOn = port ?? (await findFreePort());
  const emulator = startProcess(name, process.execPath, ["--import", "tsx", main], {
    quiet: true,
    env: { BENCH_EMULATOR_PORT: String(listenOn) },
  });
  onCleanup(`stop the ${name}`, emulator.stop);
  await waitForPort(listenOn);
  return `http://127.0.0.1:${listenOn}`;
}
