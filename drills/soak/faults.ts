import { log } from "../../bench/lib/stats";
import type { KlientiksControl } from "../../emulators/klientiks/control-client";
import type { ZadarmaControl } from "../../emulators/zadarma/control-client";

const KLIENTIKS_5XX_SHARE = 0.1;
const KLIENTIKS_HANG_SHARE = 0.05;
const RECORDINGS_5XX_SHARE = 0.05;

type TEmulators = { klientiks: KlientiksControl; zadarma: ZadarmaControl };

/**
 * The providers misbehave, through their emulators' fault control: Klientiks answers 10 % of the
 * app's requests with 500 and leaves 5 % hanging (until the app's timeout), Zadarma answers 5 % of
 * the recording-link requests with 500. Each draw is the emulator's seeded generator's.
 */
export async function turnFaultsOn({ klientiks, zadarma }: TEmulators): Promise<void> {
  await klientiks.addFault({ mode: "http_error", status: 500, probability: KLIENTIKS_5XX_SHARE });
  // Drawn only when the 500 did not fire: 5 % of all requests.
  await klientiks.addFault({
    mode: "hang",
    probability: KLIENTIKS_HANG_SHARE / (1 - KLIENTIKS_5XX_SHARE),
  });
  await zadarma.addRestFault({
    mode: "http_error",
    status: 500,
    match: { method: "pbx/record/request" },
    probability: RECORDINGS_5XX_SHARE,
  });
  log(
    `faults on: Klientiks answers ${KLIENTIKS_5XX_SHARE * 100} % of requests with 500 and leaves ${KLIENTIKS_HANG_SHARE * 100} % hanging; ` +
      `Zadarma answers ${RECORDINGS_5XX_SHARE * 100} % of recording requests with 500`,
  );
}

export async function turnFaultsOff({ klientiks, zadarma }: TEmulators): Promise<void> {
  await klientiks.clearFaults();
  await zadarma.clearRestFaults();
}
