import { Prisma } from "@generated/prisma/client";

import { AppError, type TAppErrorCode } from "@/server/errors";

/** A write refused by a unique index. */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The write's result, or the AppError `code` when a unique index refused it. */
export async function mapUniqueViolation<T>(write: Promise<T>, code: TAppErrorCode): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(code);
    throw error;
  }
}
