import { MutedText } from "@/components/data-table/muted-text";

/** A web address only when it is one: tracker data comes from visitors' browsers, so other schemes stay text. */
export const toWebUrl = (text: string): URL | null => {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
};

/** Host and path are what tells pages apart in a table cell; the full address shows on hover. */
const shortUrl = (text: string) => {
  const url = toWebUrl(text);
  return url ? `${url.host}${url.pathname === "/" ? "" : url.pathname}` : text;
};

/** A URL in a table cell: shortened and truncated. */
export const LeadUrlCell = ({ url }: { url: string | null }) =>
  url ? (
    <span title={url} className="block max-w-64 truncate">
      {shortUrl(url)}
    </span>
  ) : (
    <MutedText text={null} />
  );

/** A URL in the drawer: whole, and a link that opens in a new tab when it is a web address. */
export function LeadUrlLink({ url }: { url: string | null }) {
  if (!url) return null;
  const webUrl = toWebUrl(url);
  return webUrl ? (
    <a
      href={webUrl.href}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="break-all text-brand-700 hover:underline"
    >
      {url}
    </a>
  ) : (
    <span className="break-all">{url}</span>
  );
}
