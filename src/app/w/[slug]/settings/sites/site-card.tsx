"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { FormError } from "@/components/ui/form-error";
import { formatDomain } from "@/lib/domains";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { DemoSiteLink, type TDemoSite } from "./demo-site-link";
import { RecentSessions } from "./recent-sessions";
import { WidgetPatternsForm } from "./widget-patterns-form";

type TSiteView = {
  id: string;
  domain: string;
  name: string;
  publicKey: string;
  widgetUrlPatterns: string[];
  captureContacts: boolean;
};

/** The snippet customers paste: async, so it never delays their page. */
const snippetFor = (scriptUrl: string, publicKey: string) =>
  `<script async src="${scriptUrl}" data-site="${publicKey}"></script>`;

export function SiteCard({
  site,
  scriptUrl,
  demoSite,
}: {
  site: TSiteView;
  scriptUrl: string;
  demoSite: TDemoSite | null;
}) {
  const t = useTranslations("sites");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { formError } = useErrorText();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.sites.list.queryKey() });
  const update = useMutation(trpc.sites.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.sites.remove.mutationOptions({ onSuccess: invalidate }));

  return (
    <Card className="space-y-5" data-testid="site-card">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h3 className="text-base font-semibold">{site.name}</h3>
          <p className="font-mono text-sm text-slate-600" data-testid="site-domain">
            {formatDomain(site.domain)}
          </p>
        </div>
        <Button
          variant="danger"
          size="sm"
          disabled={remove.isPending}
          onClick={() =>
            window.confirm(t("confirmRemove", { name: site.name })) &&
            remove.mutate({ siteId: site.id })
          }
        >
          {t("remove")}
        </Button>
      </div>
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-700">{t("snippet")}</p>
        <CopyField
          value={snippetFor(scriptUrl, site.publicKey)}
          label={`${t("snippet")}: ${site.name}`}
          testId="site-snippet"
        />
        <p className="text-xs text-slate-500">{t("snippetHint")}</p>
      </div>
      {demoSite ? <DemoSiteLink demoSite={demoSite} site={site} /> : null}
      <WidgetPatternsForm siteId={site.id} patterns={site.widgetUrlPatterns} />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={site.captureContacts}
          disabled={update.isPending}
          onChange={(event) =>
            update.mutate({ siteId: site.id, changes: { captureContacts: event.target.checked } })
          }
        />
        <span>
          <span className="font-medium text-slate-800">{t("captureContacts")}</span>
          <span className="block text-xs text-slate-500">{t("captureContactsHint")}</span>
        </span>
      </label>
      <FormError message={formError(update.error ?? remove.error)} />
      <RecentSessions siteId={site.id} />
    </Card>
  );
}
