// Runs the demo customer site for local development (started by `npm run dev`): a salon's pages with
// our tracker snippet, to try visits and widget bookings without a website of one's own.
//   DEMO_SITE_PORT        port, default 4020 (0 = any free port)
//   DEMO_SITE_APP_URL     Svyaz's URL the snippet loads /t.js from, default http://localhost:3000
//   DEMO_SITE_WIDGET_URL  where «Записаться онлайн» leads, default the Klientiks emulator's demo salon
//   DEMO_SITE_PHONE       the salon's own phone (+7 and ten digits) its pages show, default +74951234567

import { startDemoSite } from "./server";

const DEFAULT_PORT = 4020;
const DEFAULT_APP_URL = "http://localhost:3000";
const DEFAULT_WIDGET_URL = "http://127.0.0.1:4010/app/united/demo-salon";
const DEFAULT_PHONE = "+74951234567";

const readPort = (): number => {
  const raw = process.env.DEMO_SITE_PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`DEMO_SITE_PORT must be a port number, got "${raw}"`);
  return port;
};

const readUrl = (name: string, fallback: string): string => {
  const raw = process.env[name]?.trim() || fallback;
  if (!URL.canParse(raw)) throw new Error(`${name} must be a URL, got "${raw}"`);
  return raw;
};

const readPhone = (): string => {
  const raw = process.env.DEMO_SITE_PHONE?.trim() || DEFAULT_PHONE;
  if (!/^\+7\d{10}$/.test(raw))
    throw new Error(`DEMO_SITE_PHONE must be +7 and ten digits, got "${raw}"`);
  return raw;
};

const main = async (): Promise<void> => {
  const site = await startDemoSite({
    port: readPort(),
    appUrl: readUrl("DEMO_SITE_APP_URL", DEFAULT_APP_URL),
    widgetUrl: readUrl("DEMO_SITE_WIDGET_URL", DEFAULT_WIDGET_URL),
    phone: readPhone(),
    log: true,
  });
  console.log(
    `[demo-site] listening on ${site.url} (open ${site.url}/?site=<site key> — the link is in Settings → Sites)`,
  );

  const shutdown = (signal: string): void => {
    console.log(`[demo-site] ${signal}, shutting down`);
    site.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[demo-site] shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
};

main().catch((error: unknown) => {
  console.error("[demo-site] failed to start", error);
  process.exit(1);
});
