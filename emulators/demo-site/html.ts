// Page scaffolding of the demo customer site: escaping and the shared layout with inline CSS, so the
// server needs no static files.

/** Everything from the query string ends up in HTML: text or attribute, it goes through here. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

const STYLES = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #fbf7f4; color: #2b2230; }
  header, main, footer { max-width: 880px; margin: 0 auto; padding: 0 24px; }
  header { display: flex; align-items: center; justify-content: space-between; gap: 16px; padding-top: 20px; padding-bottom: 20px; }
  header nav a { margin-left: 18px; color: #6b4f7a; text-decoration: none; font-weight: 600; }
  .logo { font-size: 20px; font-weight: 700; letter-spacing: .02em; color: #2b2230; text-decoration: none; }
  .hero { margin: 24px 0 40px; padding: 40px; border-radius: 20px; background: linear-gradient(135deg, #f6d9e4, #e4dcf7); }
  .hero h1 { margin: 0 0 12px; font-size: 34px; line-height: 1.2; }
  .hero p { margin: 0 0 24px; max-width: 520px; color: #4d4152; }
  .book { display: inline-block; padding: 14px 26px; border-radius: 999px; background: #7a3f8f; color: #fff; font-weight: 600; text-decoration: none; }
  .book:hover { background: #63307a; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px; margin-bottom: 40px; }
  .card { padding: 20px; border-radius: 14px; background: #fff; box-shadow: 0 2px 12px rgba(43, 34, 48, .06); }
  .card h3 { margin: 0 0 6px; font-size: 17px; }
  .card p { margin: 0; color: #5d5261; }
  table { width: 100%; margin-bottom: 32px; border-collapse: collapse; background: #fff; border-radius: 14px; overflow: hidden; }
  td { padding: 12px 18px; border-bottom: 1px solid #f0e8ee; }
  td:last-child { text-align: right; font-weight: 600; white-space: nowrap; }
  footer { padding-top: 24px; padding-bottom: 32px; color: #8a7f8d; font-size: 13px; }
  footer code { word-break: break-all; }
  .notice { max-width: 640px; margin: 48px auto; padding: 28px; border-radius: 14px; background: #fff; box-shadow: 0 2px 12px rgba(43, 34, 48, .06); }
  .notice code { padding: 1px 5px; border-radius: 4px; background: #f3edf1; }
`;

/** A complete page; `head` is inserted verbatim (the tracker snippet), `body` likewise. */
export const renderLayout = ({
  title,
  head = "",
  body,
}: {
  title: string;
  head?: string;
  body: string;
}): string => `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
${head}
</head>
<body>
${body}
</body>
</html>`;
