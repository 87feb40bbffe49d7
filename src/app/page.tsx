import { redirect } from "next/navigation";

import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { findUserWorkspaces } from "@/server/domain/tenants/find-memberships";

/** Start page: straight into the first workspace, or onboarding when there is none. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const [first] = await findUserWorkspaces(getDb(), user.id);
  redirect(first ? `/w/${first.slug}/analytics` : "/onboarding");
}
