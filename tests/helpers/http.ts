import type { AppLoadContext } from "@remix-run/node";

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

/**
 * Runs a loader or action the way Remix does: a thrown Response (redirect, 404) is returned
 * as the result, and `data()` results are unwrapped into { status, body, headers }.
 */
export async function call(handler: Handler, args: RouteArgs): Promise<{ status: number; body: unknown; headers: Headers }> {
  try {
    return normalise(await handler(args as never));
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithResponseInit(thrown)) return normalise(thrown);
    throw thrown;
  }
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };
function isDataWithResponseInit(v: unknown): v is DataWithInit {
  return typeof v === "object" && v !== null && (v as { type?: string }).type === "DataWithResponseInit";
}

async function normalise(result: unknown): Promise<{ status: number; body: unknown; headers: Headers }> {
  if (result instanceof Response) {
    const text = await result.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* plain text or empty */
    }
    return { status: result.status, body, headers: result.headers };
  }
  if (isDataWithResponseInit(result)) {
    return { status: result.init?.status ?? 200, body: result.data, headers: new Headers(result.init?.headers) };
  }
  return { status: 200, body: result, headers: new Headers() };
}
