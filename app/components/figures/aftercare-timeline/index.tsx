import { useId, useState, type ChangeEvent } from "react";
import { BAR_H, BAR_W, barSegments, markerX } from "./geometry";
import {
  AFTERCARE_ACTIVITIES,
  aftercareOnDay,
  clampDay,
  DAY_MAX,
  DAY_MIN,
  DEFAULT_DAY,
  PRESET_DAYS,
  SOURCE_NAMES,
  SOURCE_STATUS_LABEL,
  spanBarDescription,
  spanBarTitle,
  STATUS_BADGES,
  summariseDay,
  type Activity,
  type ActivityStatus,
} from "./model";

const STATUS_BADGE_CLASS: Record<ActivityStatus, string> = {
  "all-advise-against": "border-rose-300 bg-rose-50 text-rose-900",
  "sources-disagree": "border-amber-400 bg-amber-50 text-amber-950",
  "none-advise-against": "border-emerald-300 bg-emerald-50 text-emerald-900",
};

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-stone-900 focus-visible:ring-offset-2";

/**
 * Interactive "days since the session" view of conflicting aftercare advice, for MDX course
 * pages. Renders the same markup on the server and on first client render.
 */
export function AftercareTimeline({ initialDay }: { initialDay?: number }) {
  const [day, setDay] = useState<number>(() => clampDay(initialDay !== undefined && Number.isFinite(initialDay) ? initialDay : DEFAULT_DAY));
  const uid = useId().replace(/:/g, "");
  const sliderId = `${uid}-day`;
  const hintId = `${uid}-hint`;

  const result = aftercareOnDay(day);
  const summary = summariseDay(day);

  function handleSlider(event: ChangeEvent<HTMLInputElement>) {
    const next = Number(event.currentTarget.value);
    if (Number.isFinite(next)) setDay(clampDay(next));
  }

  return (
    <div className="not-prose my-8 rounded-xl border border-stone-200 bg-white p-4 text-stone-900 shadow-sm sm:p-5">
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm leading-relaxed text-amber-950">
        <strong className="font-semibold">A summary of conflicting industry practice, not evidence.</strong> No study compares these periods. A client should
        follow their own practitioner&apos;s written aftercare instructions.
      </p>

      <div className="mt-4 flex flex-col gap-6 md:flex-row md:items-start">
        <div className="flex min-w-0 flex-col gap-4 md:w-2/5">
          <div>
            <div className="flex items-baseline justify-between gap-3">
              <label htmlFor={sliderId} className="text-sm font-semibold text-stone-900">
                Days since the session
              </label>
              <span className="text-lg font-semibold tabular-nums text-stone-900">Day {day}</span>
            </div>
            <input
              id={sliderId}
              type="range"
              min={DAY_MIN}
              max={DAY_MAX}
              step={1}
              value={day}
              onChange={handleSlider}
              aria-describedby={hintId}
              aria-valuetext={`Day ${day} after the session`}
              className={`mt-2 block w-full cursor-pointer rounded accent-stone-800 ${FOCUS_RING}`}
            />
            <div className="mt-1 flex justify-between text-sm text-stone-600" aria-hidden="true">
              <span>Day {DAY_MIN}</span>
              <span>Day {DAY_MAX}</span>
            </div>
            <p id={hintId} className="mt-1 text-sm text-stone-600">
              Day 0 is the session day. Use the arrow keys or the buttons to step one day.
            </p>
          </div>

          <div className="flex gap-2">
            <button
              type="button"
              onClick={() => setDay((d) => clampDay(d - 1))}
              aria-disabled={day <= DAY_MIN}
              className={`min-h-11 flex-1 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium text-stone-800 hover:bg-stone-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 ${FOCUS_RING}`}
            >
              Previous day
            </button>
            <button
              type="button"
              onClick={() => setDay((d) => clampDay(d + 1))}
              aria-disabled={day >= DAY_MAX}
              className={`min-h-11 flex-1 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium text-stone-800 hover:bg-stone-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 ${FOCUS_RING}`}
            >
              Next day
            </button>
          </div>

          <fieldset className="m-0 border-0 p-0">
            <legend className="mb-2 text-sm font-semibold text-stone-900">Jump to a day</legend>
            <div className="flex flex-wrap gap-2">
              {PRESET_DAYS.map((preset) => (
                <button
                  key={preset}
                  type="button"
                  aria-pressed={preset === day}
                  onClick={() => setDay(preset)}
                  className={`min-h-11 min-w-11 rounded-md border px-3 py-2 text-sm font-medium tabular-nums ${FOCUS_RING} ${
                    preset === day ? "border-stone-900 bg-stone-900 text-white" : "border-stone-300 bg-white text-stone-800 hover:bg-stone-100"
                  }`}
                >
                  Day {preset}
                </button>
              ))}
            </div>
          </fieldset>

          <div className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sky-950">
            <p className="text-sm font-semibold">Expected healing (industry, one source)</p>
            <p className="mt-1 text-sm leading-relaxed">{result.healing.text}</p>
          </div>

          <div className="rounded-lg border border-stone-200 bg-stone-50 p-3">
            <p className="text-sm font-semibold text-stone-900">In words</p>
            <p role="status" className="mt-1 text-sm leading-relaxed text-stone-800">
              {summary}
            </p>
          </div>
        </div>

        <div className="min-w-0 md:w-3/5">
          <p className="text-sm text-stone-700" aria-hidden="true">
            Bars run from day 0 to day 30. Solid: every source advises against. Striped: the sources disagree. Blank: no source still advises against. The line
            marks day {day}.
          </p>
          <ul className="mt-3 flex flex-col gap-3">
            {result.activities.map((activity) => {
              const source = AFTERCARE_ACTIVITIES.find((a) => a.id === activity.id);
              return (
                <li key={activity.id} className="rounded-lg border border-stone-200 p-3">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <p className="text-sm font-semibold text-stone-900">{activity.label}</p>
                    <StatusBadge status={activity.status} />
                  </div>
                  {source ? <SpanBar activity={source} day={day} idPrefix={`${uid}-${activity.id}`} /> : null}
                  <p className="mt-1 text-sm text-stone-700">
                    <span className="font-medium">Spread:</span> {activity.span}.
                  </p>
                  {activity.note ? <p className="mt-1 text-sm text-stone-600">{activity.note}</p> : null}
                  <details className="mt-2 text-sm">
                    <summary className={`cursor-pointer rounded text-stone-800 underline underline-offset-2 ${FOCUS_RING}`}>
                      What each source says ({activity.sources.length})
                    </summary>
                    <ul className="mt-2 flex flex-col gap-1 text-stone-700">
                      {activity.sources.map((s) => (
                        <li key={s.source}>
                          <span className="font-medium text-stone-900">{s.source}</span>: {s.wording}{" "}
                          <span className="text-stone-600">
                            — on day {day}, {SOURCE_STATUS_LABEL[s.status]}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              );
            })}
          </ul>
        </div>
      </div>

      <p className="mt-4 text-sm leading-relaxed text-stone-600">
        Periods are counted in whole days from the session; &ldquo;no washing for 3 days&rdquo; is shown as lifting on day 3. All periods come from clinic and
        practitioner pages (industry practice, not evidence): {SOURCE_NAMES}.
      </p>
    </div>
  );
}

function StatusBadge({ status }: { status: ActivityStatus }) {
  const copy = STATUS_BADGES[status];
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm font-medium ${STATUS_BADGE_CLASS[status]}`}>
      <span aria-hidden="true">{copy.symbol}</span>
      {copy.badge}
    </span>
  );
}

function SpanBar({ activity, day, idPrefix }: { activity: Activity; day: number; idPrefix: string }) {
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const patternId = `${idPrefix}-stripes`;
  const marker = markerX(day);
  const { solidEnd, stripeEnd } = barSegments(activity);

  return (
    <svg viewBox={`0 0 ${BAR_W} ${BAR_H}`} preserveAspectRatio="none" role="img" aria-labelledby={`${titleId} ${descId}`} className="mt-2 block h-5 w-full">
      <title id={titleId}>{spanBarTitle(activity)}</title>
      <desc id={descId}>{spanBarDescription(activity, day)}</desc>
      <defs>
        <pattern id={patternId} width={1.2} height={BAR_H} patternUnits="userSpaceOnUse" patternTransform="skewX(-20)">
          <rect x={0} y={0} width={0.6} height={BAR_H} className="fill-amber-500" />
        </pattern>
      </defs>
      <rect x={0} y={0} width={BAR_W} height={BAR_H} className="fill-stone-100" />
      {solidEnd > 0 ? <rect x={0} y={0} width={solidEnd} height={BAR_H} className="fill-rose-700" /> : null}
      {stripeEnd > solidEnd ? <rect x={solidEnd} y={0} width={stripeEnd - solidEnd} height={BAR_H} fill={`url(#${patternId})`} /> : null}
      <rect x={0} y={0} width={BAR_W} height={BAR_H} fill="none" vectorEffect="non-scaling-stroke" className="stroke-stone-400" />
      <line x1={marker} x2={marker} y1={0} y2={BAR_H} strokeWidth={7} vectorEffect="non-scaling-stroke" className="stroke-white" />
      <line x1={marker} x2={marker} y1={0} y2={BAR_H} strokeWidth={3} vectorEffect="non-scaling-stroke" className="stroke-stone-950" />
    </svg>
  );
}
