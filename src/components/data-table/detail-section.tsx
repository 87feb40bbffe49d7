import type { ReactNode } from "react";

/** A titled block of a detail drawer. */
export const DetailSection = ({
  title,
  testId,
  children,
}: {
  title: string;
  testId?: string;
  children: ReactNode;
}) => (
  <section
    data-testid={testId}
    className="border-t border-slate-100 pt-5 first:border-t-0 first:pt-0"
  >
    <h3 className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
    {children}
  </section>
);

/** `hint`: what the label stands for, on hover (e.g. the raw key behind a humanized one). */
export type TDetailItem = { label: string; hint?: string; value: ReactNode };

/** Label → value pairs in two columns; an empty value shows a dash. */
export const DetailList = ({ items }: { items: readonly TDetailItem[] }) => (
  <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-6 gap-y-2 text-sm">
    {items.map((item) => (
      <div key={item.label} className="contents">
        <dt className="text-slate-500" title={item.hint}>
          {item.label}
        </dt>
        <dd className="min-w-0 break-words text-slate-900">
          {item.value ?? <span className="text-slate-400">—</span>}
        </dd>
      </div>
    ))}
  </dl>
);
