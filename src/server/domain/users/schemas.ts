import { z } from "zod";

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/password-policy";

/** Messages are keys under `validation.*` in messages/*.json, so field errors are localized. */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "required")
  .max(254, "tooLong")
  .pipe(z.email("emailInvalid"));

export const ZNewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, "passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "passwordTooLong");

export const ZSignUpRequestSchema = z.object({
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
  email: ZEmail,
  password: ZNewPassword,
});
export type TSignUpRequest = z.infer<typeof ZSignUpRequestSchema>;
