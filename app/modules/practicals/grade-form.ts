import { z } from "zod";
import { VERDICTS } from "~/db/schema/practicals";

const PinSchema = z.object({
  photoId: z.string().min(1).max(64),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  comment: z.string().max(2000),
  criterionId: z.string().max(64).nullable(),
});

const PINS_UNREADABLE = "The pins could not be read. Reload the page; your last saved draft is kept.";

/**
 * The grading form: rubric radios `score.<criterion>`, pins as JSON, feedback, verdict. A draft
 * may leave anything out; the rules for a final grade (every criterion scored, a verdict, no
 * pass with a must-pass criterion failed) are `gradeSubmission`'s, next to the data.
 */
export const GradeFormSchema = z.object({
  score: z.record(z.string().max(64), z.coerce.number().int().min(0).max(20)).default({}),
  pins: z
    .string()
    .default("[]")
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: PINS_UNREADABLE });
        return z.NEVER;
      }
    })
    .pipe(z.array(PinSchema).max(100, "A grade can carry at most 100 pins.")),
  feedback: z.string().max(8000, "Keep the feedback under 8,000 characters").default(""),
  verdict: z.enum(VERDICTS).optional(),
  /** Moderation only: why the final grade is what it is. */
  reason: z.string().max(4000, "Keep the reason under 4,000 characters").default(""),
});

export type GradeForm = z.output<typeof GradeFormSchema>;

/** The form's fields as the draft and grade functions take them. */
export function gradeInput(form: GradeForm) {
  return { scores: form.score, pins: form.pins, feedback: form.feedback, verdict: form.verdict ?? null, reason: form.reason };
}
