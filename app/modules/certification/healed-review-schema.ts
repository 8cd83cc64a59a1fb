import { z } from "zod";
import { NOTES_MAX } from "./case-fields";
import { CONTACT_DETAILS_MESSAGE, latestCaseDay, looksLikeContactDetails } from "./case-schema";
import { HEALED_COLOURS, HEALED_NEXT_STEPS, HEALED_RETENTIONS, HEALED_SPREADS, HEALED_WINDOW_DAYS } from "./healed-review-fields";

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The days on which a session's healed result may be judged: 4 to 6 weeks after it. */
export function healedWindow(performedOn: string): { from: string; to: string } {
  const start = dayMs(performedOn);
  return { from: isoDay(start + HEALED_WINDOW_DAYS.min * DAY), to: isoDay(start + HEALED_WINDOW_DAYS.max * DAY) };
}

/** Whether a healed-result review can be logged yet: its window has opened (today anywhere on Earth). */
export function healedWindowOpen(performedOn: string, now = Date.now()): boolean {
  return latestCaseDay(now) >= healedWindow(performedOn).from;
}

export const REACTION_NEEDS_REFERRAL = "A client with signs of a reaction or infection is referred to a doctor before any further work";

/**
 * The fields of a healed-result review of the session on `performedOn`, for the form (through
 * Conform) and again in the domain. The day must fall 4 to 6 weeks after the session and not be
 * in the future; a reaction or infection must lead to a medical referral.
 */
export function healedReviewSchema(performedOn: string, now = Date.now()) {
  const { from, to } = healedWindow(performedOn);
  const latest = latestCaseDay(now);
  return z
    .object({
      reviewedOn: z
        .string({ error: "Enter the day you saw the healed result" })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the date as YYYY-MM-DD", abort: true })
        .refine((v) => isoDay(dayMs(v) || 0) === v, { error: "Enter a real date", abort: true })
        .refine((v) => v >= from && v <= to, `Judge the healed result 4 to 6 weeks after the session: a day from ${from} to ${to}`)
        .refine((v) => v <= latest, "The day cannot be in the future"),
      healedColour: z.enum(HEALED_COLOURS, { error: "Choose how the healed colour compares with the plan" }),
      retention: z.enum(HEALED_RETENTIONS, { error: "Choose how well the dots held" }),
      spread: z.enum(HEALED_SPREADS, { error: "Choose whether any dots blurred or spread" }),
      reaction: z
        .boolean()
        .optional()
        .transform((v) => v ?? false),
      nextStep: z.enum(HEALED_NEXT_STEPS, { error: "Choose what happens next for the client" }),
      notes: z
        .string()
        .trim()
        .max(NOTES_MAX, `Use at most ${NOTES_MAX} characters`)
        .refine((v) => !looksLikeContactDetails(v), CONTACT_DETAILS_MESSAGE)
        .optional()
        .transform((v) => v ?? ""),
      consent: z.literal(true, { error: "Confirm that the client agreed to the healed result being logged and photographed" }),
    })
    .refine((v) => !v.reaction || v.nextStep === "medical", {
      path: ["nextStep"],
      error: REACTION_NEEDS_REFERRAL,
      when: ({ value }) => {
        const v = value as { reaction?: unknown; nextStep?: unknown } | undefined;
        return v?.reaction === true && typeof v.nextStep === "string";
      },
    });
}

export type HealedReviewFields = z.infer<ReturnType<typeof healedReviewSchema>>;
export type HealedReviewInput = z.input<ReturnType<typeof healedReviewSchema>>;

/**
 * What the logbook says of a case's healed-result review: due (with its window), open now,
 * missed, or the review's own state. Null while the case itself is not countersigned.
 */
export function healedStateText(
  caseStatus: string,
  healedStatus: "submitted" | "returned" | "countersigned" | null,
  window: { from: string; to: string },
  today: string,
): string | null {
  if (healedStatus === "submitted") return "Healed result: waiting for countersignature";
  if (healedStatus === "returned") return "Healed result: returned for changes";
  if (healedStatus === "countersigned") return "Healed result: countersigned";
  if (caseStatus !== "countersigned") return null;
  if (today < window.from) return `Healed result due ${window.from} to ${window.to}`;
  if (today <= window.to) return `Healed result due now, by ${window.to}`;
  return `Healed result not logged yet: a visit from ${window.from} to ${window.to} counts`;
}
