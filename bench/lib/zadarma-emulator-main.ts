/**
 * The Zadarma emulator as a separate process for `bench:calls`, so that streaming recordings and
 * answering the app's REST calls do not share the load generator's event loop. No demo account,
 * no autopilot, no request logging; the port comes from BENCH_EMULATOR_PORT.
 */
import { startZadarmaEmulator } from "../../emulators/zadarma/server";

const emulator = await startZadarmaEmulator({
  port: Number(process.env.BENCH_EMULATOR_PORT ?? 0),
  seedDemo: false,
  log: false,
});
console.log(`[bench-zadarma-emulator] listening on ${emulator.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void emulator.close().finally(() => process.exit(0)));
