export const dynamic = "force-dynamic";

/**
 * Liveness only: answers without touching the database or any other dependency, so a process
 * supervisor can tell "the process is up" apart from "the database is reachable" (`/api/health`).
 * `npm run bench:ingest` also uses it as the bare route handler its webhook figures are compared to.
 */
export function GET(): Response {
  return Response.json({ ok: true });
}
