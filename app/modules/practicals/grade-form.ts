import { z } from "zod";
import { VERDICTS } from "~/db/schema/practicals";
import type { ReviewDraft } from "./review.server";

const PinSchema = z.object({
  photoId: z.string().min(1).max(64),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  comment: z.string().max(2000),
  criterionId: z.string().max(64).nullable(),
});

/** Reads a grading form (rubric radios `score.<criterion>`, feedback, verdict, pins as JSON). Null fields are left out. */
export function gradeFromForm(form: FormData): ReviewDraft | { error: string } {
  const scores: Record<string, number> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("score.") && typeof value === "string" && /^\d+$/.test(value)) scores[key.slice(6)] = Number(value);
  }
  let pins: unknown = [];
  try {
    pins = JSON.parse(String(form.get("pins") ?? "[]"));
  } catch {
    return { error: "The pins could not be read." };
  }
  const parsedPins = z.array(PinSchema).max(100).safeParse(pins);
  if (!parsedPins.success) return { error: "The pins could not be read." };
  const verdict = form.get("verdict");
  return {
    scores,
    pins: parsedPins.data,
    feedback: String(form.get("feedback") ?? "").slice(0, 8000),
    verdict: typeof verdict === "string" && (VERDICTS as readonly string[]).includes(verdict) ? (verdict as ReviewDraft["verdict"]) : null,
  };
}
