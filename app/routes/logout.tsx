import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, readSessionToken } from "~/http/session.server";
import { invalidateSession } from "~/modules/auth/session.server";

/** Signing out is a POST (a link or image could not sign someone out); GET just goes home. */
export function loader() {
  throw redirect("/");
}

export function action({ request, context }: ActionFunctionArgs) {
  const token = readSessionToken(request);
  if (token) invalidateSession(context.db, token);
  throw redirect("/", { headers: { "Set-Cookie": clearSessionCookie() } });
}
