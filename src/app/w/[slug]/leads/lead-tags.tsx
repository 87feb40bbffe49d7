import { MutedText } from "@/components/data-table/muted-text";

/** Klientiks tags of the booking, as chips. */
export const LeadTags = ({ tags }: { tags: readonly string[] }) =>
  tags.length === 0 ? (
    <MutedText text={null} />
  ) : (
    <span className="inline-flex flex-wrap gap-1">
      {tags.map((tag) => (
        <span
          key={tag}
          className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700"
        >
          {tag}
        </span>
      ))}
    </span>
  );
