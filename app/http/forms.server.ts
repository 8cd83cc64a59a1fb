import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type HeadersFunction } from "@remix-run/node";
import { toHttpError } from "~/http/errors.server";
import { z } from "zod";
import { Conflict, Invalid, TooManyRequests } from "~/modules/errors";

export type ReplyOptions = {
  /** Fields whose typed value must not be sent back (passwords). */
  hideFields?: string[];
  /** Fields a domain rule may name that have no input of their own (e.g. "photos"): their error goes above the form. */
  aboveForm?: string[];
};

/** A form that is only a button: read like every other form, so its refusals answer the same way. */
export function buttonSubmission(formData: FormData) {
  return parseWithZod(formData, { schema: z.object({ intent: z.string().optional() }) });
}

/** A schema failure: 400 with field errors and what was typed (minus secrets). */
export function invalidSubmission<T>(submission: Submission<T>, options: ReplyOptions = {}) {
  return data(submission.reply({ hideFields: options.hideFields }), { status: 400 });
}

/**
 * The one translator from a domain refusal to what the person sees, for every form action:
 *
 * - a thrown `Response` (a redirect, or an HTTP error already translated) passes through;
 * - `Invalid` → 400, its message next to its field, or above the form when it names no field
 *   or one listed in `aboveForm`;
 * - `Conflict` → 409 and `TooManyRequests` → 429 (with Retry-After), above the form;
 * - `NotFound` → the 404 page (see `toHttpError`); anything else is rethrown.
 *
 * Nothing the person typed is lost: the reply carries their values back (minus `hideFields`).
 */
export function refusedSubmission<T>(submission: Submission<T>, error: unknown, options: ReplyOptions = {}) {
  if (error instanceof Response) throw error;
  const { hideFields, aboveForm = [] } = options;
  if (error instanceof Invalid) {
    const field = error.field && !aboveForm.includes(error.field) ? error.field : null;
    return data(submission.reply({ fieldErrors: field ? { [field]: [error.message] } : {}, formErrors: field ? [] : [error.message], hideFields }), {
      status: 400,
    });
  }
  if (error instanceof Conflict) return data(submission.reply({ formErrors: [error.message], hideFields }), { status: 409 });
  if (error instanceof TooManyRequests) {
    return data(submission.reply({ formErrors: [error.message], hideFields }), {
      status: 429,
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    });
  }
  return toHttpError(error);
}

/**
 * Remix sends a returned action's headers only if the route forwards them: export this as
 * `headers` from a route whose form can be refused with 429, so the Retry-After reaches the browser.
 */
export const keepActionHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => headers.set(key, value));
  return headers;
};
