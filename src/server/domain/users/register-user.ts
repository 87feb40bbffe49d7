import { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";
import { hashPassword } from "@/server/domain/users/password";
import type { TSignUpRequest } from "@/server/domain/users/schemas";
import { AppError } from "@/server/errors";

/** Creates an account. E-mails are unique case-insensitively (they arrive lower-cased). */
export async function registerUser(
  db: TDbClient,
  request: TSignUpRequest,
): Promise<{ id: string; email: string; name: string }> {
  const passwordHash = await hashPassword(request.password);
  try {
    return await db.user.create({
      data: { id: createId("usr"), email: request.email, name: request.name, passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("EMAIL_TAKEN");
    throw error;
  }
}
