import { dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX, PASSWORD_MIN } from "./schema";

// The zxcvbn-ts list of ~49,000 most common passwords; kept server-side (it is large).
const common = new Set(dictionary.passwords.map((p) => p.toLowerCase()));

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (common.has(lower)) return "That password is one of the most common ones; choose another";
  if (/^(.)\1+$/.test(password)) return "Do not repeat one character";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower === local) return "Do not use your email address as a password";
  return null;
}
