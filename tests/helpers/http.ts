import { createRequestHandler, type AppLoadContext, type LoaderFunction, type ServerBuild } from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import * as entry from "~/entry.server";
import { serverBuild, type RouteModule } from "./remix-build";

const ORIGIN = "http://localhost:3000";

/** A form POST as the browser would send it, optionally with the session cookie. */
export function postForm(pathname: string, fields: Record<string, string>, cookie?: string): Request {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`${ORIGIN}${pathname}`, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

export function get(pathname: string, cookie?: string): Request {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`${ORIGIN}${pathname}`, { headers });
}

/** The `name=value` part of a Set-Cookie header, ready to send back. */
export function cookieFrom(response: { headers: Headers }): string {
  const set = response.headers.get("Set-Cookie");
  if (!set) throw new Error("no Set-Cookie on the response");
  return set.split(";")[0]!;
}

type RouteArgs = { request: Request; params: Record<string, string>; context: AppLoadContext };
type Handler = (args: RouteArgs & { response?: never }) => unknown;
export type Answer = { status: number; body: unknown; headers: Headers };

/**
 * Sends the request through Remix's own request handler (`createRequestHandler`, the app's
 * entry.server) to a build holding only this loader or action, in its route module: a GET runs
 * the loader, anything else the action. The answer is what Remix sends and the page receives,
 * read through public API only:
 *
 * - `status` and `headers` are the HTTP response's: a redirect is its 3xx with Location, a
 *   `data(…, { status })` or thrown Response its status, and headers reach the response only as
 *   Remix lets them (the route's `headers` export; cookies always);
 * - `body` is what the route's component would get from useLoaderData / useActionData, or for a
 *   thrown Response or `data()` the `data` of useRouteError's error response. A resource route
 *   (no component) answers with its own Response, whose text is the body (parsed if JSON).
 *
 * An error the app did not turn into an HTTP answer (Remix would log it and answer 500) is
 * thrown here, so the test fails with it.
 */
export async function call(handler: Handler, args: RouteArgs): Promise<Answer> {
  const method = args.request.method.toUpperCase();
  const kind = method === "GET" || method === "HEAD" ? "loader" : "action";
  const route = await routeOf(handler, new URL(args.request.url).pathname);
  if (route.module[kind] !== handler) {
    throw new Error(`call(): a ${method} request runs the ${kind} of ${route.id}, and this is not it`);
  }
  const resource = route.module.default == null && route.module.ErrorBoundary == null;
  const seen: Seen = { rendered: false, data: undefined, error: undefined };
  const failures: unknown[] = [];
  // Remix would take the params from the URL; the test names them.
  const run: LoaderFunction = (remixArgs) => handler({ ...remixArgs, params: args.params }) as ReturnType<LoaderFunction>;
  // A resource route has no component (the type insists on one).
  const module = {
    ...(kind === "loader" ? { loader: run } : { action: run }),
    ...(route.module.headers ? { headers: route.module.headers } : {}),
    ...(resource ? {} : capturing(kind, seen)),
  } as RouteModule;
  const build: ServerBuild = serverBuild([{ id: route.id, path: "*", module }], {
    ...entry,
    // Remix reports here what it answers 500 for; an HTTP error the app threw is an answer, not a failure.
    handleError: (error: unknown) => void (isRouteErrorResponse(error) || failures.push(error)),
  });
  const response = await createRequestHandler(build)(withHost(args.request), args.context);
  const text = await response.text(); // all of it: the document has rendered once this resolves
  if (failures.length > 0) throw failures[0];
  const answer = { status: response.status, headers: response.headers };
  if (!seen.rendered) return { ...answer, body: parsed(text) }; // a resource route's Response, or a redirect
  if (seen.error === undefined) return { ...answer, body: seen.data };
  if (isRouteErrorResponse(seen.error)) return { ...answer, body: seen.error.data };
  throw seen.error;
}

type Seen = { rendered: boolean; data: unknown; error: unknown };

/** The route's component and error boundary, in place of the app's: they keep what the page would be given. */
function capturing(kind: "loader" | "action", seen: Seen) {
  return {
    default: function Capture() {
      const loaderData = useLoaderData();
      const actionData = useActionData();
      seen.rendered = true;
      seen.data = kind === "loader" ? loaderData : actionData;
      return null;
    },
    ErrorBoundary: function CaptureError() {
      seen.rendered = true;
      seen.error = useRouteError();
      return null;
    },
  };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // plain text, or empty
  }
}

/** Every HTTP request names its host; Remix checks a form post's Origin against it. */
function withHost(request: Request): Request {
  if (request.headers.has("Host")) return request;
  const headers = new Headers(request.headers);
  headers.set("Host", new URL(request.url).host);
  return new Request(request, { headers });
}

const routeFiles = import.meta.glob<RouteModule>(["/app/root.tsx", "/app/routes/*.ts", "/app/routes/*.tsx"]);

/** The route module (app/root.tsx or one in app/routes) exporting this loader or action, and its route id. */
async function routeOf(handler: Handler, pathname: string): Promise<{ id: string; module: RouteModule }> {
  // Files whose URL pattern fits the request first, then the root (on every page): usually the only one to import.
  const rank = (file: string) => (file === "/app/root.tsx" ? 1 : fits(file, pathname) ? 0 : 2);
  const files = Object.keys(routeFiles).sort((a, b) => rank(a) - rank(b));
  for (const file of files) {
    const module = await routeFiles[file]!();
    if (module.loader === handler || module.action === handler) return { id: file.replace(/^\/app\//, "").replace(/\.tsx?$/, ""), module };
  }
  throw new Error("call(): the handler is not the loader or action of app/root.tsx or of any module in app/routes");
}

/** Whether the route file's URL pattern (Remix's flat file names) matches the pathname. Only to order the search. */
function fits(file: string, pathname: string): boolean {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const segments = file
    .replace(/^.*\/routes\//, "")
    .replace(/\.tsx?$/, "")
    .split(/\.(?![^[]*\])/) // dots outside [escapes]
    .filter((s) => !s.startsWith("_")) // _index and pathless layouts add no segment
    .map((s) => s.replace(/_$/, ""))
    .map((s) =>
      s === "$"
        ? ".*"
        : s
            .split(/(\[[^\]]*\]|\$\w+)/)
            .map((t) => (t.startsWith("[") ? escape(t.slice(1, -1)) : t.startsWith("$") ? "[^/]+" : escape(t)))
            .join(""),
    );
  return new RegExp(`^/${segments.join("/")}/?$`).test(pathname);
}
