"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";

import { formatMoney } from "@/lib/format-money";
import { formatPhone } from "@/lib/phones";
import type { TCallCard } from "@/server/domain/calls/call-card";
import type { TCallCardVisit } from "@/server/domain/calls/call-card-history";

type TIncomingCallCardProps = {
  card: TCallCard;
  slug: string;
  /** The workspace's clock: visits are booked in its time. */
  timeZone: string;
  onDismiss: () => void;
  /** The "enable notifications" control, when the browser can still be asked. */
  notificationControl?: ReactNode;
};

const STATE_STYLES: Record<TCallCard["state"], string> = {
  ringing: "border-brand-300 ring-2 ring-brand-200",
  answered: "border-green-300",
  ended: "border-slate-200 opacity-90",
};

/** The card of a call that rings, is answered or just ended (issue 9 §6), with the caller's history. */
export function IncomingCallCard({
  card,
  slug,
  timeZone,
  onDismiss,
  notificationControl,
}: TIncomingCallCardProps) {
  const t = useTranslations("liveCall");
  const tStages = useTranslations("deals.stages");
  const format = useFormatter();
  const locale = useLocale();
  const when = (iso: string | null) =>
    iso
      ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short", timeZone })
      : null;
  const visit = (value: TCallCardVisit | null) =>
    value
      ? [
          when(value.at),
          tStages.has(value.stage) ? tStages(value.stage) : value.stage,
          formatMoney(value.amountMinor, value.currency, locale),
        ]
          .filter(Boolean)
          .join(" · ")
      : t("none");
  const title =
    card.state === "ringing"
      ? t(card.direction === "outgoing" ? "outgoing" : "incoming")
      : t(card.state);
  const extensionLine =
    card.state === "ended"
      ? ({ alone: "rangOn", withMember: "rangOnMember" } as const)
      : ({ alone: "ringsOn", withMember: "ringsOnMember" } as const);
  const who =
    card.answeredAt && card.memberName
      ? t("answeredBy", { member: card.memberName })
      : card.extension
        ? card.memberName
          ? t(extensionLine.withMember, { extension: card.extension, member: card.memberName })
          : t(extensionLine.alone, { extension: card.extension })
        : null;
  const lead = card.lastLead
    ? [
        when(card.lastLead.at),
        [card.lastLead.source ?? t("noSource"), card.lastLead.campaign].filter(Boolean).join(" / "),
      ]
        .filter(Boolean)
        .join(" · ")
    : t("none");
  const lastCall = card.lastCall
    ? [
        when(card.lastCall.at),
        t(`directions.${card.lastCall.direction}`),
        card.lastCall.disposition ? t(`dispositions.${card.lastCall.disposition}`) : null,
      ]
        .filter(Boolean)
        .join(" · ")
    : t("none");

  return (
    <section
      role="status"
      aria-live="polite"
      data-testid="incoming-call-card"
      data-call-id={card.callId}
      data-state={card.state}
      className={`pointer-events-auto w-full rounded-lg border bg-white p-4 text-sm shadow-lg ${STATE_STYLES[card.state]}`}
    >
      <header className="flex items-start justify-between gap-3">
        <div>
          <p className="font-semibold text-slate-900" data-testid="call-card-title">
            {title}
          </p>
          {who ? (
            <p className="text-xs text-slate-500" data-testid="call-card-member">
              {who}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          onClick={onDismiss}
          aria-label={t("dismiss")}
          title={t("dismiss")}
          className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
        >
          <span aria-hidden="true">×</span>
        </button>
      </header>

      <p
        className="mt-2 text-lg font-semibold tabular-nums text-slate-900"
        data-testid="call-card-phone"
      >
        {formatPhone(card.phone) ?? t("hiddenNumber")}
      </p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        {card.client ? (
          <Link
            href={`/w/${slug}/clients/${card.client.id}`}
            className="font-medium text-brand-700 hover:underline"
            data-testid="call-card-client"
          >
            {card.client.name ?? t("noName")}
          </Link>
        ) : (
          <span className="text-slate-600" data-testid="call-card-client">
            {t("unknownCaller")}
          </span>
        )}
        <span
          className={`rounded-full px-2 py-0.5 text-xs ${card.isReturning ? "bg-brand-50 text-brand-700" : "bg-amber-50 text-amber-800"}`}
          data-testid="call-card-returning"
        >
          {t(card.isReturning ? "returningClient" : "newClient")}
        </span>
      </div>
      {card.client?.klientiksClientId ? (
        <p className="mt-1 text-xs text-slate-600">
          {t("klientiksId", { id: card.client.klientiksClientId })}
          {card.client.klientiksUrl ? (
            <>
              {" · "}
              <a
                href={card.client.klientiksUrl}
                target="_blank"
                rel="noopener noreferrer"
                className="text-brand-700 hover:underline"
                data-testid="call-card-klientiks-link"
              >
                {t("openInKlientiks")}
              </a>
            </>
          ) : null}
        </p>
      ) : null}

      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">{t("nextVisit")}</dt>
        <dd className="text-slate-800" data-testid="call-card-next-visit">
          {visit(card.nextVisit)}
        </dd>
        <dt className="text-slate-500">{t("lastVisit")}</dt>
        <dd className="text-slate-800" data-testid="call-card-last-visit">
          {visit(card.lastVisit)}
        </dd>
        <dt className="text-slate-500">{t("lastLead")}</dt>
        <dd className="text-slate-800" data-testid="call-card-last-lead">
          {lead}
        </dd>
        <dt className="text-slate-500">{t("lastCall")}</dt>
        <dd className="text-slate-800" data-testid="call-card-last-call">
          {lastCall}
        </dd>
      </dl>

      {card.state === "ended" && card.disposition ? (
        <p className="mt-3 font-medium text-slate-700" data-testid="call-card-outcome">
          {t("outcome", { outcome: t(`dispositions.${card.disposition}`) })}
        </p>
      ) : null}
      {card.client ? (
        <p className="mt-3 text-xs">
          <Link
            href={`/w/${slug}/clients/${card.client.id}`}
            className="text-brand-700 hover:underline"
          >
            {t("clientPage")}
          </Link>
        </p>
      ) : null}
      {notificationControl}
    </section>
  );
}
