"use client";

import { useLocale } from "next-intl";
import {
  DayButton,
  DayPicker,
  type ClassNames,
  type DayButtonProps,
  type DayPickerLocale,
  type DayPickerProps,
  type Modifiers,
} from "react-day-picker";
import { enUS } from "react-day-picker/locale/en-US";
import { ru } from "react-day-picker/locale/ru";

import { toLocale, type TLocale } from "@/i18n/locales";
import { cn } from "@/lib/cn";

/**
 * DayPicker's locales carry its own screen-reader labels too («Перейти к следующему месяцу»). The
 * Russian one starts weeks on Monday and names months in Russian; the English one is en-US.
 */
const DAY_PICKER_LOCALES: Record<TLocale, DayPickerLocale> = { ru, en: enUS };

/** The previous and next month buttons. */
const MONTH_BUTTON_CLASS =
  "rounded-md p-2.5 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 aria-disabled:opacity-40 aria-disabled:hover:bg-transparent";

/** The calendar in the app's look (Tailwind; DayPicker's own stylesheet is not loaded). */
const CLASS_NAMES: Partial<ClassNames> = {
  root: "relative w-fit",
  months: "relative flex flex-col gap-4 md:flex-row",
  month: "space-y-1",
  nav: "absolute inset-x-0 top-0 flex h-9 items-center justify-between",
  button_previous: MONTH_BUTTON_CLASS,
  button_next: MONTH_BUTTON_CLASS,
  chevron: "size-4 fill-current",
  month_caption: "flex h-9 items-center justify-center",
  caption_label: "text-sm font-semibold capitalize text-slate-900",
  month_grid: "border-collapse",
  weekday: "size-9 text-xs font-medium capitalize text-slate-500",
  day: "size-9 p-0 text-center text-sm",
  day_button:
    "inline-flex size-9 items-center justify-center rounded-md focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed",
  // The band of a range lies on the cells; its ends' buttons are solid.
  range_start: "rounded-l-md bg-brand-50",
  range_middle: "bg-brand-50",
  range_end: "rounded-r-md bg-brand-50",
  hidden: "invisible",
  footer: "pt-2 text-xs text-slate-500",
};

/** A day's colours; one rule in order, so a selected today is not also coloured as today. */
const dayTone = (modifiers: Modifiers): string => {
  if (
    modifiers.range_start ||
    modifiers.range_end ||
    (modifiers.selected && !modifiers.range_middle)
  )
    return "bg-brand-600 font-semibold text-white hover:bg-brand-700";
  if (modifiers.range_middle) return "rounded-none text-brand-900 hover:bg-brand-100";
  if (modifiers.disabled) return "text-slate-300";
  if (modifiers.today) return "font-semibold text-brand-700 hover:bg-slate-100";
  if (modifiers.outside) return "text-slate-400 hover:bg-slate-100";
  return "text-slate-800 hover:bg-slate-100";
};

/** DayPicker's own button (it takes focus as the arrow keys move), coloured by {@link dayTone}. */
const CalendarDayButton = ({ className, ...props }: DayButtonProps) => (
  <DayButton {...props} className={cn(className, dayTone(props.modifiers))} />
);

/** The one calendar of the app: DayPicker in the interface language and the app's look. */
export function Calendar(props: DayPickerProps) {
  const locale = toLocale(useLocale());
  return (
    <DayPicker
      locale={DAY_PICKER_LOCALES[locale]}
      classNames={CLASS_NAMES}
      components={{ DayButton: CalendarDayButton }}
      {...props}
    />
  );
}
