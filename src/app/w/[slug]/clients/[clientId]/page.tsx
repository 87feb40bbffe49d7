import { requireMembership } from "@/server/auth/require-membership";

import { ClientView } from "./client-view";

/** One client's page: their calls with recordings, visits and leads (issue 9 §6). */
export default async function ClientPage({
  params,
}: {
  params: Promise<{ slug: string; clientId: string }>;
}) {
  const { slug, clientId } = await params;
  const { membership } = await requireMembership(slug);
  return <ClientView slug={membership.slug} clientId={clientId} timeZone={membership.timezone} />;
}
