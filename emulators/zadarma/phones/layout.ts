// The shared frame of the emulator's HTML pages: no framework, a few lines of CSS, an inline script.

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

/** Embeds a value in an inline script without letting `</script>` or `<!--` end it early. */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, "\\u003c");

const STYLE = `
  body { font: 16px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 28rem; padding: 0 1rem; color: #1f2933; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  .muted { color: #616e7c; }
  .state { font-size: 1.2rem; margin: 1.25rem 0; padding: 1rem; border-radius: .5rem; background: #f0f4f8; }
  .state[data-state="ringing"] { background: #fff3c4; }
  .state[data-state="connected"] { background: #c6f7e2; }
  button { font: inherit; padding: .6rem 1.2rem; margin-right: .5rem; border-radius: .4rem; border: 1px solid #9aa5b1; cursor: pointer; }
  button.answer { background: #27ab83; color: white; border-color: #199473; }
  button.decline, button.hangup { background: #e12d39; color: white; border-color: #cf1124; }
  label { display: block; margin: .75rem 0 .25rem; }
  input, select { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }
  a { color: #2680c2; }
`;

export const page = (title: string, body: string, script: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script>
${script}
</script>
</body>
</html>`;

/** Client-side helpers every page script starts with: JSON POST and a polling loop. */
export const CLIENT_HELPERS = `
async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { ok: response.ok, body: await response.json() };
}
function poll(refresh, everyMs) {
  let stopped = false;
  const tick = async () => { if (stopped) return; try { await refresh(); } catch (error) { console.error(error); } setTimeout(tick, everyMs); };
  tick();
  return () => { stopped = true; };
}
`;
