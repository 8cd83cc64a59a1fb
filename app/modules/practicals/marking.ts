import type { GradeKind, SubmissionStatus, Verdict } from "~/db/schema/practicals";
import { lowestLevel, type RubricScores } from "./rubric";

/** Statuses in which the learner has a verdict; everything before is marking in progress. */
export const FINAL_STATUSES: readonly SubmissionStatus[] = ["revise", "passed", "failed"];

export const isFinal = (status: SubmissionStatus | string) => (FINAL_STATUSES as readonly string[]).includes(status);

/** Which grade a submission in this status waits for, or null once marking has ended. */
export function stageOf(status: SubmissionStatus): GradeKind | null {
  if (status === "submitted" || status === "in_review") return "first";
  if (status === "second_marking") return "second";
  if (status === "moderation") return "moderation";
  return null;
}

export const STAGE_TEXT: Record<GradeKind, string> = {
  first: "First marking",
  second: "Blind second marking",
  moderation: "Moderation",
};

/**
 * The second-marking rate a practical has until a clinic (or the platform) sets one: every
 * piece of a practical the certificate requires is second-marked, a fifth of the others.
 */
export function defaultSecondMarkingRate(certificationPracticals: readonly string[], practicalSlug: string): number {
  return certificationPracticals.includes(practicalSlug) ? 100 : 20;
}

/**
 * Whether this submission is drawn for second marking: `draw` is uniform in [0, 1). At 0 % nothing
 * is drawn, at 100 % everything is.
 */
export function drawnForSecondMarking(ratePercent: number, draw: number): boolean {
  if (ratePercent <= 0) return false;
  if (ratePercent >= 100) return true;
  return draw * 100 < ratePercent;
}

type Criterion = { id: string; critical?: boolean; levels: readonly { points: number }[] };
type MarkerGrade = { verdict: Verdict; scores: RubricScores };

/**
 * Whether two markers' grades need a lead instructor's moderation: their verdicts differ, or
 * they scored any must-pass criterion at different levels. Anything else, the first grade stands.
 */
export function needsModeration(criteria: readonly Criterion[], first: MarkerGrade, second: MarkerGrade): { needed: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (first.verdict !== second.verdict) reasons.push(`verdicts differ (${first.verdict} and ${second.verdict})`);
  for (const c of criteria) {
    if (c.critical && first.scores[c.id] !== second.scores[c.id]) reasons.push(`must-pass criterion “${c.id}” scored differently`);
  }
  return { needed: reasons.length > 0, reasons };
}

/** Whether one of the two grades fails a must-pass criterion the other passes (for the side-by-side view). */
export function criticalSplit(criteria: readonly Criterion[], a: RubricScores, b: RubricScores): string[] {
  return criteria
    .filter((c) => c.critical && a[c.id] !== undefined && b[c.id] !== undefined)
    .filter((c) => (a[c.id] === lowestLevel(c.levels)) !== (b[c.id] === lowestLevel(c.levels)))
    .map((c) => c.id);
}

/**
 * Whether a viewer may see the markers' grades (scores, pins, feedback, verdicts) of a
 * submission. Marking is blind: until a marker has saved their own grade they see no one
 * else's. Once marking has ended everyone who may see the work sees them; during moderation
 * the moderator does.
 */
export function gradesVisible(input: { status: SubmissionStatus; viewerId: string; markerIds: readonly (string | null)[]; viewerModerates: boolean }): boolean {
  if (isFinal(input.status)) return true;
  if (input.markerIds.includes(input.viewerId)) return true;
  return input.status === "moderation" && input.viewerModerates;
}

/** What a learner (or anyone not marking) is told while their work is still being marked. */
export function learnerStageText(status: SubmissionStatus): string | null {
  if (status === "submitted") return "Waiting for an instructor to grade it.";
  if (status === "in_review") return "An instructor is grading it.";
  if (status === "second_marking" || status === "moderation") return "Being checked by a second assessor. You will see the verdict when the check is complete.";
  return null;
}
