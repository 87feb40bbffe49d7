"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { formatDomain } from "@/lib/domains";
import { formatPhone } from "@/lib/phones";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

import { SitePhonesForm } from "./site-phones-form";
import { useHeldUntil, useInvalidateCallTracking, type TNumberView } from "./use-call-tracking";

type TSiteView = {
  id: string;
  domain: string;
  name: string;
  phoneTargets: string[];
  phoneSelector: string | null;
  poolHoldMinutes: number;
  coverage: {
    sessions: number;
    poolSessions: number;
    share: number | null;
    fallbackGrants: number;
    isExhaustedRecently: boolean;
  };
};

/** One site: its phones to replace, hold time, pool and fallback numbers, and the pool's coverage. */
export function SiteCallTrackingCard({
  site,
  numbers,
  timeZone,
  onEdit,
}: {
  site: TSiteView;
  numbers: TNumberView[];
  timeZone: string;
  onEdit: (number: TNumberView) => void;
}) {
  const t = useTranslations("callTracking");
  const format = useFormatter();
  const heldUntil = useHeldUntil(timeZone);
  const pool = numbers.filter((number) => number.usage === "pool");
  const fallback = numbers.find((number) => number.usage === "fallback") ?? null;
  const { coverage } = site;

  return (
    <Card className="space-y-5" data-testid={`ct-site-card-${site.domain}`}>
      <div>
        <h3 className="text-base font-semibold">{site.name}</h3>
        <p className="font-mono text-sm text-slate-600">{formatDomain(site.domain)}</p>
      </div>
      {coverage.isExhaustedRecently ? (
        <p
          role="status"
          data-testid="ct-exhaustion-warning"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {t("exhaustedWarning")}
        </p>
      ) : null}
      <SitePhonesForm site={site} />
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-700">{t("poolTitle")}</p>
        {pool.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noPool")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
            {pool.map((number) => (
              <NumberRow key={number.id} number={number} onEdit={onEdit}>
                {number.heldUntil
                  ? t("heldUntil", { time: heldUntil(number.heldUntil) })
                  : t("free")}
              </NumberRow>
            ))}
          </ul>
        )}
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-700">{t("fallbackTitle")}</p>
        {fallback ? (
          <ul className="rounded-md border border-slate-200" data-testid="ct-fallback-number">
            <NumberRow number={fallback} onEdit={onEdit}>
              {t("fallbackHint")}
            </NumberRow>
          </ul>
        ) : (
          <p className="text-sm text-slate-500">{t("noFallback")}</p>
        )}
      </div>
      <p className="text-sm text-slate-700" data-testid="ct-coverage">
        {coverage.share === null
          ? t("coverageNone")
          : t("coverage", {
              share: format.number(coverage.share, { style: "percent", maximumFractionDigits: 1 }),
              poolSessions: coverage.poolSessions,
              sessions: coverage.sessions,
              fallbackGrants: coverage.fallbackGrants,
            })}
      </p>
    </Card>
  );
}

/** A number with its state, and its edit and remove buttons. */
export function NumberRow({
  number,
  onEdit,
  children,
}: {
  number: TNumberView;
  onEdit: (number: TNumberView) => void;
  children: ReactNode;
}) {
  const t = useTranslations("callTracking");
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const invalidate = useInvalidateCallTracking();
  const remove = useMutation(
    trpc.callTracking.removeNumber.mutationOptions({ onSuccess: invalidate }),
  );
  return (
    <li className="px-3 py-2 text-sm" data-testid="ct-number-row">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span>
          <span className="font-mono font-medium" data-testid="ct-number-phone">
            {formatPhone(number.phone)}
          </span>
          <span className="ml-3 text-slate-500">{children}</span>
        </span>
        <span className="whitespace-nowrap">
          <Button variant="ghost" size="sm" onClick={() => onEdit(number)}>
            {t("edit")}
          </Button>
          <Button
            variant="danger"
            size="sm"
            className="ml-2"
            disabled={remove.isPending}
            data-testid="ct-remove-number"
            onClick={() =>
              window.confirm(t("confirmRemove", { phone: formatPhone(number.phone) ?? "" })) &&
              remove.mutate({ numberId: number.id })
            }
          >
            {t("remove")}
          </Button>
        </span>
      </div>
      <FormError message={formError(remove.error)} />
    </li>
  );
}
