import { TRACKER_SCRIPT } from "@/tracker/tracker-script";

/**
 * The site tracker, loaded by `<script async src="{APP_URL}/t.js" data-site="{publicKey}">`. Cached
 * for an hour so that a fix reaches every site the same day.
 */
export const GET = () =>
  new Response(TRACKER_SCRIPT, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
      // Sites that isolate themselves (COEP) may still load it.
      "cross-origin-resource-policy": "cross-origin",
    },
  });
