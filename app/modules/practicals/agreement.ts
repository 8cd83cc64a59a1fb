// How alike two assessors grade the same work: the figures standardisation and moderation read.
// Pure functions over pairs of ordinal scores (level indices or points), no I/O.

/** Two assessors' scores for the same criterion of the same piece of work. */
export type ScorePair = readonly [first: number, second: number];

/** Share of pairs scored exactly alike (0–1); null when there are no pairs. */
export function exactAgreement(pairs: readonly ScorePair[]): number | null {
  if (!pairs.length) return null;
  return pairs.filter(([a, b]) => a === b).length / pairs.length;
}

/** Share of pairs at most one step apart (0–1); null when there are no pairs. */
export function adjacentAgreement(pairs: readonly ScorePair[]): number | null {
  if (!pairs.length) return null;
  return pairs.filter(([a, b]) => Math.abs(a - b) <= 1).length / pairs.length;
}

/**
 * Cohen's weighted kappa with quadratic weights over integer scores from `min` to `max`
 * (by default the lowest and highest score in the pairs): 1 is perfect agreement, 0 what chance
 * alone would give, below 0 worse than chance. Null when there are no pairs, or when chance
 * disagreement is zero (every score the same), where kappa is undefined.
 */
export function quadraticWeightedKappa(pairs: readonly ScorePair[], range?: { min: number; max: number }): number | null {
  if (!pairs.length) return null;
  const all = pairs.flat();
  const min = range?.min ?? Math.min(...all);
  const max = range?.max ?? Math.max(...all);
  const k = max - min + 1;
  if (k < 2) return null;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const firstTotals = new Array<number>(k).fill(0);
  const secondTotals = new Array<number>(k).fill(0);
  for (const [a, b] of pairs) {
    observed[a - min]![b - min]! += 1;
    firstTotals[a - min]! += 1;
    secondTotals[b - min]! += 1;
  }
  const n = pairs.length;
  let observedDisagreement = 0;
  let chanceDisagreement = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const weight = ((i - j) * (i - j)) / ((k - 1) * (k - 1));
      observedDisagreement += (weight * observed[i]![j]!) / n;
      chanceDisagreement += (weight * firstTotals[i]! * secondTotals[j]!) / (n * n);
    }
  }
  if (chanceDisagreement === 0) return null;
  return 1 - observedDisagreement / chanceDisagreement;
}
