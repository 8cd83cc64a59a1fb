import { describe, expect, it } from "vitest";
import { itemStatistics } from "~/modules/quiz/stats";

/** Twelve attempts of two items: "good" tracks the rest of the test, "bad" runs against it. */
function fixture() {
  const totals = [];
  const items = [];
  for (let i = 0; i < 12; i++) {
    const strong = i < 6;
    const rest = strong ? 8 : 2;
    const good = strong ? 1 : 0;
    const bad = strong ? 0 : 1;
    totals.push({ attemptId: `a${i}`, score: rest + good + bad, maxScore: 12 });
    items.push({ attemptId: `a${i}`, questionRef: "m/good", score: good, chosen: [good ? "a" : "b"] });
    items.push({ attemptId: `a${i}`, questionRef: "m/bad", score: bad, chosen: [bad ? "a" : "c"] });
  }
  return { totals, items };
}

describe("item statistics", () => {
  it("computes facility, discrimination and option counts", () => {
    const { totals, items } = fixture();
    const [bad, good] = itemStatistics(items, totals);
    expect(good).toMatchObject({ questionRef: "m/good", responses: 12, facility: 0.5, optionCounts: { a: 6, b: 6 }, flags: [] });
    expect(good!.discrimination).toBeCloseTo(1);
    expect(bad!.discrimination).toBeCloseTo(-1);
    expect(bad!.flags[0]).toMatch(/Negative discrimination/);
  });

  it("does not flag with too few responses, and ignores attempts it has no total for", () => {
    const { totals, items } = fixture();
    const few = itemStatistics(items.slice(0, 8), totals);
    expect(few.every((s) => s.flags.length === 0)).toBe(true);
    expect(itemStatistics(items, [])).toEqual([]);
  });

  it("gives no discrimination when everyone scored the same", () => {
    const totals = [1, 2, 3].map((i) => ({ attemptId: `a${i}`, score: i, maxScore: 5 }));
    const items = totals.map((t) => ({ attemptId: t.attemptId, questionRef: "m/q", score: 1, chosen: null }));
    expect(itemStatistics(items, totals)[0]).toMatchObject({ facility: 1, discrimination: null });
  });
});
