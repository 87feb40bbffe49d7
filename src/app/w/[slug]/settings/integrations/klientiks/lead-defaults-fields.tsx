"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useParams } from "next/navigation";

import { SelectField } from "@/components/ui/field";
import { formatDomain } from "@/lib/domains";

import { useSourceLabel } from "../../sites/use-source-label";
import { useTrafficCatalog } from "../../sites/use-traffic-catalog";
import type { TLeadsSettings } from "./leads-settings-step";

type TProps = { draft: TLeadsSettings; onChange: (patch: Partial<TLeadsSettings>) => void };

/** «Тип трафика»: which source and site, or which ad campaign, a lead without a session gets. */
export function LeadDefaultsFields({ draft, onChange }: TProps) {
  const t = useTranslations("klientiks");
  const { slug } = useParams<{ slug: string }>();
  const sourceLabel = useSourceLabel();
  const { sites = [], sources = [], campaigns = [], isPending } = useTrafficCatalog();
  const sourceNames = new Map(sources.map((source) => [source.id, sourceLabel(source)]));
  const isMissingDefault =
    draft.trafficType === "source" ? !draft.defaultSourceId : !draft.defaultCampaignId;
  const toId = (value: string) => (value === "" ? null : value);

  return (
    <div className="space-y-3">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("trafficType")}</legend>
        <p className="text-xs text-slate-500">{t("trafficTypeHint")}</p>
        {(["source", "campaign"] as const).map((trafficType) => (
          <label key={trafficType} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="trafficType"
              className="accent-brand-600"
              checked={draft.trafficType === trafficType}
              onChange={() => onChange({ trafficType })}
            />
            {t(trafficType === "source" ? "trafficTypeSource" : "trafficTypeCampaign")}
          </label>
        ))}
      </fieldset>
      <div className="grid max-w-2xl gap-3 sm:grid-cols-2">
        {draft.trafficType === "source" ? (
          <>
            <SelectField
              label={t("defaultSource")}
              value={draft.defaultSourceId ?? ""}
              onChange={(event) => onChange({ defaultSourceId: toId(event.target.value) })}
            >
              <option value="">{t("notChosen")}</option>
              {sources.map((source) => (
                <option key={source.id} value={source.id}>
                  {sourceLabel(source)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("defaultSite")}
              value={draft.defaultSiteId ?? ""}
              onChange={(event) => onChange({ defaultSiteId: toId(event.target.value) })}
            >
              <option value="">{t("notChosen")}</option>
              {sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name} ({formatDomain(site.domain)})
                </option>
              ))}
            </SelectField>
          </>
        ) : (
          <SelectField
            label={t("defaultCampaign")}
            value={draft.defaultCampaignId ?? ""}
            onChange={(event) => onChange({ defaultCampaignId: toId(event.target.value) })}
          >
            <option value="">{t("notChosen")}</option>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name} — {sourceNames.get(campaign.sourceId) ?? "—"}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {!isPending && isMissingDefault ? (
        <p className="text-xs text-amber-800" role="note">
          {t.rich(
            draft.trafficType === "source" ? "defaultSourceMissing" : "defaultCampaignMissing",
            {
              link: (chunks) => (
                <Link className="underline" href={`/w/${slug}/settings/sites`}>
                  {chunks}
                </Link>
              ),
            },
          )}
        </p>
      ) : null}
    </div>
  );
}
