import { Link } from "@remix-run/react";
import type { QuizStatsData } from "~/modules/quiz/stats-view.server";
import { DataTable } from "~/components/ui/data-table";

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Item statistics for instructors: how each question performs, and which need a look. */
export function QuizStats({ data }: { data: QuizStatsData }) {
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to={`/courses/${data.courseSlug}`} className="underline underline-offset-2">
          {data.courseTitle}
        </Link>
      </nav>
      <header>
        <h1 className="text-3xl font-bold text-stone-900">Question statistics</h1>
        <p className="mt-1 text-stone-700">
          {data.title} · {data.attempts} graded attempt{data.attempts === 1 ? "" : "s"}
        </p>
        <p className="mt-2 max-w-3xl text-sm text-stone-600">
          Facility is the share of learners who got a question right. Discrimination is the point-biserial correlation between a question and the rest of the
          attempt: low or negative values mean strong learners do no better on it than weak ones. Questions are flagged from {data.minResponses} responses.
        </p>
      </header>
      {data.items.length === 0 ? (
        <p className="rounded-md bg-white p-4 ring-1 ring-stone-200">No graded attempts yet.</p>
      ) : (
        <DataTable
          label="Question statistics"
          columns={[
            { label: "Question" },
            { label: "Responses" },
            { label: "Facility" },
            { label: "Discrimination" },
            { label: "Options chosen" },
            { label: "Flags" },
          ]}
        >
          {data.items.map((item) => (
            <tr key={item.questionRef} className={`border-t border-stone-200 align-top ${item.flags.length ? "bg-amber-50" : ""}`}>
              <td className="px-3 py-2">
                <span className="block font-medium text-stone-900">{item.prompt}</span>
                <span className="text-xs text-stone-500">{item.questionRef}</span>
              </td>
              <td className="px-3 py-2 tabular-nums">{item.responses}</td>
              <td className="px-3 py-2 tabular-nums">{pct(item.facility)}</td>
              <td className="px-3 py-2 tabular-nums">{item.discrimination === null ? "—" : item.discrimination.toFixed(2)}</td>
              <td className="px-3 py-2">
                <ul>
                  {item.options.map((o) => (
                    <li key={o.id}>
                      {o.correct ? <span className="font-medium">✓ </span> : null}
                      {o.text}: {o.count}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-2 text-amber-900">{item.flags.join("; ")}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
