"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";

import { useLiveEvents } from "@/components/live/live-events-context";
import { cn } from "@/lib/cn";
import { useErrorText } from "@/lib/use-error-text";
import { useTRPC } from "@/trpc/react";

/** The callback's states after which nothing more happens. */
const FINAL = new Set(["failed", "ended"]);
/**
 * The steps arrive as live events (`callback.status` for the click, `calls.changed` for the call it
 * placed); reading the row now and then is the fallback for a dropped stream, for five minutes at most.
 */
const POLL_MS = 10_000;
const POLL_FOR_MS = 5 * 60_000;
const POPOVER_WIDTH = 256;

type TAnchor = { left: number; top: number };

/**
 * Where the steps popover goes: under the button, kept inside the window. Fixed, not absolute, so
 * a table that scrolls sideways (and clips its cells) cannot hide it; it follows the button on scroll.
 */
function usePopoverAnchor(button: RefObject<HTMLButtonElement | null>, isOpen: boolean) {
  const [anchor, setAnchor] = useState<TAnchor | null>(null);
  useEffect(() => {
    if (!isOpen) return;
    const place = () => {
      const rect = button.current?.getBoundingClientRect();
      if (rect)
        setAnchor({
          left: Math.max(8, Math.min(rect.left, window.innerWidth - POPOVER_WIDTH - 8)),
          top: rect.bottom + 4,
        });
    };
    place();
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  }, [button, isOpen]);
  return anchor;
}

function PhoneIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z" />
    </svg>
  );
}

/**
 * A small phone button beside a client's phone (docs/click-to-call.md): Zadarma rings the member's
 * own extension first, then the client, and the popover follows the steps. One click is one call:
 * the click's idempotency key is kept until the call is over, so a double click or a retried
 * request reuses it and the server places one call (R21).
 */
export function CallButton({
  phone,
  clientId,
  className,
  label,
}: {
  phone: string;
  clientId?: string | null;
  className?: string;
  label?: string;
}) {
  const t = useTranslations("telephony.callButton");
  const trpc = useTRPC();
  const { formError } = useErrorText();
  const clickKey = useRef<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const anchor = usePopoverAnchor(buttonRef, isOpen);
  const setup = useQuery({ ...trpc.telephony.callSetup.queryOptions(), staleTime: 60_000 });
  const place = useMutation(trpc.telephony.placeCall.mutationOptions());
  const callbackId = place.data?.id;
  const status = useQuery({
    ...trpc.telephony.callbackStatus.queryOptions({ id: callbackId ?? "" }),
    enabled: callbackId !== undefined,
    initialData: place.data,
    refetchInterval: (query) => {
      const current = query.state.data;
      const isOver =
        !current ||
        FINAL.has(current.status) ||
        Date.now() - current.requestedAt.getTime() > POLL_FOR_MS;
      return isOver ? false : POLL_MS;
    },
  });
  const current = status.data ?? place.data;
  const isLive = current !== undefined && !FINAL.has(current.status);
  const refetchWhileLive = () => {
    if (isLive) void status.refetch();
  };
  useLiveEvents("callback.status", refetchWhileLive);
  useLiveEvents("calls.changed", refetchWhileLive);
  const isUnderWay = place.isPending || isLive;
  const unavailable = !setup.data
    ? t("checking")
    : !setup.data.isConnected
      ? t("notConnected")
      : !setup.data.extension
        ? t("noExtension")
        : null;

  /** The step in plain words; a call that ended without a conversation says why. */
  const stepText = ({
    status: stepStatus,
    failureCode,
    disposition,
  }: {
    status: string;
    failureCode: string | null;
    disposition: string | null;
  }) => {
    if (stepStatus === "failed")
      return t(
        `failure.${failureCode && t.has(`failure.${failureCode}`) ? failureCode : "provider_unreachable"}`,
      );
    if (stepStatus === "ended" && disposition && disposition !== "answered")
      return t(`outcome.${disposition}`);
    return t(`steps.${stepStatus}`);
  };
  const call = () => {
    // A finished call, or one the server refused, is over: the next click is a new call. A lost
    // answer (no response at all) keeps the key, so trying again cannot place a second call.
    const isOver =
      (current !== undefined && FINAL.has(current.status)) ||
      Boolean(place.error?.data?.appErrorCode);
    if (isOver) clickKey.current = null;
    clickKey.current ??= crypto.randomUUID();
    setIsOpen(true);
    place.mutate({ phone, idempotencyKey: clickKey.current, clientId: clientId ?? null });
  };
  const close = () => {
    setIsOpen(false);
    if (!isUnderWay) {
      clickKey.current = null;
      place.reset();
    }
  };
  const step = place.error
    ? formError(place.error)
    : current
      ? stepText(current)
      : t("steps.requested");
  return (
    // Inside a clickable table row: a click here is a call, not "open the row".
    <span
      className={cn("inline-flex", className)}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <button
        ref={buttonRef}
        type="button"
        onClick={call}
        disabled={unavailable !== null || isUnderWay}
        title={unavailable ?? t("call", { phone })}
        // A visible label names the button itself (a missed call's «Перезвонить»).
        aria-label={label ? undefined : t("call", { phone })}
        data-testid="call-button"
        className={
          label
            ? "inline-flex h-8 items-center gap-1.5 rounded-md border border-brand-200 bg-white px-2.5 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:border-slate-200 disabled:text-slate-400"
            : "inline-flex h-6 w-6 items-center justify-center rounded-full text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-slate-300"
        }
      >
        <PhoneIcon />
        {label}
      </button>
      {isOpen && anchor ? (
        <span
          role="status"
          data-testid="call-steps"
          data-status={place.error ? "error" : (current?.status ?? "requested")}
          style={{ left: anchor.left, top: anchor.top, width: POPOVER_WIDTH }}
          className="fixed z-50 flex items-start gap-2 whitespace-normal rounded-md border border-slate-200 bg-white p-3 text-left text-sm text-slate-800 shadow-lg"
        >
          <span className="flex-1">{step}</span>
          <button
            type="button"
            onClick={close}
            aria-label={t("close")}
            className="text-slate-400 hover:text-slate-700"
          >
            ×
          </button>
        </span>
      ) : null}
    </span>
  );
}
