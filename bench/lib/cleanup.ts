/**
 * Cleanups run once, in reverse order of registration, whether the bench ends normally, throws, or
 * is interrupted (SIGINT/SIGTERM). Children started with `startProcess` live in their own process
 * group, so a cleanup that stops them also stops whatever they spawned.
 */
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
          console.error(
            `[bench] cleanup "${cleanup.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
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
      console.error(`[bench] ${signal}: cleaning up`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

/**
 * Runs a bench: its result object becomes the last stdout line, as JSON. A setup failure (thrown
 * error) exits 1 after cleaning up; a slow result is not a failure, the numbers tell. A drill passes
 * `isPassing`: a result that misses its targets then exits 1 too, after its JSON line.
 */
export async function runBench(
  main: () => Promise<Record<string, unknown>>,
  options: { isPassing?: (result: Record<string, unknown>) => boolean } = {},
): Promise<never> {
  cleanUpOnSignals();
  let result: Record<string, unknown> | null = null;
  try {
    result = await main();
  } catch (error) {
    console.error(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  await runCleanups();
  if (!result) process.exit(1);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(options.isPassing && !options.isPassing(result) ? 1 : 0);
}
