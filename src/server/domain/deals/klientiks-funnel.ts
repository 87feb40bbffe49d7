export type TStageGroup = "in_work" | "won" | "lost";

/**
 * The funnel «Клиентикс: визиты»: one stage per appointment status, in the order of
 * klientiks-contract §10, grouped into in work / won / lost.
 */
export const KLIENTIKS_STAGES: readonly { status: string; group: TStageGroup }[] = [
  { status: "scheduled", group: "in_work" },
  { status: "confirmed", group: "in_work" },
  { status: "sms_confirmation_sent", group: "in_work" },
  { status: "in_progress", group: "in_work" },
  { status: "finished", group: "won" },
  { status: "missed", group: "lost" },
  { status: "cancelled", group: "lost" },
  { status: "cancelled_by_sms", group: "lost" },
];

/** Unknown statuses are appended after the known ones (§10). */
const UNKNOWN_STAGE_ORDER = 100;

export type TStage = { stage: string; group: TStageGroup; order: number; isKnown: boolean };

/**
 * Any status string is accepted and stored verbatim; an unknown one becomes its own stage grouped
 * as "in work" (klientiks-contract §10, Our decision).
 */
export function stageForStatus(status: string): TStage {
  const index = KLIENTIKS_STAGES.findIndex((stage) => stage.status === status);
  const known = KLIENTIKS_STAGES[index];
  return known
    ? { stage: status, group: known.group, order: index, isKnown: true }
    : { stage: status, group: "in_work", order: UNKNOWN_STAGE_ORDER, isKnown: false };
}
