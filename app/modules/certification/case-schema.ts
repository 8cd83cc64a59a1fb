import { z } from "zod";
import {
  CASE_AREAS,
  DURATION_MINUTES,
  HAIR_LOSS_SCALES,
  HAIR_LOSS_STAGES,
  MAX_CASE_AGE_DAYS,
  MAX_SESSION_NUMBER,
  NOTES_MAX,
  SCALE_TEXT,
  SHORT_TEXT_MAX,
  type HairLossScale,
} from "./case-fields";

export const CONTACT_DETAILS_MESSAGE = "Do not record client names or contact details";

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Whether a text looks like it holds an email address or a phone number. Dates are taken out
 * first so that "2026-03-14" is not mistaken for a number; eight digits in a run (spaces, dots,
 * dashes and brackets allowed between them) is where phone numbers with an area code start,
 * while needle codes (1203RL), dilutions (1:3) and durations stay well below it.
 */
export function looksLikeContactDetails(text: string): boolean {
  if (/[^\s@]+@[^\s@]+\.[^\s@]{2,}/.test(text)) return true;
  const withoutDates = text.replace(/\b\d{4}-\d{1,2}-\d{1,2}\b/g, " ").replace(/\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/g, " ");
  return /\d(?:[\s().-]{0,2}\d){7,}/.test(withoutDates);
}

const shortText = (what: string, example: string) =>
  z
    .string({ error: `Enter the ${what} (for example ${example})` })
    .trim()
    .min(1, `Enter the ${what} (for example ${example})`)
    .max(SHORT_TEXT_MAX, `Use at most ${SHORT_TEXT_MAX} characters`)
    .refine((v) => !looksLikeContactDetails(v), CONTACT_DETAILS_MESSAGE);

/** The latest day a session may be on: today somewhere on Earth (UTC+14). */
export const latestCaseDay = (now = Date.now()) => isoDay(now + 14 * 60 * 60 * 1000);

/** The value of the supervisor choice that names someone not yet invited (038). */
export const NEW_SUPERVISOR = "new";
const SUPERVISOR_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Reads a field of a value that may not have parsed yet (refinements that run whatever else is wrong). */
const rawField = (value: unknown, key: string): string => {
  const v = (value as Record<string, unknown> | undefined)?.[key];
  return typeof v === "string" ? v.trim() : "";
};

/**
 * The fields of a supervised case, for the form (through Conform) and again in the domain.
 * `today` bounds the date: a session cannot be in the future — anywhere on Earth, so a learner
 * ahead of UTC can log today's session — nor older than MAX_CASE_AGE_DAYS. `namedByEmail`: the
 * learner studies without a clinic, so they must name the person who supervised the session —
 * one they named before, or someone new by name and email (decision 038).
 */
