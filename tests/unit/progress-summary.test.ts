import { describe, expect, it } from "vitest";
import { percentOf, summariseProgress } from "~/modules/progress/summarise";

describe("summariseProgress", () => {
  const modules = ["a", "b", "c"];

  it("counts completed modules and gives the percentage to the nearest whole", () => {
    const p = summariseProgress(modules, [
      { moduleSlug: "a", startedAt: 1, completedAt: 2 },
      { moduleSlug: "b", startedAt: 1, completedAt: null },
    ]);
    expect(p.modules.map((m) => m.status)).toEqual(["completed", "started", "not-started"]);
    expect(p).toMatchObject({ completed: 1, total: 3, percent: 33 });
    const twoOfThree = summariseProgress(modules, [
      { moduleSlug: "a", startedAt: 1, completedAt: 2 },
      { moduleSlug: "b", startedAt: 1, completedAt: 2 },
    ]);
    expect(twoOfThree.percent).toBe(67);
  });

  it("ignores rows for modules that are no longer in the course", () => {
    const p = summariseProgress(modules, [{ moduleSlug: "gone", startedAt: 1, completedAt: 2 }]);
    expect(p).toMatchObject({ completed: 0, percent: 0 });
  });

  it("reaches 100 only when every module is complete", () => {
    const rows = modules.map((m) => ({ moduleSlug: m, startedAt: 1, completedAt: 2 }));
    expect(summariseProgress(modules, rows).percent).toBe(100);
    expect(summariseProgress([], []).percent).toBe(0);
  });
});

describe("percentOf", () => {
  it("rounds to the nearest whole percent: 1 of 6 is 17%, not 16%", () => {
    expect(percentOf(1, 6)).toBe(17);
    expect(percentOf(5, 6)).toBe(83);
    expect(percentOf(1, 8)).toBe(13);
    expect(percentOf(1, 12)).toBe(8);
    expect(percentOf(1, 2)).toBe(50);
  });

  it("says 100% only when everything is done and 0% only when nothing is", () => {
    expect(percentOf(199, 200)).toBe(99);
    expect(percentOf(1, 300)).toBe(1);
    expect(percentOf(6, 6)).toBe(100);
    expect(percentOf(0, 6)).toBe(0);
  });

  it("caps at 100 and treats an empty total as 0", () => {
    expect(percentOf(7, 6)).toBe(100);
    expect(percentOf(3, 0)).toBe(0);
    expect(percentOf(-1, 6)).toBe(0);
  });
});
