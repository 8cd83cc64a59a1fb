import type { PracticalFrontmatter } from "~/modules/content/schema";
import type { Verdict } from "~/db/schema/practicals";

type Rubric = PracticalFrontmatter["rubric"];

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

/** Why a verdict cannot be given with these scores, or null when it can. */
export function verdictProblem(rubric: Rubric, passMark: number, scores: RubricScores, verdict: Verdict, feedback: string): string | null {
  const unknown = Object.keys(scores).filter((id) => !rubric.criteria.some((c) => c.id === id));
  if (unknown.length) return `Unknown criteria: ${unknown.join(", ")}`;
  const total = rubricTotal(rubric, scores);
  if (!total.complete) return "Score every criterion before giving a verdict.";
  if (verdict === "pass" && total.ratio < passMark - 1e-9) {
    return `A pass needs at least ${Math.round(passMark * 100)}% of the rubric's points; this scores ${Math.floor(total.ratio * 100)}%.`;
  }
  if ((verdict === "revise" || verdict === "fail") && feedback.trim().length < 10) return "Tell the learner what to change: write some feedback.";
  return null;
}
