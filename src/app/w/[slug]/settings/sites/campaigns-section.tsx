"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { CampaignForm, type TCampaignView } from "./campaign-form";
import { useSourceLabel } from "./use-source-label";

export function CampaignsSection() {
  const t = useTranslations("sites");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sourceLabel = useSourceLabel();
  const { formError } = useErrorText();
  const sources = useQuery(trpc.sites.sources.queryOptions());
  const campaigns = useQuery(trpc.sites.campaigns.queryOptions());
  const remove = useMutation(
    trpc.sites.removeCampaign.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sites.campaigns.queryKey() }),
    }),
  );
  const [editing, setEditing] = useState<TCampaignView | null>(null);
  const sourceById = new Map((sources.data ?? []).map((source) => [source.id, source]));

  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{t("campaignsTitle")}</h2>
      <p className="text-sm text-slate-600">{t("campaignsHint")}</p>
      <Card isFlush>
        {campaigns.data?.length ? (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="px-4 py-3">{t("campaignName")}</th>
                <th className="px-4 py-3">{t("campaignSource")}</th>
                <th className="px-4 py-3">{t("campaignValues")}</th>
                <th className="px-4 py-3" />
              </tr>
            </thead>
            <tbody>
              {campaigns.data.map((campaign) => {
                const source = sourceById.get(campaign.sourceId);
                return (
                  <tr
                    key={campaign.id}
                    className="border-b border-slate-100 last:border-0"
                    data-testid="campaign-row"
                  >
                    <td className="px-4 py-2 font-medium">
                      {campaign.name}
                      {campaign.isAutoCreated ? (
                        <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">
                          {t("autoCreated")}
                        </span>
                      ) : null}
                    </td>
                    <td className="px-4 py-2 text-slate-600">
                      {source ? sourceLabel(source) : "—"}
                    </td>
                    <td className="px-4 py-2 font-mono text-xs text-slate-600">
                      {campaign.utmCampaigns.join(", ")}
                    </td>
                    <td className="whitespace-nowrap px-4 py-2 text-right">
                      <Button variant="ghost" size="sm" onClick={() => setEditing(campaign)}>
                        {t("editCampaign")}
                      </Button>
                      <Button
                        variant="danger"
                        size="sm"
                        className="ml-2"
                        onClick={() =>
                          window.confirm(t("confirmRemoveCampaign", { name: campaign.name })) &&
                          remove.mutate({ campaignId: campaign.id })
                        }
                      >
                        {t("removeCampaign")}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="px-4 py-3 text-sm text-slate-500">{t("noCampaigns")}</p>
        )}
      </Card>
      <FormError message={formError(remove.error)} />
      {sources.data ? (
        <CampaignForm
          key={editing?.id ?? "new"}
          sources={sources.data}
          editing={editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}
