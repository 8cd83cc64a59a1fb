import { data } from "@remix-run/node";
import { Conflict, Invalid, NotFound, TooManyRequests } from "~/modules/errors";

/**
 * Turns a domain error into the HTTP answer: NotFound 404 (also for what the actor may not see),
 * Invalid 400, Conflict 409, TooManyRequests 429.
 * Anything else is rethrown untouched.
 */
export function toHttpError(error: unknown): never {
  if (error instanceof NotFound) {
    throw data({ message: "Not found" }, { status: 404 });
  }
  if (error instanceof Invalid) throw data({ message: error.message }, { status: 400 });
  if (error instanceof Conflict) throw data({ message: error.message }, { status: 409 });
  if (error instanceof TooManyRequests) {
    throw data({ message: error.message }, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  throw error;
}

/**
 * Runs synchronous domain code, translating its errors. A function returning a promise is refused
 * by the type (its rejection would escape the try and answer 500): use `orHttpErrorAsync`.
 */
export function orHttpError<T>(fn: () => T extends PromiseLike<unknown> ? never : T): T {
  try {
    return fn();
  } catch (error) {
    toHttpError(error);
  }
}

export function notFound(): never {
  throw data({ message: "Not found" }, { status: 404 });
}

/** Awaits domain code, translating its errors. */
export async function orHttpErrorAsync<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    toHttpError(error);
  }
}
