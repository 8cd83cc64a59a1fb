import { z } from "zod";
import { safeRedirectPath } from "./redirect";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const email = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email({ error: "Enter an email address like name@clinic.com" }))
  .transform((e) => e.toLowerCase());

const newPassword = z
  .string({ error: "Choose a password" })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

/** Where to go after signing in: only a path on this site, never another origin (see redirect.ts). */
export const redirectTo = z
  .string()
  .optional()
  .transform((v) => safeRedirectPath(v) ?? undefined);

export const SignupSchema = z.object({
  name: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(120, "Use at most 120 characters"),
  email,
  password: newPassword,
  // Honeypot: a field people never see; bots fill it.
  website: z.string().optional(),
});

export const LoginSchema = z.object({
  email,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(PASSWORD_MAX),
  redirectTo,
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({
    password: newPassword,
    confirm: z.string({ error: "Repeat the new password" }),
  })
  .refine((v) => v.password === v.confirm, { message: "The two passwords differ", path: ["confirm"] });
