import { assessorsOf, type Transcript } from "~/modules/certification/transcript";

/** A certificate's transcript: theory with scores, practicals with their assessors, countersigned cases. */
export function TranscriptView({ transcript: t, headingLevel = 2 }: { transcript: Transcript; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h3" : "h4";
  const assessors = assessorsOf(t);
  return (
    <div className="grid gap-5 md:grid-cols-2">
      <div className="space-y-2">
        <H className="font-semibold text-stone-900">Theory{t.guidedHours ? ` (of ${t.guidedHours} guided learning hours in all)` : ""}</H>
        <ul className="space-y-1 text-stone-800">
          {t.modules.map((m) => (
            <li key={m.title} className="flex justify-between gap-3 border-b border-stone-100 pb-1">
              <span>{m.title}</span>
              <span className="shrink-0 tabular-nums text-stone-600">{m.quizPercent === null ? `${m.minutes} min` : `quiz ${m.quizPercent}%`}</span>
            </li>
          ))}
        </ul>
        {t.examPercent !== null ? <p className="font-medium text-stone-900">Final exam: {t.examPercent}%</p> : null}
      </div>
      <div className="space-y-4">
        <div className="space-y-2">
          <H className="font-semibold text-stone-900">Practicals passed</H>
          <ul className="space-y-2 text-stone-800">
            {t.practicals.map((p) => (
              <li key={p.title}>
                {p.title}
                {p.passedOn ? <span className="text-stone-600"> · {p.passedOn}</span> : null}
                <span className="block text-sm text-stone-600">{p.assessor ? `Assessed by ${p.assessor}` : "Assessor not recorded"}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="space-y-2">
          <H className="font-semibold text-stone-900">Supervised cases</H>
          <p className="text-stone-800">
            {t.cases.count} countersigned{t.cases.dates.length ? `: ${t.cases.dates.join(", ")}` : ""}
          </p>
          {t.healedReviews?.count ? (
            <p className="text-stone-800">
              {t.healedReviews.count} healed-result review{t.healedReviews.count === 1 ? "" : "s"}: {t.healedReviews.dates.join(", ")}
            </p>
          ) : null}
          {assessors.cases.length ? <p className="text-sm text-stone-600">Countersigned by {assessors.cases.join(", ")}</p> : null}
        </div>
      </div>
    </div>
  );
}
