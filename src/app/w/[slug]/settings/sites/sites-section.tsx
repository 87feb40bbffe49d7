"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { useTRPC } from "@/trpc/react";

import { AddSiteForm } from "./add-site-form";
import { SiteCard } from "./site-card";

export function SitesSection() {
  const t = useTranslations("sites");
  const trpc = useTRPC();
  const list = useQuery(trpc.sites.list.queryOptions());
  return (
    <section className="space-y-4">
      <h2 className="text-lg font-semibold">{t("sitesTitle")}</h2>
      {list.data?.sites.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noSites")}</p>
      ) : null}
      {list.data?.sites.map((site) => (
        <SiteCard
          key={site.id}
          site={site}
          scriptUrl={list.data.scriptUrl}
          demoSite={list.data.demoSite}
        />
      ))}
      <AddSiteForm />
    </section>
  );
}
