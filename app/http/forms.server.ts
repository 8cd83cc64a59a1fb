import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import { Invalid, TooManyRequests } from "~/modules/errors";

/** A schema failure: 400 with field errors and what was typed (minus secrets). */
export function invalidSubmission<T>(submission: Submission<T>, hideFields: string[] = []) {
  return data(submission.reply({ hideFields }), { status: 400 });
}

/**
 * A domain rule that refused the input: Invalid → 400 next to its field (or above the form),
 * TooManyRequests → 429 above the form. Anything else is rethrown.
 */
export function refusedSubmission<T>(submission: Submission<T>, error: unknown, hideFields: string[] = []) {
  if (error instanceof Invalid) {
    return data(
      submission.reply({
        fieldErrors: error.field ? { [error.field]: [error.message] } : {},
        formErrors: error.field ? [] : [error.message],
        hideFields,
      }),
      { status: 400 },
    );
  }
  if (error instanceof TooManyRequests) {
    return data(submission.reply({ formErrors: [error.message], hideFields }), {
      status: 429,
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    });
  }
  throw error;
}