export function caseFieldsSchema(now = Date.now(), options: { namedByEmail?: boolean } = {}) {
  const latest = latestCaseDay(now);
  const earliest = isoDay(now - MAX_CASE_AGE_DAYS * DAY);
  return (
    z
      .object({
        performedOn: z
          .string({ error: "Enter the date of the session" })
          .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the date as YYYY-MM-DD", abort: true })
          .refine((v) => isoDay(Date.parse(`${v}T00:00:00Z`) || 0) === v, { error: "Enter a real date", abort: true })
          .refine((v) => v <= latest, "The session cannot be in the future")
          .refine((v) => v >= earliest, `Log sessions from the last ${MAX_CASE_AGE_DAYS / 365} years only`),
        sessionNumber: z
          .number({ error: "Choose which session this was" })
          .int("Choose which session this was")
          .min(1, "Choose which session this was")
          .max(MAX_SESSION_NUMBER, `Sessions are numbered 1 to ${MAX_SESSION_NUMBER}`),
        area: z.enum(CASE_AREAS, { error: "Choose the area treated" }),
        hairLossScale: z.enum(HAIR_LOSS_SCALES, { error: "Choose Norwood or Ludwig" }),
        hairLossStage: z.string({ error: "Choose the stage" }).trim().min(1, "Choose the stage"),
        fitzpatrick: z
          .number({ error: "Choose the Fitzpatrick type" })
          .int("Choose the Fitzpatrick type")
          .min(1, "Fitzpatrick types run from I to VI")
          .max(6, "Fitzpatrick types run from I to VI"),
        needle: shortText("needle", "1203RL"),
        pigment: shortText("pigment", "a neutral black"),
        dilution: shortText("dilution", "as you mixed it for this client"),
        durationMinutes: z
          .number({ error: "Enter the duration in minutes" })
          .int("Enter whole minutes")
          .min(DURATION_MINUTES.min, `A session lasts at least ${DURATION_MINUTES.min} minutes`)
          .max(DURATION_MINUTES.max, `A session lasts at most ${DURATION_MINUTES.max} minutes`),
        notes: z
          .string()
          .trim()
          .max(NOTES_MAX, `Use at most ${NOTES_MAX} characters`)
          .refine((v) => !looksLikeContactDetails(v), CONTACT_DETAILS_MESSAGE)
          .optional()
          .transform((v) => v ?? ""),
        supervisorId: z
          .string()
          .nullish()
          .transform((v) => v || null),
        supervisorLinkId: z
          .string()
          .nullish()
          .transform((v) => v || null),
        supervisorName: z
          .string()
          .trim()
          .max(SHORT_TEXT_MAX, `Use at most ${SHORT_TEXT_MAX} characters`)
          .optional()
          .transform((v) => v ?? ""),
        supervisorEmail: z
          .string()
          .trim()
          .max(254, "That email address is too long")
          .optional()
          .transform((v) => (v ?? "").toLowerCase()),
        consent: z.literal(true, { error: "Confirm that the client agreed to this session being logged and photographed" }),
      })
      .refine((v) => (HAIR_LOSS_STAGES[v.hairLossScale] as readonly string[]).includes(v.hairLossStage), {
        path: ["hairLossStage"],
        error: (issue) => {
          const v = issue.input as { hairLossScale: HairLossScale; hairLossStage: string };
          return `${v.hairLossStage} is not a ${SCALE_TEXT[v.hairLossScale]} stage: choose one of ${HAIR_LOSS_STAGES[v.hairLossScale].join(", ")}`;
        },
        // Checked even while other fields are wrong, so the person sees every problem at once.
        when: ({ value }) => {
          const v = value as { hairLossScale?: unknown; hairLossStage?: unknown } | undefined;
          return (HAIR_LOSS_SCALES as readonly unknown[]).includes(v?.hairLossScale) && typeof v?.hairLossStage === "string" && v.hairLossStage !== "";
        },
      })
      // The supervisor checks run whatever else is wrong, so every problem shows at once.
      .refine((v) => !options.namedByEmail || rawField(v, "supervisorLinkId") !== "", {
        path: ["supervisorLinkId"],
        error: "Choose who supervised this session, or name someone new",
        when: () => true,
      })
      .refine((v) => rawField(v, "supervisorLinkId") !== NEW_SUPERVISOR || rawField(v, "supervisorName") !== "", {
        path: ["supervisorName"],
        error: "Enter your supervisor's name",
        when: () => true,
      })
      .refine((v) => rawField(v, "supervisorLinkId") !== NEW_SUPERVISOR || SUPERVISOR_EMAIL.test(rawField(v, "supervisorEmail")), {
        path: ["supervisorEmail"],
        error: "Enter your supervisor's email address, like name@clinic.com",
        when: () => true,
      })
  );
}

export type CaseFields = z.infer<ReturnType<typeof caseFieldsSchema>>;
/** What a form or test hands the domain before checking: the same fields, not yet trusted. */
export type CaseInput = z.input<ReturnType<typeof caseFieldsSchema>>;

/** The supervisor's comment when returning a case: what the learner should change. */
export const ReturnCaseSchema = z.object({
  comment: z
    .string({ error: "Say what the learner should change" })
    .trim()
    .min(1, "Say what the learner should change")
    .max(NOTES_MAX, `Use at most ${NOTES_MAX} characters`),
});
