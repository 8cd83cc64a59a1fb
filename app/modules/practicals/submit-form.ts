import { z } from "zod";

export const NOTE_MAX = 4000;

/**
 * The learner's "submit for grading" form. Consent is checked by `submitPractical` itself (the
 * rule lives with the data it protects); the form only carries the tick.
 */
export const SubmitPracticalSchema = z.object({
  note: z
    .string()
    .max(NOTE_MAX, `Keep the note under ${NOTE_MAX.toLocaleString("en-GB")} characters`)
    .default(""),
  consent: z.boolean().default(false),
});
