import { DetailSection } from "@/components/data-table/detail-section";

/** The record exactly as the source system sent it, folded away: for support and for fields the table does not show. */
export function RawJsonSection({
  title,
  toggleLabel,
  raw,
  testId,
}: {
  title: string;
  toggleLabel: string;
  raw: unknown;
  testId: string;
}) {
  return (
    <DetailSection title={title}>
      <details className="group rounded-md border border-slate-200">
        <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50">
          {toggleLabel}
        </summary>
        <pre
          data-testid={testId}
          className="max-h-96 overflow-auto border-t border-slate-200 bg-slate-900 p-4 font-mono text-xs leading-5 text-slate-100"
        >
          {JSON.stringify(raw, null, 2)}
        </pre>
      </details>
    </DetailSection>
  );
}
