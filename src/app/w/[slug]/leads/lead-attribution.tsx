"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";

import { DetailList, DetailSection } from "@/components/data-table/detail-section";
import { useCanOpen } from "@/components/shell/workspace-access";

import { leadRuleHint } from "./lead-rule-hint";
import type { TLeadDetail } from "./lead-types";
import { useVisitDetailItems } from "./use-visit-detail-items";

/** Why the lead is credited where it is: the matched rule, then the session data it copied. */
export function LeadAttribution({ lead, slug }: { lead: TLeadDetail; slug: string }) {
  const t = useTranslations("leads");
  const visitItems = useVisitDetailItems();
  const canOpen = useCanOpen();
  const settingsHref = `/w/${slug}/settings/integrations/klientiks`;
  return (
    <DetailSection title={t("drawer.sections.attribution")} testId="lead-attribution">
      <p className="mb-3 text-sm text-slate-900">
        <span data-testid="lead-rule" className="font-medium">
          {t(`rules.${lead.attributionRule}`)}
        </span>
        <span className="block text-slate-600" data-testid="lead-rule-hint">
          {t.rich(`ruleHints.${leadRuleHint(lead)}`, {
            link: (chunks) =>
              canOpen(settingsHref) ? (
                <Link className="text-brand-700 underline" href={settingsHref}>
                  {chunks}
                </Link>
              ) : (
                chunks
              ),
          })}
        </span>
      </p>
      <DetailList items={visitItems(lead)} />
    </DetailSection>
  );
}
