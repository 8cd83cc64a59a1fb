import { useId, useState } from "react";
import type { AnalysisSummary } from "~/modules/analysis/analyse";

const mm = (x: number) => `${x.toFixed(2)} mm`;
const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * What the dot analysis measured on one photo, with the photo and its problem marks (merged in
 * amber, blow-out candidates in red, empty patches outlined in blue) that can be switched off.
 * Advice for the learner and the grader, never a grade.
 */
export function DotAnalysisPanel({ summary, src, title }: { summary: AnalysisSummary | null; src: string; title: string }) {
  const headingId = useId();
  const [marks, setMarks] = useState(true);
  if (!summary) return null;
  if (!summary.ok)
    return (
      <section aria-labelledby={headingId} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-stone-800">
        <h3 id={headingId} className="font-semibold">
          Dot analysis of {title}: could not measure
        </h3>
        <p>{summary.reason}</p>
      </section>
    );
  const { image } = summary;
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-md border border-stone-200 bg-white p-3 text-sm text-stone-800">
      <h3 id={headingId} className="font-semibold text-stone-900">
        Dot analysis of {title}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <figure className="space-y-1">
          <div className="relative">
            <img src={src} alt={`${title}, as analysed`} className="block h-auto w-full rounded" width={image.width} height={image.height} />
            {marks ? (
              <svg
                viewBox={`0 0 ${image.width} ${image.height}`}
                preserveAspectRatio="none"
                className="pointer-events-none absolute inset-0 h-full w-full"
                aria-hidden="true"
              >
                {summary.emptyPatches.map((p, i) => (
                  <rect
                    key={`e${i}`}
                    x={p.x}
                    y={p.y}
                    width={p.width}
                    height={p.height}
                    fill="none"
                    stroke="#1d4ed8"
                    strokeWidth={image.width / 300}
                    strokeDasharray="12 8"
                  />
                ))}
                {summary.marks.map((m, i) => (
                  <circle
                    key={i}
                    cx={m.x}
                    cy={m.y}
                    r={Math.max(m.r * 1.6, image.width / 150)}
                    fill="none"
                    stroke={m.kind === "merged" ? "#d97706" : "#dc2626"}
                    strokeWidth={image.width / 300}
                  />
                ))}
              </svg>
            ) : null}
          </div>
          <figcaption className="flex flex-wrap items-center gap-2 text-xs text-stone-600">
            <label className="inline-flex min-h-9 items-center gap-1">
              <input type="checkbox" checked={marks} onChange={(e) => setMarks(e.target.checked)} /> Show marks
            </label>
            <span>
              <span className="font-semibold text-amber-700">amber</span>: merged dots · <span className="font-semibold text-red-700">red</span>: possible
              blow-outs · <span className="font-semibold text-blue-700">blue</span>: empty patches
            </span>
          </figcaption>
        </figure>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 self-start">
          <dt className="text-stone-600">Dots</dt>
          <dd>
            {summary.count} ({summary.densityPerCm2.toFixed(0)} per cm²)
          </dd>
          <dt className="text-stone-600">Dot size</dt>
          <dd>
            median {mm(summary.diameter.median)}, middle half within {mm(summary.diameter.iqr)}, variation {pct(summary.diameter.cv)}
          </dd>
          <dt className="text-stone-600">Spacing</dt>
          <dd>
            median {mm(summary.spacing.median)} to the nearest dot, variation {pct(summary.spacing.cv)}
          </dd>
          <dt className="text-stone-600">Randomness</dt>
          <dd>
            Clark–Evans {summary.clarkEvans?.toFixed(2) ?? "—"}
            {summary.isGrid ? ", rows or a grid detected" : ", no rows or grid"}
          </dd>
          <dt className="text-stone-600">Problems</dt>
          <dd>
            {summary.problems.merged} merged, {summary.problems.blowouts} possible blow-outs, {summary.problems.emptyPatches} empty patches
          </dd>
          <dt className="text-stone-600">Scale</dt>
          <dd>{summary.scaleSource === "card" ? "from the calibration card" : "from ruler marks"}</dd>
        </dl>
      </div>
      <p className="text-xs text-stone-600">
        Measured by Stipple to help you look; it cannot see depth, healed colour or blur on real skin, and it never grades.
      </p>
    </section>
  );
}
