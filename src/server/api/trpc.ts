import "server-only";

import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, ZodRealError } from "zod";

import {
  FORM_INPUT_LIMITS,
  InputShapeError,
  toStorableDeep,
  type TInputShapeProblem,
} from "@/lib/text/storable-text";
import type { TSessionUser } from "@/server/auth/session";
import type { TDb } from "@/server/db/client";
import { canManageMembers } from "@/server/domain/members/roles";
import { findMembershipBySlug } from "@/server/domain/tenants/find-memberships";
import { APP_ERROR_CODES, AppError, isAppError } from "@/server/errors";
import type { TLogger } from "@/server/logging/logger";

export type TTrpcContext = {
  db: TDb;
  user: TSessionUser | null;
  /** From the `x-tenant-slug` header; means nothing until membership is proven (conventions C4). */
  unverifiedTenantSlug: string | null;
  headers: Headers;
  log: TLogger;
};

export type TProcedureMeta = { scope?: "public" | "user" | "tenant" };

/** Field errors keyed by dotted path; values are `validation.*` message keys. */
const flattenFieldErrors = (error: ZodError): Record<string, string[]> => {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues)
    (fields[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return fields;
};

const t = initTRPC
  .context<TTrpcContext>()
  .meta<TProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter: ({ shape, error }) => {
      const appError = isAppError(error.cause) ? error.cause : null;
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const code =
        appError?.code ??
        (zodError ? "VALIDATION" : error.code === "INTERNAL_SERVER_ERROR" ? "INTERNAL" : null);
      return {
        // Internal messages stay on the server (R25); the browser localizes by code.
        message: code ?? error.code,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appErrorCode: code,
          retryAfterSeconds: appError?.retryAfterSeconds ?? null,
          fieldErrors: zodError ? flattenFieldErrors(zodError) : null,
        },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const createTrpcRouter = t.router;

/** Domain code throws AppError; give it the HTTP/tRPC status its code promises. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: APP_ERROR_CODES[cause.code].trpc, message: cause.code, cause });
  }
  return result;
});

/** The `validation.*` message key of each way an input can be too much to look at. */
const INPUT_SHAPE_MESSAGES: Record<TInputShapeProblem, string> = {
  too_deep: "tooBig",
  too_many_values: "tooMany",
  cyclic: "invalid",
};

/**
 * Every string of every procedure's input, cleaned for storage before its schema sees it: form
 * text reaches the database from many procedures, and one step here covers them all
 * (docs/input-text.md). An input nested too deep, too large or referring to itself (superjson can
 * build one from a small body) is refused here as a field error at its path, before any schema
 * walks it.
 */
const cleanInputText = t.middleware(({ ctx, path, getRawInput, next }) =>
  next({
    getRawInput: async () => {
      const input = await getRawInput();
      try {
        return toStorableDeep(input, FORM_INPUT_LIMITS);
      } catch (error) {
        if (!(error instanceof InputShapeError)) throw error;
        ctx.log.warn("procedure input refused", {
          path,
          problem: error.problem,
          at: error.path.join("."),
        });
        throw new TRPCError({
          code: "BAD_REQUEST",
          cause: new ZodRealError([
            {
              code: "custom",
              path: [...error.path],
              message: INPUT_SHAPE_MESSAGES[error.problem],
            },
          ]),
        });
      }
    },
  }),
);

export const publicProcedure = t.procedure
  .use(mapAppErrors)
  .use(cleanInputText)
  .meta({ scope: "public" });

export const protectedProcedure = publicProcedure.meta({ scope: "user" }).use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHENTICATED");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Membership verified server-side; `ctx.tenant.tenantId` is the only tenant id procedures may use. */
export const tenantProcedure = protectedProcedure
  .meta({ scope: "tenant" })
  .use(async ({ ctx, next }) => {
    const membership = ctx.unverifiedTenantSlug
      ? await findMembershipBySlug(ctx.db, {
          userId: ctx.user.id,
          unverifiedTenantSlug: ctx.unverifiedTenantSlug,
        })
      : null;
    if (!membership) {
      ctx.log.warn("tenant access denied", {
        reason: "not a member",
        userId: ctx.user.id,
        unverifiedTenantSlug: ctx.unverifiedTenantSlug,
      });
      throw new AppError("FORBIDDEN");
    }
    return next({
      ctx: {
        ...ctx,
        tenant: membership,
        log: ctx.log.child({ tenantId: membership.tenantId, userId: ctx.user.id }),
      },
    });
  });

export const tenantAdminProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (!canManageMembers(ctx.tenant.role)) {
    ctx.log.warn("tenant access denied", { reason: "role", role: ctx.tenant.role });
    throw new AppError("FORBIDDEN");
  }
  return next();
});
