import type { LoaderFunctionArgs } from "@remix-run/node";
import { databaseAnswers } from "~/db/health.server";

export function loader({ context }: LoaderFunctionArgs) {
  const ok = databaseAnswers(context.db);
  return new Response(ok ? "ok" : "database unavailable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}
