import { z } from "zod";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { AppError } from "@/server/errors";

import { isAmountProblem, parseAmountMinor, type TAmountProblem } from "./cost-amount";
import { isCostMonth, monthPeriod } from "./cost-month";

/** Amount problems as the `validation.*` keys forms already show. */
const AMOUNT_VALIDATION: Record<Exclude<TAmountProblem, "amountEmpty">, string> = {
  amountNotNumber: "invalid",
  amountNegative: "tooSmall",
  amountTooBig: "tooBig",
};

/**
 * A campaign's cost for a month as typed: «15 000», «1 234,50»; an empty amount clears the month.
 * Each field's error is reported under its own name.
 */
export const ZMonthlyCostRequest = z.object({
  campaignId: z.string().min(1, "required").max(64, "tooLong"),
  month: z.string().refine(isCostMonth, "invalid"),
  amount: z
    .string()
    .max(40, "tooLong")
    .transform((text, context) => {
      const amount = parseAmountMinor(text);
      if (amount === "amountEmpty") return null;
      if (!isAmountProblem(amount)) return amount;
      context.addIssue({ code: "custom", message: AMOUNT_VALIDATION[amount] });
      return z.NEVER;
    }),
});

export type TMonthlyCostRequest = z.output<typeof ZMonthlyCostRequest>;

async function assertOwnCampaign(db: TDbClient, tenantId: string, campaignId: string) {
  const campaign = await db.adCampaign.findFirst({
    where: { id: campaignId, tenantId },
    select: { id: true },
  });
  if (!campaign) throw new AppError("NOT_FOUND");
}

/**
 * Sets, replaces or (with no amount) clears what a campaign cost in a month, entered by hand: one
 * cost over the whole month (docs/analytics-costs.md §2).
 */
export function setMonthlyCost(
  db: TDb,
  {
    tenantId,
    actorUserId,
    request,
  }: { tenantId: string; actorUserId: string; request: TMonthlyCostRequest },
) {
  const { campaignId, month, amount } = request;
  const period = monthPeriod(month);
  return db.$transaction(async (tx) => {
    await assertOwnCampaign(tx, tenantId, campaignId);
    const key = { tenantId, campaignId, ...period };
    if (amount === null) await tx.adCost.deleteMany({ where: key });
    else
      await tx.adCost.upsert({
        where: { tenantId_campaignId_periodStart_periodEnd: key },
        create: { id: createId("cst"), ...key, amountMinor: amount, origin: "manual" },
        update: { amountMinor: amount, origin: "manual" },
      });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: amount === null ? "cost.cleared" : "cost.set",
      targetType: "campaign",
      targetId: campaignId,
      data: { month, amountMinor: amount?.toString() ?? null },
    });
    return { campaignId, month, amountMinor: amount };
  });
}
