import type { LoaderFunctionArgs } from "@remix-run/node";
import { databaseAnswers, databaseWritable } from "~/db/health.server";
import { RETRY_AFTER_SECONDS } from "~/http/unavailable.server";

const PROBLEM_TEXT = {
  "read-only": "database is read-only: writes fail",
  full: "database is full: writes fail",
  "io-error": "database disk reports I/O errors: writes fail",
} as const;

/** For load balancers and operators: 200 "ok" only when the database both answers and takes writes. */
export function loader({ context }: LoaderFunctionArgs) {
  const headers = { "Content-Type": "text/plain", "Cache-Control": "no-store" };
  if (!databaseAnswers(context.db)) return new Response("database unavailable", { status: 503, headers });
  const writes = databaseWritable(context.db);
  if (!writes.ok) return new Response(PROBLEM_TEXT[writes.problem], { status: 503, headers: { ...headers, "Retry-After": String(RETRY_AFTER_SECONDS) } });
  return new Response("ok", { status: 200, headers });
}
