import Link from "next/link";

export type TEmptyStateProps = { title: string; text: string; action?: { href: string; label: string } };

/** What a page shows before data exists: how data will arrive and where to set it up. */
export function EmptyState({ title, text, action }: TEmptyStateProps) {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-dashed border-slate-300 bg-white px-8 py-12 text-center">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <p className="mt-2 text-sm leading-6 text-slate-600">{text}</p>
      {action ? (
        <Link href={action.href} className="mt-6 inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
