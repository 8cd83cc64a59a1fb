import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { loadActor } from "~/modules/auth/actor.server";
import { supervisorMayOpen, type Actor } from "~/modules/auth/permissions";
import { SESSION_ABSOLUTE_MS, validateSessionToken, type SessionUser } from "~/modules/auth/session.server";

export const SESSION_COOKIE = "stipple_session";

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** Set-Cookie for a new session. The idle timeout is enforced on the server; the cookie lives for the absolute lifetime. */
export function sessionCookie(token: string): string {
  const secure = getEnv().deployment === "production" ? "; Secure" : "";
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(SESSION_ABSOLUTE_MS / 1000)}${secure}`;
}

export function clearSessionCookie(): string {
  const secure = getEnv().deployment === "production" ? "; Secure" : "";
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}

// Several loaders of one request ask for the user; validate the token once per request.
const perRequest = new WeakMap<Request, SessionUser | null>();

/** The signed-in user, or null (no cookie, tampered, idle-expired or past its lifetime). */
export function getUser(request: Request, context: AppLoadContext): SessionUser | null {
  if (perRequest.has(request)) return perRequest.get(request) ?? null;
  const token = readSessionToken(request);
  const user = token ? (validateSessionToken(context.db, token)?.user ?? null) : null;
  perRequest.set(request, user);
  return user;
}

/**
 * The signed-in user; otherwise throws a redirect to /login that comes back here afterwards.
 * A supervisor-only account gets a 404 outside the few pages it may open (decision 038), so no
 * learner, instructor or clinic page can serve it by accident.
 */
export function requireUser(request: Request, context: AppLoadContext): SessionUser {
  const user = getUser(request, context);
  const url = new URL(request.url);
  if (!user) {
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (user.role === "supervisor" && !supervisorMayOpen(url.pathname)) throw new Response("Not found", { status: 404 });
  return user;
}

/** The signed-in user with their clinic, for permission checks. */
export function requireActor(request: Request, context: AppLoadContext): Actor {
  return loadActor(context.db, requireUser(request, context));
}

export function clientIp(context: AppLoadContext): string {
  return context.clientIp || "unknown";
}
