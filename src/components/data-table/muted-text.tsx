/** A cell or field value; an empty one shows a light dash so blank cells read as «none», not «loading». */
export const MutedText = ({ text }: { text: string | null | undefined }) =>
  text ? <>{text}</> : <span className="text-slate-400">—</span>;
