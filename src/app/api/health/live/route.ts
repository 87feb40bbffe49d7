import { readCappedBody } from "@/server/http/read-capped-body";

export const dynamic = "force-dynamic";

/** What the POST reads at most: the webhook receivers' own cap. */
const MAX_PROBE_BODY_BYTES = 64 * 1024;

/**
 * Liveness only: answers without touching the database or any other dependency, so a process
 * supervisor can tell "the process is up" apart from "the database is reachable" (`/api/health`).
 * `npm run bench:ingest` also uses it as the bare route handler its webhook figures are compared to.
 */
export function GET(): Response {
  return Response.json({ ok: true });
}

/**
 * The same probe for a request with a body: it reads the body (up to the cap) and drops it. It is
 * the bare baseline of `npm run bench:calls`, whose webhook is a form POST: Next handles a request
 * with a body at a cost a bodiless GET never pays (bench/README.md), so a GET baseline would bill
 * that cost to our receiver. Nothing is parsed or stored, so it is as harmless as the GET.
 */
export async function POST(request: Request): Promise<Response> {
  const body = await readCappedBody(request, MAX_PROBE_BODY_BYTES);
  if (body === null)
    return Response.json(
      {
        ok: false,
        error: {
          code: "VALIDATION",
          field: "body",
          message: `body is larger than ${MAX_PROBE_BODY_BYTES} bytes`,
        },
      },
      { status: 413 },
    );
  return Response.json({ ok: true });
}
