import type { PracticalFrontmatter } from "~/modules/content/schema";
import { DataTable } from "~/components/ui/data-table";

/**
 * The rubric as a grid of criteria × levels, with the chosen level marked when scores are given,
 * and each level's example illustration when the practical has one (`imageBase` is its folder's URL).
 * `label` names its scrollable region: give each table on a page a name of its own
 * ("Rubric scores, version 2"), so a screen reader's list of regions tells them apart.
 */
export function RubricTable({
  rubric,
  scores,
  imageBase,
  label = scores ? "Rubric scores" : "Rubric",
}: {
  rubric: PracticalFrontmatter["rubric"];
  scores?: Record<string, number>;
  imageBase?: string;
  label?: string;
}) {
  return (
    <DataTable label={label} columns={[{ label: "Criterion" }, { label: "Levels" }]}>
      {rubric.criteria.map((c) => (
        <tr key={c.id} className="border-t border-stone-200 align-top">
          <th scope="row" className="w-48 px-3 py-2 font-medium text-stone-900">
            {c.title}
            {c.critical ? <span className="mt-1 block text-xs font-semibold text-amber-900">Must pass: at its lowest level the piece cannot pass</span> : null}
          </th>
          <td className="px-3 py-2">
            <ul className="grid gap-2 md:grid-cols-2">
              {c.levels.map((l, i) => {
                const chosen = scores?.[c.id] === i;
                return (
                  <li key={l.label} className={`rounded-md border p-2 ${chosen ? "border-brand-600 bg-brand-50" : "border-stone-200"}`}>
                    <span className="font-medium">
                      {chosen ? <span aria-label="Chosen level">✓ </span> : null}
                      {l.label} · {l.points} pt{l.points === 1 ? "" : "s"}
                    </span>
                    <span className="block text-stone-700">{l.descriptor}</span>
                    {l.example && imageBase ? (
                      <figure className="mt-2">
                        <img
                          src={`${imageBase}/${l.example.src}`}
                          alt={l.example.alt}
                          loading="lazy"
                          className="h-auto w-full max-w-xs rounded border border-stone-200 bg-white"
                        />
                        <figcaption className="mt-1 text-xs text-stone-600">Illustration, drawn for this course</figcaption>
                      </figure>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
