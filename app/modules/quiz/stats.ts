export type ItemObservation = { attemptId: string; questionRef: string; score: number; chosen: string[] | null };
export type AttemptTotal = { attemptId: string; score: number; maxScore: number };

export type ItemStatistics = {
  questionRef: string;
  /** Graded attempts that included the question. */
  responses: number;
  /** Mean score (share correct), 0–1. */
  facility: number;
  /**
   * Point-biserial correlation between the item's score and the rest of the attempt
   * (the total without this item), −1 to 1; null when it cannot be computed.
   */
  discrimination: number | null;
  /** How often each bank option was chosen. */
  optionCounts: Record<string, number>;
  flags: string[];
};

/** Below this many responses the figures are too noisy to flag a question. */
export const MIN_RESPONSES_TO_FLAG = 10;
/** Items correlating less than this with the rest of the test discriminate poorly. */
export const POOR_DISCRIMINATION = 0.2;

function correlation(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Facility, discrimination and option frequencies for every question seen in graded attempts. */
export function itemStatistics(items: readonly ItemObservation[], totals: readonly AttemptTotal[]): ItemStatistics[] {
  const totalById = new Map(totals.map((t) => [t.attemptId, t]));
  const byRef = new Map<string, ItemObservation[]>();
  for (const item of items) {
    if (!totalById.has(item.attemptId)) continue;
    const list = byRef.get(item.questionRef) ?? [];
    list.push(item);
    byRef.set(item.questionRef, list);
  }
  return [...byRef.entries()]
    .map(([questionRef, list]) => {
      const scores = list.map((i) => i.score);
      const rest = list.map((i) => totalById.get(i.attemptId)!.score - i.score);
      const facility = scores.reduce((a, b) => a + b, 0) / list.length;
      const discrimination = correlation(scores, rest);
      const optionCounts: Record<string, number> = {};
      for (const item of list) for (const id of item.chosen ?? []) optionCounts[id] = (optionCounts[id] ?? 0) + 1;
      const flags: string[] = [];
      if (list.length >= MIN_RESPONSES_TO_FLAG) {
        if (discrimination !== null && discrimination < POOR_DISCRIMINATION) {
          flags.push(discrimination < 0 ? "Negative discrimination: stronger learners do worse on it — check the key" : "Discriminates poorly");
        }
        if (facility > 0.95) flags.push("Almost everyone gets it right");
        if (facility < 0.2) flags.push("Almost everyone gets it wrong — check the key and the wording");
      }
      return { questionRef, responses: list.length, facility, discrimination, optionCounts, flags };
    })
    .sort((a, b) => a.questionRef.localeCompare(b.questionRef));
}
