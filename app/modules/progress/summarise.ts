export type ModuleStatus = "not-started" | "started" | "completed";
export type ProgressRow = { moduleSlug: string; startedAt: number; completedAt: number | null };
export type CourseProgress = {
  modules: { slug: string; status: ModuleStatus }[];
  completed: number;
  total: number;
  /** Whole percent, 0–100. */
  percent: number;
};

/**
 * Whole percent, rounded to the nearest (1 of 6 is 17%), except at the ends: 100% only when
 * everything is done and 0% only when nothing is, so 199 of 200 reads 99% and 1 of 300 reads 1%.
 */
export function percentOf(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  if (value >= max) return 100;
  return Math.min(99, Math.max(1, Math.round((value / max) * 100)));
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
