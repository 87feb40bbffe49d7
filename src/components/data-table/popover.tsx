"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

import { cn } from "@/lib/cn";

export type TPopoverProps = {
  /** The trigger's content; also its accessible name unless `ariaLabel` is given. */
  trigger: ReactNode;
  ariaLabel?: string;
  align?: "start" | "end";
  isActive?: boolean;
  children: ReactNode;
};

/** A button that opens a panel below it; closes on Esc and on a click outside. */
export function Popover({
  trigger,
  ariaLabel,
  align = "start",
  isActive = false,
  children,
}: TPopoverProps) {
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!isOpen) return;
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      // Esc also closes an open drawer; the innermost layer takes it.
      event.stopPropagation();
      setIsOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("mousedown", closeOnOutsideClick);
    document.addEventListener("keydown", closeOnEscape, true);
    return () => {
      document.removeEventListener("mousedown", closeOnOutsideClick);
      document.removeEventListener("keydown", closeOnEscape, true);
    };
  }, [isOpen]);

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
          id={panelId}
          className={cn(
            "absolute top-full z-30 mt-1 min-w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg",
            align === "end" ? "right-0" : "left-0",
          )}
        >
          {children}
        </div>
      ) : null}
    </div>
  );
}
