export type ModuleStatus = "not-started" | "started" | "completed";
export type ProgressRow = { moduleSlug: string; startedAt: number; completedAt: number | null };
export type CourseProgress = {
  modules: { slug: string; status: ModuleStatus }[];
  completed: number;
  total: number;
  /** Whole percent, 0–100. */
  percent: number;
};

/** Whole percent, rounded down: a bar shows 100% only when everything is done. */
export function percentOf(value: number, max: number): number {
  return max <= 0 ? 0 : Math.floor((Math.min(value, max) / max) * 100);
}

/** Course progress from a learner's rows: modules no longer in the course do not count. */
export function summariseProgress(moduleSlugs: readonly string[], rows: readonly ProgressRow[]): CourseProgress {
  const bySlug = new Map(rows.map((r) => [r.moduleSlug, r]));
  const modules = moduleSlugs.map((slug) => {
    const row = bySlug.get(slug);
    const status: ModuleStatus = row?.completedAt ? "completed" : row ? "started" : "not-started";
    return { slug, status };
  });
  const completed = modules.filter((m) => m.status === "completed").length;
  const total = moduleSlugs.length;
  return { modules, completed, total, percent: percentOf(completed, total) };
}
