"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";

import { useLiveEvents, type TLiveEvent } from "@/components/live/live-events-context";
import { formatPhone } from "@/lib/phones";
import type { TCallCard } from "@/server/domain/calls/call-card";

import {
  applyCallCard,
  closeDueCallCards,
  dismissCallCard,
  EMPTY_CALL_CARDS,
  nextClosingAt,
} from "./call-cards-state";
import { IncomingCallCard } from "./incoming-call-card";

type TPermission = NotificationPermission | "unsupported";

const currentPermission = (): TPermission =>
  typeof Notification === "undefined" ? "unsupported" : Notification.permission;

/** Asks once, from a click (browsers ignore a request without one). */
function NotificationControl({
  permission,
  onChange,
}: {
  permission: TPermission;
  onChange: (permission: TPermission) => void;
}) {
  const t = useTranslations("liveCall");
  if (permission === "unsupported" || permission === "granted") return null;
  if (permission === "denied")
    return <p className="mt-2 text-xs text-slate-500">{t("notificationsBlocked")}</p>;
  return (
    <button
      type="button"
      className="mt-2 text-xs text-brand-700 hover:underline"
      data-testid="enable-call-notifications"
      onClick={() => void Notification.requestPermission().then(onChange)}
    >
      {t("enableNotifications")}
    </button>
  );
}

/**
 * The incoming-call cards of this member, over any page of the cabinet: `call.card` live events
 * open, update and close them (call-cards-state.ts). A new call also raises a browser notification
 * when the tab is in the background and the member allowed it.
 */
export function IncomingCallCards({ slug, timeZone }: { slug: string; timeZone: string }) {
  const t = useTranslations("liveCall");
  const [state, setState] = useState(EMPTY_CALL_CARDS);
  // Read on the client only: the server renders no card, so nothing depends on it there.
  const [permission, setPermission] = useState<TPermission>(currentPermission);

  const notify = useCallback(
    (card: TCallCard) => {
      if (currentPermission() !== "granted" || document.visibilityState !== "hidden") return;
      const notification = new Notification(t("notificationTitle"), {
        body: [card.client?.name, formatPhone(card.phone)].filter(Boolean).join(" · "),
        tag: card.callId,
      });
      notification.onclick = () => {
        window.focus();
        notification.close();
      };
    },
    [t],
  );

  useLiveEvents("call.card", (event: TLiveEvent) => {
    const card = event.payload as TCallCard;
    const options = { now: Date.now(), isReplay: event.isReplay === true };
    setState((previous) => applyCallCard(previous, card, options));
    if (
      card.state === "ringing" &&
      !options.isReplay &&
      !state.dismissed.includes(card.callId) &&
      !state.open.some((open) => open.card.callId === card.callId)
    )
      notify(card);
  });

  const closingAt = nextClosingAt(state);
  useEffect(() => {
    if (closingAt === null) return;
    const timer = setTimeout(
      () => setState((previous) => closeDueCallCards(previous, Date.now())),
      Math.max(0, closingAt - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [closingAt]);

  if (state.open.length === 0) return null;
  return (
    <div
      className="pointer-events-none fixed inset-x-3 bottom-3 z-50 flex flex-col gap-3 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96"
      data-testid="incoming-call-cards"
    >
      {state.open.map(({ card }) => (
        <IncomingCallCard
          key={card.callId}
          card={card}
          slug={slug}
          timeZone={timeZone}
          onDismiss={() => setState((previous) => dismissCallCard(previous, card.callId))}
          notificationControl={
            <NotificationControl permission={permission} onChange={setPermission} />
          }
        />
      ))}
    </div>
  );
}
