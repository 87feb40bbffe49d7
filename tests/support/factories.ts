import { randomBytes } from "node:crypto";
import type { TDb } from "@/server/db/client";
import { createTenant } from "@/server/domain/tenants/create-tenant";
import { registerUser } from "@/server/domain/users/register-user";

const suffix = () => randomBytes(4).toString("hex");

export const createTestUser = (db: TDb, name = "Тест") =>
  registerUser(db, { name, email: `${name.toLowerCase().replace(/\W+/g, "")}-${suffix()}@int.svyaz.test`, password: "integration-password" });

export async function createTestWorkspace(db: TDb, name = "Workspace") {
  const owner = await createTestUser(db, "owner");
  const tenant = await createTenant(db, { userId: owner.id, request: { name: `${name} ${suffix()}`, timezone: "Europe/Moscow", currency: "RUB" } });
  return { owner, tenant };
}
