import Link from "next/link";

/** A figure, a link to the raw rows behind it when there are any to open. */
export function FigureValue({
  text,
  href,
  label,
}: {
  text: string;
  href: string | null;
  label: string;
}) {
  return href ? (
    <Link href={href} aria-label={label} className="text-brand-700 hover:underline">
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}
