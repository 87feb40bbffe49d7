import type { TDbClient } from "@/server/db/types";
import { hashPassword, verifyPassword } from "@/server/domain/users/password";

// Verifying against a dummy hash when the e-mail is unknown keeps the response time the same,
// so timing does not reveal which e-mails are registered.
let dummyHash: Promise<string> | undefined;

export async function authenticateUser(
  db: TDbClient,
  email: string,
  password: string,
): Promise<{ id: string; email: string; name: string } | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  if (!user) {
    await verifyPassword(await (dummyHash ??= hashPassword("not-a-real-password")), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name };
}
