import type { ReactNode } from "react";

/** A settings card's title, its one-line explanation, and an action or badge on the right. */
export function CardHeading({
  title,
  hint,
  aside,
}: {
  title: string;
  hint?: string;
  aside?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <h2 className="text-lg font-semibold">{title}</h2>
        {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      </div>
      {aside}
    </div>
  );
}
