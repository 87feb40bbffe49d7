/**
 * Cleanups run once, in reverse order of registration, whether the bench ends normally, throws, or
 * is interrupted (SIGINT/SIGTERM). Children started with `startProcess` live in their own process
 * group, so a cleanup that stops them also stops whatever they spawned.
 */
import { logError } from "./stats";

type TCleanup = { name: string; run: () => Promise<void> };

const cleanups: TCleanup[] = [];
let cleanupPromise: Promise<void> | null = null;

export function onCleanup(name: string, run: () => Promise<void>): void {
  cleanups.push({ name, run });
}

export function runCleanups(): Promise<void> {
  cleanupPromise ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup
        .run()
        .catch((error: unknown) =>
          logError(
            `cleanup "${cleanup.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
  })();
  return cleanupPromise;
}

/** Installs the signal handlers; an interrupted run cleans up and exits 130 without a JSON line. */
export function cleanUpOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logError(`${signal}: cleaning up`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

/**
 * Runs a bench: its result object becomes the last stdout line, as JSON. A setup failure (thrown
 * error) exits 1 after cleaning up; a slow result is not a failure, the numbers tell. A drill, whose
 * targets are pass or fail, says with `isMiss` which results exit 1 after printing their line.
 */
export async function runBench<TResult extends Record<string, unknown>>(
  main: () => Promise<TResult>,
  { isMiss }: { isMiss?: (result: TResult) => boolean } = {},
): Promise<never> {
  cleanUpOnSignals();
  let result: TResult | null = null;
  try {
    result = await main();
  } catch (error) {
    logError(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  await runCleanups();
  if (!result) process.exit(1);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(isMiss?.(result) ? 1 : 0);
}
