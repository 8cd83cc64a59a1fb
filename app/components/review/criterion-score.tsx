import type { PracticalFrontmatter } from "~/modules/content/schema";
import { lowestLevel } from "~/modules/practicals/rubric";

type Criterion = PracticalFrontmatter["rubric"]["criteria"][number];

/**
 * One rubric criterion on the grading page: its levels as radio buttons, the must-pass warning,
 * and a link to each level's example illustration (`examples` is the practical folder's URL).
 */
export function CriterionScore({
  criterion: c,
  chosen,
  failsMustPass,
  examples,
  onChoose,
  measured = null,
}: {
  criterion: Criterion;
  chosen: number | undefined;
  failsMustPass: boolean;
  examples: string;
  onChoose: (level: number) => void;
  /** The dot analysis figure this criterion names, photo by photo. */
  measured?: { name: string; values: string[] } | null;
}) {
  return (
    <fieldset className={`rounded-md border bg-white p-3 ${failsMustPass ? "border-rose-400" : "border-stone-200"}`}>
      <legend className="px-1 font-medium">
        {c.title}
        {c.critical ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">Must pass</span> : null}
      </legend>
      {c.critical ? (
        <p className="mb-1 text-sm text-stone-700">At “{c.levels[lowestLevel(c.levels)]!.label}” the piece cannot pass, whatever its total.</p>
      ) : null}
      {measured ? (
        <p className="mb-1 rounded bg-stone-100 px-2 py-1 text-sm text-stone-800">
          Measured · {measured.name}: {measured.values.join(" · ")}
        </p>
      ) : null}
      {failsMustPass ? (
        <p className="mb-1 text-sm font-medium text-rose-800" role="status">
          Scored at the lowest level: this piece cannot pass until it is redone.
        </p>
      ) : null}
      <div className="space-y-1">
        {c.levels.map((l, i) => (
          <label key={l.label} className="flex cursor-pointer items-start gap-2 rounded p-1 has-[:checked]:bg-brand-50">
            <input type="radio" name={`score.${c.id}`} value={i} defaultChecked={chosen === i} onChange={() => onChoose(i)} className="mt-1 accent-brand-700" />
            <span className="text-sm">
              <span className="font-medium">
                {l.label} ({l.points})
              </span>{" "}
              <span className="text-stone-700">{l.descriptor}</span>
              {l.example ? (
                <a href={`${examples}/${l.example.src}`} target="_blank" rel="noreferrer" className="ml-1 text-brand-700 underline underline-offset-2">
                  See the example<span className="sr-only"> of {l.label}</span>
                </a>
              ) : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
