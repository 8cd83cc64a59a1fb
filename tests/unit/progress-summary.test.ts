import { describe, expect, it } from "vitest";
import { summariseProgress } from "~/modules/progress/summarise";

describe("summariseProgress", () => {
  const modules = ["a", "b", "c"];

  it("counts completed modules and rounds the percentage down", () => {
    const p = summariseProgress(modules, [
      { moduleSlug: "a", startedAt: 1, completedAt: 2 },
      { moduleSlug: "b", startedAt: 1, completedAt: null },
    ]);
    expect(p.modules.map((m) => m.status)).toEqual(["completed", "started", "not-started"]);
    expect(p).toMatchObject({ completed: 1, total: 3, percent: 33 });
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
