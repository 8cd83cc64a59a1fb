import type { AnalysisSummary } from "./analyse";

/** The measured figures a rubric criterion may name with `metric:` in a practical's frontmatter. */
export const METRICS = [
  "dot-count",
  "density",
  "diameter-median",
  "diameter-cv",
  "spacing-median",
  "spacing-cv",
  "clark-evans",
  "grid",
  "merged",
  "blowouts",
  "empty-patches",
] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_NAMES: Record<Metric, string> = {
  "dot-count": "Dots counted",
  density: "Density",
  "diameter-median": "Median dot size",
  "diameter-cv": "Dot size variation",
  "spacing-median": "Median spacing",
  "spacing-cv": "Spacing variation",
  "clark-evans": "Clark–Evans index",
  grid: "Rows or grid",
  merged: "Merged dots",
  blowouts: "Possible blow-outs",
  "empty-patches": "Empty patches",
};

function reading(metric: Metric, s: Extract<AnalysisSummary, { ok: true }>): string {
  switch (metric) {
    case "dot-count":
      return String(s.count);
    case "density":
      return `${s.densityPerCm2.toFixed(0)}/cm²`;
    case "diameter-median":
      return `${s.diameter.median.toFixed(2)} mm`;
    case "diameter-cv":
      return `${Math.round(s.diameter.cv * 100)}%`;
    case "spacing-median":
      return `${s.spacing.median.toFixed(2)} mm`;
    case "spacing-cv":
      return `${Math.round(s.spacing.cv * 100)}%`;
    case "clark-evans":
      return s.clarkEvans === null ? "—" : s.clarkEvans.toFixed(2);
    case "grid":
      return s.isGrid ? "detected" : "none";
    case "merged":
      return String(s.problems.merged);
    case "blowouts":
      return String(s.problems.blowouts);
    case "empty-patches":
      return String(s.problems.emptyPatches);
  }
}

/**
 * The figure a criterion's metric names, photo by photo ("view 1: 21%"), for the grading page;
 * null when the criterion names none or no photo was measured.
 */
export function metricReadings(
  metric: Metric | undefined,
  photos: ReadonlyArray<{ label: string; summary: AnalysisSummary | null }>,
): { name: string; values: string[] } | null {
  if (!metric) return null;
  const values = photos.flatMap((p) => (p.summary?.ok ? [`${p.label}: ${reading(metric, p.summary)}`] : []));
  return values.length ? { name: METRIC_NAMES[metric], values } : null;
}
