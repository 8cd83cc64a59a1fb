import { DataTable } from "~/components/ui/data-table";
import type { PracticalFrontmatter } from "~/modules/content/schema";

export type MarkerGrade = {
  id: string;
  kind: "first" | "second" | "moderation";
  markerName: string;
  verdict: "pass" | "revise" | "fail";
  scores: Record<string, number>;
  points: number;
  maxPoints: number;
  feedback: string;
  reason: string | null;
};

const KIND_TEXT = { first: "First marker", second: "Second marker", moderation: "Moderator" } as const;
const VERDICT_TEXT = { pass: "Pass", revise: "Revise and resubmit", fail: "Fail" } as const;

/**
 * The markers' grades side by side, criterion by criterion, with the rows where they differ
 * said in words (not colour alone) — what a moderator decides from, and the marking record after.
 */
export function MarkerGrades({ rubric, grades, label }: { rubric: PracticalFrontmatter["rubric"]; grades: MarkerGrade[]; label: string }) {
  const levelOf = (criterionId: string, index: number | undefined) =>
    index === undefined ? "—" : (rubric.criteria.find((c) => c.id === criterionId)?.levels[index]?.label ?? "—");
  const differs = (criterionId: string) => new Set(grades.map((g) => g.scores[criterionId])).size > 1;
  return (
    <section aria-label={label} className="space-y-3">
      <DataTable
        label={`${label}: scores by criterion`}
        columns={[{ label: "Criterion" }, ...grades.map((g) => ({ label: `${KIND_TEXT[g.kind]} (${g.markerName})` }))]}
      >
        {rubric.criteria.map((c) => (
          <tr key={c.id} className={`border-t border-stone-200 ${grades.length > 1 && differs(c.id) ? "bg-amber-50" : ""}`}>
            <th scope="row" className="px-3 py-2 font-medium text-stone-900">
              {c.title}
              {c.critical ? <span className="block text-xs font-semibold text-amber-900">Must pass</span> : null}
              {grades.length > 1 && differs(c.id) ? <span className="block text-xs font-semibold text-amber-900">Markers differ</span> : null}
            </th>
            {grades.map((g) => (
              <td key={g.id} className="px-3 py-2">
                {levelOf(c.id, g.scores[c.id])}
              </td>
            ))}
          </tr>
        ))}
        <tr className="border-t border-stone-300">
          <th scope="row" className="px-3 py-2 font-semibold text-stone-900">
            Verdict
          </th>
          {grades.map((g) => (
            <td key={g.id} className="px-3 py-2 font-semibold">
              {VERDICT_TEXT[g.verdict]} · {g.points} of {g.maxPoints}
            </td>
          ))}
        </tr>
      </DataTable>
      <ul className="grid gap-3 md:grid-cols-2">
        {grades.map((g) => (
          <li key={g.id} className="rounded-md border border-stone-200 bg-white p-3">
            <p className="text-sm font-medium text-stone-700">
              {KIND_TEXT[g.kind]}: {g.markerName}
            </p>
            <p className="mt-1 whitespace-pre-line">{g.feedback || "No written feedback."}</p>
            {g.reason ? <p className="mt-2 text-sm text-stone-700">Reason for the final grade: {g.reason}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
