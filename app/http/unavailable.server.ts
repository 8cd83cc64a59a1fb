import type { ServerBuild } from "@remix-run/node";
import { statusCopy } from "~/components/status-page";
import { isStorageUnavailable } from "~/db/unavailable.server";

/**
 * A full disk or a read-only database answers 503 with Retry-After, in one place: every route's
 * loader and action is wrapped once, as the server build is handed to Remix. A thrown Response
 * is what Remix treats alike for documents (the root ErrorBoundary shows the 503 copy, on the
 * server and after hydration), for client navigations and fetchers (`.data`), and for resource
 * routes (returned as it is). Other errors pass through untouched.
 */

/** How long a client is asked to wait: freeing disk space or remounting takes minutes, not seconds. */
export const RETRY_AFTER_SECONDS = 120;

/** The 503 answer, JSON for fetchers and resource routes; documents render the ErrorBoundary from it. */
export function unavailableResponse(): Response {
  const { title, message } = statusCopy(503);
  return Response.json(
    { message: `${title}. ${message}` },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
}

type Handler = (...args: never[]) => unknown;

/** A loader or action whose storage failures become the 503 Response. */
export function guardStorage<F extends Handler>(fn: F): F {
  const guarded = async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (isStorageUnavailable(error)) throw unavailableResponse();
      throw error;
    }
  };
  return guarded as unknown as F;
}

const guardedBuilds = new WeakMap<ServerBuild, ServerBuild>();

/** The same build with every route's loader and action guarded (made once per build). */
export function withStorageGuard(build: ServerBuild): ServerBuild {
  const known = guardedBuilds.get(build);
  if (known) return known;
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const { loader, action } = route.module;
      const module = { ...route.module, ...(loader ? { loader: guardStorage(loader) } : {}), ...(action ? { action: guardStorage(action) } : {}) };
      return [id, { ...route, module }];
    }),
  );
  const guarded = { ...build, routes };
  guardedBuilds.set(build, guarded);
  return guarded;
}
