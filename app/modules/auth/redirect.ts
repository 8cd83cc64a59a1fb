import type { Role } from "~/db/schema/users";

/** Where each role lands after signing in when no (acceptable) destination was asked for. */
export const ROLE_HOME: Record<Role, string> = {
  learner: "/courses",
  instructor: "/review",
  clinic_admin: "/clinic",
  admin: "/admin",
  supervisor: "/supervise",
};

/**
 * A post-sign-in destination, only if it is a path on this site: anything else is null and the
 * caller falls back to the role's home page.
 *
 * Browsers strip tabs and newlines from URLs and treat `\` like `/`, so `/\t/evil.example`
 * becomes `//evil.example` — another origin. Those characters are refused outright, and what is
 * left is resolved against our own origin and kept only if the origin did not change.
 */
export function safeRedirectPath(value: unknown, origin = "http://stipple.invalid"): string | null {
  if (typeof value !== "string" || value === "" || value.length > 2048) return null;
  // Control characters (tab, CR, LF, NUL…), DEL and backslashes never belong in our own paths.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The destination after signing in: the asked-for same-origin path, else the role's home. */
export function afterSignIn(role: Role, requested: unknown): string {
  return safeRedirectPath(requested) ?? ROLE_HOME[role];
}
