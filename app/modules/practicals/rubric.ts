import type { PracticalFrontmatter } from "~/modules/content/schema";
import type { Verdict } from "~/db/schema/practicals";

type Criterion = PracticalFrontmatter["rubric"]["criteria"][number];
/** A rubric as content:check produced it, or written by hand in a test (`critical` may be left out). */
type Rubric = { criteria: readonly (Omit<Criterion, "critical"> & { critical?: boolean })[] };

/** The level chosen for each criterion, by index into its levels. */
export type RubricScores = Record<string, number>;

export type RubricTotal = { points: number; maxPoints: number; ratio: number; complete: boolean; missing: string[] };

/** Total points of a scored rubric: the chosen level's points per criterion over each criterion's best level. */
export function rubricTotal(rubric: Rubric, scores: RubricScores): RubricTotal {
  let points = 0;
  let maxPoints = 0;
  const missing: string[] = [];
  for (const c of rubric.criteria) {
    maxPoints += Math.max(...c.levels.map((l) => l.points));
    const level = scores[c.id];
    if (level === undefined || !c.levels[level]) missing.push(c.id);
    else points += c.levels[level]!.points;
  }
  return { points, maxPoints, ratio: maxPoints === 0 ? 0 : points / maxPoints, complete: missing.length === 0, missing };
}

/** The index of a criterion's lowest level (fewest points; the first of equals). */
export function lowestLevel(levels: readonly { points: number }[]): number {
  return levels.reduce((low, l, i) => (l.points < levels[low]!.points ? i : low), 0);
}

/**
 * The must-pass criteria scored at their lowest level: while any is, the piece cannot pass,
 * however many points the rest earn (issue: assessment a clinic can certify on).
 */
export function criticalFailures(rubric: Rubric, scores: RubricScores): { id: string; title: string; level: string }[] {
  return rubric.criteria
    .filter((c) => c.critical && scores[c.id] !== undefined && scores[c.id] === lowestLevel(c.levels))
    .map((c) => ({ id: c.id, title: c.title, level: c.levels[scores[c.id]!]!.label }));
}

/** What the grading page and the server say when a must-pass criterion rules out a pass. */
export function criticalFailureMessage(failures: readonly { title: string; level: string }[]): string {
  const names = failures.map((f) => `“${f.title}” (${f.level})`).join(" and ");
  return `A pass is not possible: ${names} ${failures.length === 1 ? "is a must-pass criterion" : "are must-pass criteria"} at the lowest level. Choose revise or fail, and say what to change.`;
}

/** Why a verdict cannot be given with these scores, or null when it can. */
export function verdictProblem(rubric: Rubric, passMark: number, scores: RubricScores, verdict: Verdict, feedback: string): string | null {
  const unknown = Object.keys(scores).filter((id) => !rubric.criteria.some((c) => c.id === id));
  if (unknown.length) return `Unknown criteria: ${unknown.join(", ")}`;
  const total = rubricTotal(rubric, scores);
  if (!total.complete) return "Score every criterion before giving a verdict.";
  const critical = criticalFailures(rubric, scores);
  if (verdict === "pass" && critical.length) return criticalFailureMessage(critical);
  if (verdict === "pass" && total.ratio < passMark - 1e-9) {
    return `A pass needs at least ${Math.round(passMark * 100)}% of the rubric's points; this scores ${Math.floor(total.ratio * 100)}%.`;
  }
  if ((verdict === "revise" || verdict === "fail") && feedback.trim().length < 10) return "Tell the learner what to change: write some feedback.";
  return null;
}
