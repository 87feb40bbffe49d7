"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactNode,
} from "react";

import { cn } from "@/lib/cn";

/** The least room kept between an open panel and the window's edge. */
const VIEWPORT_MARGIN_PX = 8;

/**
 * Moves an opened panel left just enough to stay inside the window: a two-month calendar under a
 * filter near the right edge would reach past it. Runs as the panel mounts, before it is painted.
 */
const keepInsideViewport = (panel: HTMLDivElement | null) => {
  if (!panel) return;
  const { left, right } = panel.getBoundingClientRect();
  const overflow = right - (window.innerWidth - VIEWPORT_MARGIN_PX);
  if (overflow > 0)
    panel.style.transform = `translateX(-${Math.min(overflow, left - VIEWPORT_MARGIN_PX)}px)`;
};

const PopoverCloseContext = createContext<() => void>(() => {});

/** Closes the popover around the caller, for a choice that ends the visit (a date picked). */
export const usePopoverClose = () => useContext(PopoverCloseContext);

export type TPopoverProps = {
  /** The trigger's content; also its accessible name unless `ariaLabel` is given. */
  trigger: ReactNode;
  ariaLabel?: string;
  align?: "start" | "end";
  isActive?: boolean;
  /** Makes the open panel a named dialog (a calendar); a plain menu of options needs none. */
  panelLabel?: string;
  children: ReactNode;
};

/** A button that opens a panel below it; closes on Esc and on a click outside. */
export function Popover({
  trigger,
  ariaLabel,
  align = "start",
  isActive = false,
  panelLabel,
  children,
}: TPopoverProps) {
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const close = useCallback(() => {
    setIsOpen(false);
    buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!isOpen) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      // Esc also closes an open drawer; the innermost layer takes it.
      event.stopPropagation();
      close();
    };
    document.addEventListener("mousedown", closeOnOutsideClick);
    document.addEventListener("keydown", closeOnEscape, true);
    return () => {
      document.removeEventListener("mousedown", closeOnOutsideClick);
      document.removeEventListener("keydown", closeOnEscape, true);
    };
  }, [isOpen, close]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={ariaLabel}
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((open) => !open)}
        className={cn(
          "inline-flex h-9 w-full items-center justify-between gap-2 rounded-md border bg-white px-3 text-sm shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
          isActive ? "border-brand-300 text-brand-700" : "border-slate-300 text-slate-800",
        )}
      >
        {trigger}
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0 text-slate-400">
          <path
            fill="currentColor"
            d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z"
          />
        </svg>
      </button>
      {isOpen ? (
        <div
          ref={keepInsideViewport}
          id={panelId}
          role={panelLabel ? "dialog" : undefined}
          aria-label={panelLabel}
          className={cn(
            "absolute top-full z-30 mt-1 min-w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg",
            align === "end" ? "right-0" : "left-0",
          )}
        >
          <PopoverCloseContext value={close}>{children}</PopoverCloseContext>
        </div>
      ) : null}
    </div>
  );
}
