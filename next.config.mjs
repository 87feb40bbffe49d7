import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The proxy gets the request's RSC headers as sent, so it can refuse a client-side navigation
  // whose router state Next cannot parse (a 500 in Next's render) with a 400 (src/proxy.ts).
  skipProxyUrlNormalize: true,
  // Development request lines would print secrets: webhook tokens are in their paths, invite tokens in
  // the invite page's path and in sign-in links back to it. Webhook routes log their own line, redacted
  // (src/server/logging/dev-request-log.ts).
  logging: { incomingRequests: { ignore: [/\/api\/webhooks\//, /(?:\/|%2F)invite(?:\/|%2F)/i] } },
  // The dev indicator sits in the corner where the sidebar has «Выйти»; build errors still show.
  devIndicators: false,
  // `npm run dev` prints and links both localhost and 127.0.0.1 (the demo site, the emulator); Next 16
  // blocks its dev scripts for any other host than localhost, leaving pages without JavaScript.
  allowedDevOrigins: ["127.0.0.1"],
  // The build checks only what ships; `npm run typecheck` covers tests, scripts and emulators too.
  typescript: { tsconfigPath: "tsconfig.app.json" },
  // The Klientiks emulator is a dev/test tool; it is never bundled into the app (reliability R24).
  outputFileTracingExcludes: {
    "*": ["emulators/**", "bench/**", "drills/**", "e2e/**", "tests/**"],
  },
  serverExternalPackages: ["@node-rs/argon2"],
  // `import text from "./file.js?raw"` gives the file's text (the site tracker's sources, src/tracker).
  turbopack: { rules: { "*.js": { condition: { query: "?raw" }, type: "raw" } } },
};

export default withNextIntl(nextConfig);
