import type { TSql } from "../../bench/lib/database";
import { log, mapWithConcurrency } from "../../bench/lib/stats";
import type { KlientiksControl } from "../../emulators/klientiks/control-client";
import type { ZadarmaControl } from "../../emulators/zadarma/control-client";
import { waitForBackgroundWork } from "../lib/background-work";
import { turnFaultsOff } from "./faults";
import type { TSalon } from "./salons";

/**
 * What follows the sending. The faults last as long as the load, until every delivery has been
 * tried once: a worker that lags behind the receiver would otherwise meet them with a few
 * deliveries only. Then they clear; the retries and the recordings are waited for; every salon is
 * reconciled («Сверить сейчас»: whatever it finds missing or stale, the webhooks did not bring) and
 * waited for again. Returns whether all that finished by `deadline`.
 */
export async function settleAfterLoad(
  sql: TSql,
  salons: readonly TSalon[],
  emulators: { klientiks: KlientiksControl; zadarma: ZadarmaControl },
  { sendingEndedAt, deadline }: { sendingEndedAt: number; deadline: number },
): Promise<boolean> {
  const tenantIds = salons.map((salon) => salon.tenantId);
  const untilDeadline = () => deadline - Date.now();
  await waitForBackgroundWork(sql, tenantIds, {
    timeoutMs: untilDeadline(),
    isDone: (work) => work.untried === 0,
  });
  await turnFaultsOff(emulators);
  log(
    `faults off: every delivery has been tried once, ${((Date.now() - sendingEndedAt) / 1000).toFixed(1)} s after the end of sending`,
  );
  if (!(await waitForBackgroundWork(sql, tenantIds, { timeoutMs: untilDeadline() }))) return false;
  const reconciled = await mapWithConcurrency(salons, 4, (salon) =>
    salon.klientiks.api.mutation<{ listed: number; enqueued: number }>("klientiks.reconcileNow", {
      tenantSlug: salon.klientiks.slug,
    }),
  );
  log(
    `reconciliation listed ${reconciled.reduce((sum, result) => sum + result.listed, 0)} appointments and found ` +
      `${reconciled.reduce((sum, result) => sum + result.enqueued, 0)} whose deal was missing or stale`,
  );
  return waitForBackgroundWork(sql, tenantIds, { timeoutMs: untilDeadline() });
}
