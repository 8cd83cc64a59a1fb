import { describe, expect, it } from "vitest";
import { adjacentAgreement, exactAgreement, quadraticWeightedKappa, type ScorePair } from "~/modules/practicals/agreement";

const zip = (a: number[], b: number[]): ScorePair[] => a.map((x, i) => [x, b[i]!] as const);

describe("agreement between two assessors", () => {
  // Published worked examples: Maple's EssayTools[QuadraticWeightedKappa] help page gives these
  // two pairs of essay-score lists with kappa 0.758620689655172 and 0.438095238095238.
  it("matches the published quadratic weighted kappa examples", () => {
    const first = [9, 7, 8, 7, 6, 8, 3, 5, 10];
    expect(quadraticWeightedKappa(zip(first, [8, 8, 6, 6, 7, 6, 1, 4, 8]))).toBeCloseTo(0.758620689655172, 12);
    expect(quadraticWeightedKappa(zip(first, [3, 5, 6, 6, 7, 6, 1, 4, 8]))).toBeCloseTo(0.438095238095238, 12);
  });

  it("is 1 for identical scores, 0 for independent ones, negative for opposite ones", () => {
    expect(quadraticWeightedKappa(zip([0, 1, 2, 3], [0, 1, 2, 3]))).toBe(1);
    // A hand-computed table: the second assessor's scores are independent of the first's.
    expect(quadraticWeightedKappa(zip([0, 0, 1, 1], [0, 1, 0, 1]))).toBeCloseTo(0, 12);
    expect(quadraticWeightedKappa(zip([0, 1, 2, 3], [3, 2, 1, 0]))).toBeLessThan(0);
  });

  it("is undefined with no pairs or when every score is the same", () => {
    expect(quadraticWeightedKappa([])).toBeNull();
    expect(quadraticWeightedKappa(zip([2, 2, 2], [2, 2, 2]))).toBeNull();
  });

  it("counts exact and adjacent agreement", () => {
    const pairs = zip([0, 1, 2, 3, 3], [0, 2, 0, 3, 2]);
    expect(exactAgreement(pairs)).toBe(2 / 5);
    expect(adjacentAgreement(pairs)).toBe(4 / 5);
    expect(exactAgreement([])).toBeNull();
  });
});
