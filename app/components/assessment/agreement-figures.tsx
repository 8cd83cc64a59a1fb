import { DataTable } from "~/components/ui/data-table";

type Practical = {
  slug: string;
  title: string;
  pairs: number;
  enough: boolean;
  verdictAgreement: number | null;
  moderated: number;
  criteria: { id: string; title: string; critical: boolean; pairs: number; exact: number | null; adjacent: number | null; kappa: number | null }[];
};
type Marker = { name: string; grades: number; moderated: number; meanFromModerated: number | null; benchmarkScores: number; meanFromBenchmarks: number | null };

const pct = (x: number | null) => (x === null ? "—" : `${x}%`);
const signed = (x: number | null) => (x === null ? "—" : x > 0 ? `+${x}` : String(x));

/**
 * How alike assessors grade: per practical and criterion over double-marked pieces, and per
 * instructor against moderated grades and benchmarks. Figures below `minPairs` pairs are not shown.
 */
export function AgreementFigures({
  practicals,
  markers,
  minPairs,
  csvHref,
}: {
  practicals: Practical[];
  markers: Marker[];
  minPairs: number;
  csvHref: string;
}) {
  const total = practicals.reduce((n, p) => n + p.pairs, 0);
  return (
    <div className="space-y-6">
      <p className="text-stone-700">
        {total} double-marked piece{total === 1 ? "" : "s"} so far. Figures appear once a practical has {minPairs} pairs.{" "}
        <a href={csvHref} className="font-medium text-brand-700 underline underline-offset-2">
          Download the pairs (CSV)
        </a>
      </p>
      {practicals.map((p) => (
        <section key={p.slug} aria-labelledby={`agreement-${p.slug}`} className="space-y-2">
          <h3 id={`agreement-${p.slug}`} className="text-lg font-semibold text-stone-900">
            {p.title}
          </h3>
          {!p.enough ? (
            <p className="rounded-md bg-stone-100 p-3 text-stone-800">
              Not enough pairs: {p.pairs} of the {minPairs} needed for agreement figures.
            </p>
          ) : (
            <>
              <p className="text-stone-800">
                {p.pairs} pairs · verdicts agree in <strong>{pct(p.verdictAgreement)}</strong> · {p.moderated} went to moderation
              </p>
              <DataTable
                label={`Agreement by criterion: ${p.title}`}
                columns={[
                  { label: "Criterion" },
                  { label: "Pairs", className: "text-right" },
                  { label: "Exact", className: "text-right" },
                  { label: "Within one level", className: "text-right" },
                  { label: "Weighted kappa", className: "text-right" },
                ]}
              >
                {p.criteria.map((c) => (
                  <tr key={c.id} className="border-t border-stone-200">
                    <th scope="row" className="px-3 py-2 font-medium">
                      {c.title}
                      {c.critical ? <span className="ml-1 text-xs font-semibold text-amber-900">(must pass)</span> : null}
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">{c.pairs}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{pct(c.exact)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{pct(c.adjacent)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{c.kappa === null ? "undefined (no spread)" : c.kappa.toFixed(2)}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
        </section>
      ))}
      <section aria-labelledby="agreement-markers" className="space-y-2">
        <h3 id="agreement-markers" className="text-lg font-semibold text-stone-900">
          By instructor
        </h3>
        <p className="text-sm text-stone-700">
          From moderated: the instructor&apos;s points minus the moderator&apos;s, averaged (positive is more lenient). From benchmarks: the average distance,
          in rubric levels per criterion, from the agreed scores of the benchmarks they graded.
        </p>
        {markers.length === 0 ? (
          <p className="rounded-md bg-stone-100 p-3">No double-marked work or standardisation yet.</p>
        ) : (
          <DataTable
            label="Deviation by instructor"
            columns={[
              { label: "Instructor" },
              { label: "Grades in pairs", className: "text-right" },
              { label: "From moderated (points)", className: "text-right" },
              { label: "From benchmarks (levels)", className: "text-right" },
            ]}
          >
            {markers.map((m) => (
              <tr key={m.name} className="border-t border-stone-200">
                <th scope="row" className="px-3 py-2 font-medium">
                  {m.name}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{m.grades}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {signed(m.meanFromModerated)}
                  {m.moderated ? <span className="text-stone-500"> (n={m.moderated})</span> : null}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {m.meanFromBenchmarks === null ? "—" : m.meanFromBenchmarks}
                  {m.benchmarkScores ? <span className="text-stone-500"> (n={m.benchmarkScores})</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
