// Secrets travel in URL paths, so every log line and every log the control API exposes goes through
// this (klientiks-contract §2 "Secrets in URLs", reliability R25, conventions C15):
//   `/t/{access_token}` of a Klientiks API path          → `/t/***`
//   our receiver's `/api/webhooks/klientiks/{token}` (§12.4) → `/api/webhooks/klientiks/***`

export const redactUrl = (url: string): string =>
  url
    .replace(/\/t\/[^/?#]+/gi, "/t/***")
    .replace(/(\/api\/webhooks\/klientiks\/)[^/?#]+/gi, "$1***");
