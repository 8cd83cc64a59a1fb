import { useId, useState, type ChangeEvent } from "react";
import { TL_AXIS_Y, TL_H, TL_LEFT, TL_RIGHT, TL_TICKS, TL_W, xAtWeek } from "./geometry";
import {
  buildRemovalPlan,
  COLOUR_LABELS,
  DEFAULT_PLANNER_INPUT,
  describeRemovalPlan,
  INDUSTRY_INTERVAL_WEEKS,
  INK_COLOURS,
  isOneOf,
  KIRBY_CORRELATION_R,
  LASER_LABELS,
  LASER_TYPES,
  SELECT_FIELDS,
  sessionWeeks,
  timelineDescription,
  timelineTitle,
  withSelect,
  type PlannerInput,
  type SelectField,
} from "./model";

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-stone-900 focus-visible:ring-offset-2";
const SELECT_CLASS = `mt-1 block w-full min-h-11 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900 ${FOCUS_RING}`;
const LABEL_CLASS = "block text-sm font-semibold text-stone-900";

/**
 * Kirby-Desai factor planner for laser removal of SMP, for MDX course pages. Shows guidance,
 * never a score. Renders the same markup on the server and on first client render.
 */
export function RemovalPlanner() {
  const [input, setInput] = useState<PlannerInput>(DEFAULT_PLANNER_INPUT);
  const uid = useId().replace(/:/g, "");
  const plan = buildRemovalPlan(input);

  function handleSelect(key: SelectField["key"]) {
    return (event: ChangeEvent<HTMLSelectElement>) => {
      const value = event.currentTarget.value;
      setInput((current) => withSelect(current, key, value));
    };
  }

  function handleColour(event: ChangeEvent<HTMLInputElement>) {
    const value = event.currentTarget.value;
    if (isOneOf(INK_COLOURS, value)) setInput((current) => ({ ...current, colour: value }));
  }

  function handleLaser(event: ChangeEvent<HTMLInputElement>) {
    const value = event.currentTarget.value;
    if (isOneOf(LASER_TYPES, value)) setInput((current) => ({ ...current, laser: value }));
  }

  const [skinField, locationField, ...restFields] = SELECT_FIELDS;
  const renderSelect = (field: SelectField | undefined) =>
    field ? (
      <div key={field.key}>
        <label htmlFor={`${uid}-${field.key}`} className={LABEL_CLASS}>
          {field.label}
        </label>
        <select id={`${uid}-${field.key}`} value={input[field.key]} onChange={handleSelect(field.key)} className={SELECT_CLASS}>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {field.labels[option]}
            </option>
          ))}
        </select>
      </div>
    ) : null;

  return (
    <div className="not-prose my-8 rounded-xl border border-stone-200 bg-white p-4 text-stone-900 shadow-sm sm:p-5">
      <div className="flex flex-col gap-6 md:flex-row md:items-start">
        <form className="flex min-w-0 flex-col gap-4 md:w-2/5" onSubmit={(event) => event.preventDefault()}>
          <p className="text-sm font-semibold text-stone-900">The six Kirby-Desai factors</p>
          {renderSelect(skinField)}
          {renderSelect(locationField)}

          <fieldset className="m-0 border-0 p-0">
            <legend className={LABEL_CLASS}>Colour(s)</legend>
            <div className="mt-1 flex flex-col gap-1">
              {INK_COLOURS.map((colour) => (
                <label key={colour} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md px-2 text-sm hover:bg-stone-50">
                  <input
                    type="radio"
                    name={`${uid}-colour`}
                    value={colour}
                    checked={input.colour === colour}
                    onChange={handleColour}
                    className={`h-4 w-4 shrink-0 accent-stone-800 ${FOCUS_RING}`}
                  />
                  <span>{COLOUR_LABELS[colour]}</span>
                </label>
              ))}
            </div>
          </fieldset>

          {restFields.map(renderSelect)}

          <hr className="border-stone-200" />

          <fieldset className="m-0 border-0 p-0">
            <legend className={LABEL_CLASS}>Laser type (for the published session counts)</legend>
            <div className="mt-1 flex flex-col gap-1">
              {LASER_TYPES.map((laser) => (
                <label key={laser} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md px-2 text-sm hover:bg-stone-50">
                  <input
                    type="radio"
                    name={`${uid}-laser`}
                    value={laser}
                    checked={input.laser === laser}
                    onChange={handleLaser}
                    className={`h-4 w-4 shrink-0 accent-stone-800 ${FOCUS_RING}`}
                  />
                  <span>{LASER_LABELS[laser]}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </form>

        <div className="flex min-w-0 flex-col gap-4 md:w-3/5">
          <div role="status" className="rounded-lg border border-stone-300 bg-stone-50 p-4">
            <p className="text-base font-semibold">Estimated sessions: not calculated</p>
            <p className="mt-1 text-sm leading-relaxed">{describeRemovalPlan(plan)}</p>
          </div>

          <div className="rounded-lg border border-stone-200 p-4">
            <p className="text-sm font-semibold">Why no number?</p>
            <p className="mt-1 text-sm leading-relaxed text-stone-700">
              Kirby 2009 scores each factor and sums the points; the total tracked the number of sessions needed (r = {KIRBY_CORRELATION_R}, 100 patients). The
              points table is in Kirby 2009 and is not in this course&apos;s sources, so the planner does not invent one. A secondary industry source says the
              scale may over-predict with modern devices (TattooFadeLedger; uncertain). An industry page claims shallow carbon SMP may clear in 1–2 sessions
              (DermiMatch; uncertain).
            </p>
          </div>

          {plan.cautions.map((caution) => (
            <div key={caution.id} role="note" className="rounded-lg border border-l-4 border-rose-300 bg-rose-50 p-4 text-rose-950">
              <p className="text-sm font-semibold">Caution: {caution.title}</p>
              <p className="mt-1 text-sm leading-relaxed">{caution.text}</p>
            </div>
          ))}

          <div className="rounded-lg border border-stone-200 p-4">
            <p className="text-sm font-semibold">Wavelength</p>
            <ul className="mt-1 list-disc pl-5 text-sm leading-relaxed text-stone-700">
              {plan.wavelengths.map((w) => (
                <li key={w.nm}>
                  {w.nm} nm for {w.target} ({w.source})
                </li>
              ))}
            </ul>
          </div>

          <div className="rounded-lg border border-stone-200 p-4">
            <p className="text-sm font-semibold">Interval</p>
            <p className="mt-1 text-sm leading-relaxed text-stone-700">
              At least {plan.intervalWeeks} weeks between sessions in both cited series (Cannarozzo 2021; Bennardo 2021). An industry page quotes{" "}
              {INDUSTRY_INTERVAL_WEEKS.min}–{INDUSTRY_INTERVAL_WEEKS.max} weeks (Lilly Beauty): sources disagree. Short intervals were linked to
              hypopigmentation in darker skin (J Lasers Med Sci 2022).
            </p>
            <SessionTimeline
              sessions={plan.seriesMaxSessions}
              intervalWeeks={plan.intervalWeeks}
              laserLabel={plan.laserLabel}
              titleId={`${uid}-timeline-title`}
              descId={`${uid}-timeline-desc`}
            />
            <p className="mt-2 text-sm leading-relaxed text-stone-700">
              {plan.laserLabel}: up to {plan.seriesMaxSessions} sessions in {plan.laserSource}. At {plan.intervalWeeks}-week gaps the last of them falls at week{" "}
              {plan.seriesSpanWeeks} at the earliest. That is the longest course in the series, not a prediction.
            </p>
          </div>

          <details className="rounded-lg border border-stone-200 p-4">
            <summary className={`cursor-pointer rounded text-sm font-semibold ${FOCUS_RING}`}>What the sources say about each factor</summary>
            <dl className="mt-3 flex flex-col gap-3 text-sm leading-relaxed">
              {plan.factors.map((f) => (
                <div key={f.factor}>
                  <dt className="font-semibold text-stone-900">
                    {f.label}: <span className="font-normal">{f.choice}</span>
                  </dt>
                  <dd className="m-0 text-stone-700">{f.note}</dd>
                </div>
              ))}
            </dl>
          </details>

          <p className="text-sm leading-relaxed text-stone-600">
            A teaching aid, not a treatment plan: laser settings are for the treating clinician. Sources: Kirby 2009; Cannarozzo 2021; Bennardo 2021; J Lasers
            Med Sci 2022; Lasers Med Sci 2014; MDedge; industry pages named in the text.
          </p>
        </div>
      </div>
    </div>
  );
}

function SessionTimeline({
  sessions,
  intervalWeeks,
  laserLabel,
  titleId,
  descId,
}: {
  sessions: number;
  intervalWeeks: number;
  laserLabel: string;
  titleId: string;
  descId: string;
}) {
  const weeks = sessionWeeks(sessions, intervalWeeks);
  return (
    <svg viewBox={`0 0 ${TL_W} ${TL_H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="mt-3 block h-auto w-full max-w-xs">
      <title id={titleId}>{timelineTitle(sessions, intervalWeeks)}</title>
      <desc id={descId}>{timelineDescription(sessions, intervalWeeks, laserLabel)}</desc>
      <text x={TL_RIGHT} y={15} textAnchor="end" className="fill-stone-700 text-base">
        weeks from first session
      </text>
      <line x1={TL_LEFT} x2={TL_RIGHT} y1={TL_AXIS_Y} y2={TL_AXIS_Y} className="stroke-stone-400" strokeWidth={2} />
      {TL_TICKS.map((tick) => (
        <g key={tick}>
          <line x1={xAtWeek(tick)} x2={xAtWeek(tick)} y1={TL_AXIS_Y + 4} y2={TL_AXIS_Y + 10} className="stroke-stone-500" />
          <text x={xAtWeek(tick)} y={TL_AXIS_Y + 27} textAnchor="middle" className="fill-stone-700 text-base tabular-nums">
            {tick}
          </text>
        </g>
      ))}
      {weeks.map((week, i) => (
        <g key={week}>
          <circle cx={xAtWeek(week)} cy={TL_AXIS_Y} r={6} className="fill-stone-800" />
          <text x={xAtWeek(week)} y={TL_AXIS_Y - 14} textAnchor="middle" className="fill-stone-900 text-base font-semibold tabular-nums">
            {i + 1}
          </text>
        </g>
      ))}
    </svg>
  );
}
