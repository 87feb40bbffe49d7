/**
 * The Klientiks emulator as a separate process for `bench:ingest`, so that serving the worker's
 * getAppointment calls does not share the load generator's event loop. No demo data, no request
 * logging; the port comes from BENCH_EMULATOR_PORT.
 */
import { startKlientiksEmulator } from "../../emulators/klientiks/server";

const emulator = await startKlientiksEmulator({
  port: Number(process.env.BENCH_EMULATOR_PORT ?? 0),
  seedDemo: false,
  log: false,
});
console.log(`[bench-emulator] listening on ${emulator.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void emulator.close().finally(() => process.exit(0)));
