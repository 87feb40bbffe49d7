"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState, type ReactNode } from "react";

import { cn } from "@/lib/cn";

/**
 * The workspace sidebar: always shown from the `lg` breakpoint; below it a top bar with a menu button
 * opens it as a drawer over the page, which closes on navigation, Esc, the close button or a click
 * beside it.
 */
export function CollapsibleSidebar({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const t = useTranslations("nav");
  const drawerId = useId();
  const pathname = usePathname();
  const [isOpen, setIsOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setIsOpen(false);
  }

  useEffect(() => {
    if (!isOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => event.key === "Escape" && setIsOpen(false);
    document.addEventListener("keydown", closeOnEscape);
    return () => document.removeEventListener("keydown", closeOnEscape);
  }, [isOpen]);

  return (
    <>
      <header className="sticky top-0 z-30 flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 py-2.5 lg:hidden">
        {brand}
        <button
          type="button"
          aria-expanded={isOpen}
          aria-controls={drawerId}
          onClick={() => setIsOpen(true)}
          className="inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          <span aria-hidden="true">☰</span>
          {t("openMenu")}
        </button>
      </header>
      {isOpen ? (
        <div
          aria-hidden="true"
          className="fixed inset-0 z-40 bg-slate-900/30 lg:hidden"
          onClick={() => setIsOpen(false)}
        />
      ) : null}
      <aside
        id={drawerId}
        aria-label={t("menu")}
        className={cn(
          "inset-y-0 left-0 z-50 w-72 max-w-[85vw] shrink-0 flex-col overflow-y-auto border-r border-slate-200 bg-white px-4 py-5",
          "lg:sticky lg:top-0 lg:z-auto lg:flex lg:h-screen lg:w-64 lg:max-w-none",
          isOpen ? "fixed flex shadow-2xl lg:shadow-none" : "hidden",
        )}
      >
        <div className="mb-2 flex justify-end lg:hidden">
          <button
            type="button"
            onClick={() => setIsOpen(false)}
            className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
          >
            <span aria-hidden="true">✕</span> {t("closeMenu")}
          </button>
        </div>
        {children}
      </aside>
    </>
  );
}
