import { cn } from "@/lib/cn";

/** An up/down arrow pair; the active direction is drawn dark. */
export const SortIndicator = ({ direction }: { direction: false | "asc" | "desc" }) => (
  <svg aria-hidden="true" viewBox="0 0 12 16" className="h-3.5 w-2.5 shrink-0">
    <path
      d="M6 1 10.5 6.5h-9Z"
      className={cn(direction === "asc" ? "fill-slate-700" : "fill-slate-300")}
    />
    <path
      d="M6 15 1.5 9.5h9Z"
      className={cn(direction === "desc" ? "fill-slate-700" : "fill-slate-300")}
    />
  </svg>
);
