import { useId, useState, type ChangeEvent } from "react";

/*
 * Every period below is copied from an industry aftercare sheet or practitioner page, as recorded
 * in the course's fact sheet (smp-facts §5 and its source notes). None of it is trial evidence and
 * the sheets disagree, so the figure shows each source's own figure next to the others rather
 * than one answer.
 *
 * Day convention: "day" is whole days since the session, and day 0 is the session day. A source
 * that says "no washing for 3 days" (or "72 hours") advises against washing on days 0, 1 and 2
 * and no longer does from day 3. A source that gives a range ("shave from day 4–6") is only
 * partly lifted inside that range.
 */

export const DAY_MIN = 0;
export const DAY_MAX = 30;
const DEFAULT_DAY = 3;

export type ActivityId = "washing" | "sweating" | "foil-shaver" | "razor" | "swim-sauna-tanning" | "sun-without-spf" | "scrubbing";

/** One source's advice on one activity. `liftsFrom`/`liftsBy` are days; null means no end date. */
export type SourceAdvice = {
  source: string;
  wording: string;
  liftsFrom: number | null;
  liftsBy: number | null;
};

export type Activity = {
  id: ActivityId;
  label: string;
  note?: string;
  advice: readonly SourceAdvice[];
};

function fixed(source: string, wording: string, day: number): SourceAdvice {
  return { source, wording, liftsFrom: day, liftsBy: day };
}

function ranged(source: string, wording: string, from: number, by: number): SourceAdvice {
  return { source, wording, liftsFrom: from, liftsBy: by };
}

function noEnd(source: string, wording: string): SourceAdvice {
  return { source, wording, liftsFrom: null, liftsBy: null };
}

/** The activities the cited aftercare sources advise against, each with every source's figure. */
export const AFTERCARE_ACTIVITIES: readonly Activity[] = [
  {
    id: "washing",
    label: "Washing or wetting the scalp",
    advice: [
      fixed("ScalpGenesis", "no washing for 48 hours", 2),
      fixed("Steve Doig", "no washing for 3 days", 3),
      fixed("Browstoat", "no washing on days 1–3", 3),
      fixed("Meraki", "no water or sweat for 3 days", 3),
      fixed("Jesse SMP", "do not wet for 72 hours", 3),
      fixed("RealSelf (Linkov)", "no washing or wetting for 4 days", 4),
      fixed("StudyLib sheet", "no wetting for 4 days", 4),
      fixed("Vinci", "no washing, drying or shaving for 5 days", 5),
    ],
  },
  {
    id: "sweating",
    label: "Sweating or exercise",
    advice: [fixed("Meraki", "no water or sweat for 3 days", 3), ranged("RealSelf; Browstoat", "no wetting or sweating for 3–4 days", 3, 4)],
  },
  {
    id: "foil-shaver",
    label: "Shaving with an electric foil shaver",
    advice: [
      fixed("Meraki", "electric foil shaver from day 4", 4),
      ranged("Browstoat", "shave with a foil shaver on day 4–6", 4, 6),
      fixed("Vinci", "no shaving for 5 days", 5),
    ],
  },
  {
    id: "razor",
    label: "Shaving with a razor (blade)",
    note: "Only Meraki gives a separate day for a razor; Vinci’s 5 days covers all shaving.",
    advice: [fixed("Vinci", "no shaving for 5 days", 5), fixed("Meraki", "no razor until about day 10", 10)],
  },
  {
    id: "swim-sauna-tanning",
    label: "Swimming, sauna or tanning",
    note: "Tanning is grouped with pools and sauna in the 28–30-day break (StudyLib sheet; Meraki). The StudyLib sheet counts from the final session.",
    advice: [
      ranged("ScalpGenesis", "no swimming for 14 days, no sauna for 15 days", 14, 15),
      fixed("StudyLib sheet", "no swimming or sauna for 28 days after the final session", 28),
      fixed("Meraki", "no swimming or sauna for about 30 days", 30),
    ],
  },
  {
    id: "sun-without-spf",
    label: "Sun on the scalp without SPF",
    advice: [
      fixed("ScalpGenesis", "protect from the sun for 14 days", 14),
      noEnd("Meraki", "daily SPF, no end date given"),
      noEnd("StudyLib sheet", "no tanning for 28 days, then SPF 30–50, no end date given"),
    ],
  },
  {
    id: "scrubbing",
    label: "Scrubbing the scalp",
    advice: [fixed("Jesse SMP", "no scrubbing for 1 week", 7)],
  },
];

export type SourceStatus = "advises-against" | "partly-lifted" | "lifted";
export type ActivityStatus = "all-advise-against" | "sources-disagree" | "none-advise-against";

/**
 * Rounds a day to a whole number and clamps it to 0–30. Throws a RangeError for NaN, because
 * a NaN day would silently render as day 0.
 */
export function clampDay(day: number): number {
  if (Number.isNaN(day)) throw new RangeError("clampDay: day must be a number, got NaN");
  return Math.min(DAY_MAX, Math.max(DAY_MIN, Math.round(day)));
}

/** Whether one source still advises against the activity on this day. */
export function sourceStatusOnDay(advice: SourceAdvice, day: number): SourceStatus {
  if (advice.liftsFrom === null || day < advice.liftsFrom) return "advises-against";
  if (advice.liftsBy === null || day < advice.liftsBy) return "partly-lifted";
  return "lifted";
}

/**
 * The span over which the sources lift the advice: the earliest day any source lifts it and
 * the latest day every source has (null when at least one source gives no end date).
 */
export function adviceSpan(activity: Activity): { earliest: number | null; latest: number | null } {
  const froms = activity.advice.map((a) => a.liftsFrom);
  const bys = activity.advice.map((a) => a.liftsBy);
  const numericFroms = froms.filter((d): d is number => d !== null);
  return {
    earliest: numericFroms.length > 0 ? Math.min(...numericFroms) : null,
    latest: bys.some((d) => d === null) ? null : Math.max(...bys.map((d) => d ?? 0)),
  };
}

/** Every source advises against; the sources disagree; or no source advises against any more. */
export function activityStatusOnDay(activity: Activity, day: number): ActivityStatus {
  const statuses = activity.advice.map((a) => sourceStatusOnDay(a, day));
  if (statuses.every((s) => s === "advises-against")) return "all-advise-against";
  if (statuses.every((s) => s === "lifted")) return "none-advise-against";
  return "sources-disagree";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The spread of the sources' figures in words, e.g. "sources range from 2 to 5 days". */
export function describeSpan(activity: Activity): string {
  const { earliest, latest } = adviceSpan(activity);
  if (activity.advice.length === 1) {
    const only = activity.advice[0];
    return only && only.liftsFrom !== null ? `one source only: ${plural(only.liftsFrom, "day")}` : "one source only: no end date";
  }
  if (earliest === null) return "sources give no end date";
  if (latest === null) return `sources range from ${plural(earliest, "day")} to no end date`;
  if (earliest === latest) return `sources agree on ${plural(earliest, "day")}`;
  return `sources range from ${earliest} to ${latest} days`;
}

export type HealingNote = { phase: "scabbing" | "usual-end" | "late-scabs" | "past-range"; text: string };

/** What the one industry source on healing (Noel Higgins: scabs 5–7 days, up to 14) implies for a day. */
export function healingNoteOnDay(day: number): HealingNote {
  const d = clampDay(day);
  if (d < 5) {
    return {
      phase: "scabbing",
      text: "Scabs are expected. One industry source says they last 5–7 days and sometimes up to 14 (Noel Higgins). Do not pick them (RealSelf; Meraki).",
    };
  }
  if (d <= 7) {
    return {
      phase: "usual-end",
      text: "This is inside the 5–7 days after which that industry source says scabs usually come away (Noel Higgins).",
    };
  }
  if (d <= 14) {
    return {
      phase: "late-scabs",
      text: "Some scabs can still be present: the same industry source says they can last up to 14 days (Noel Higgins).",
    };
  }
  return {
    phase: "past-range",
    text: "This is past the 14 days the industry source gives as the longest scabs last (Noel Higgins). Anything still unhealed is a question for the practitioner.",
  };
}

export type ActivityOnDay = {
  id: ActivityId;
  label: string;
  status: ActivityStatus;
  span: string;
  note?: string;
  sources: readonly { source: string; wording: string; status: SourceStatus }[];
};

export type DayAftercare = {
  day: number;
  activities: readonly ActivityOnDay[];
  healing: HealingNote;
};

/** For a day since the session (clamped to 0–30), each activity's status and every source's advice. */
export function aftercareOnDay(day: number): DayAftercare {
  const d = clampDay(day);
  return {
    day: d,
    activities: AFTERCARE_ACTIVITIES.map((activity) => ({
      id: activity.id,
      label: activity.label,
      status: activityStatusOnDay(activity, d),
      span: describeSpan(activity),
      ...(activity.note ? { note: activity.note } : {}),
      sources: activity.advice.map((a) => ({
        source: a.source,
        wording: a.wording,
        status: sourceStatusOnDay(a, d),
      })),
    })),
    healing: healingNoteOnDay(d),
  };
}

const STATUS_ORDER: readonly ActivityStatus[] = ["all-advise-against", "sources-disagree", "none-advise-against"];

const STATUS_SENTENCE_LABEL: Record<ActivityStatus, string> = {
  "all-advise-against": "All sources advise against",
  "sources-disagree": "Sources disagree on",
  "none-advise-against": "No source still advises against",
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** One paragraph stating the day's result in words, for the live region and tests. */
export function summariseDay(day: number): string {
  const { day: d, activities } = aftercareOnDay(day);
  const parts = STATUS_ORDER.flatMap((status) => {
    const matching = activities.filter((a) => a.status === status);
    if (matching.length === 0) return [];
    const items = matching.map((a) => (status === "sources-disagree" ? `${lowerFirst(a.label)} (${a.span})` : lowerFirst(a.label)));
    return [`${STATUS_SENTENCE_LABEL[status]}: ${items.join("; ")}.`];
  });
  return `Day ${d} after the session${d === 0 ? " (the session day)" : ""}. ${parts.join(" ")}`;
}

type StatusCopy = { badge: string; symbol: string; badgeClass: string };

const STATUS_COPY: Record<ActivityStatus, StatusCopy> = {
  "all-advise-against": {
    badge: "All sources: avoid",
    symbol: "✕",
    badgeClass: "border-rose-300 bg-rose-50 text-rose-900",
  },
  "sources-disagree": {
    badge: "Sources disagree",
    symbol: "≈",
    badgeClass: "border-amber-400 bg-amber-50 text-amber-950",
  },
  "none-advise-against": {
    badge: "No source still advises against",
    symbol: "✓",
    badgeClass: "border-emerald-300 bg-emerald-50 text-emerald-900",
  },
};

const SOURCE_STATUS_LABEL: Record<SourceStatus, string> = {
  "advises-against": "still advises against",
  "partly-lifted": "partly lifted (see its wording)",
  lifted: "no longer advises against",
};

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-stone-900 focus-visible:ring-offset-2";

const PRESET_DAYS: readonly number[] = [0, 3, 5, 10, 14, 30];

const SOURCE_NAMES = "ScalpGenesis, Steve Doig, Browstoat, Meraki, Jesse SMP, RealSelf, StudyLib sheet, Vinci, Noel Higgins";

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
            <p aria-live="polite" aria-atomic="true" className="mt-1 text-sm leading-relaxed text-stone-800">
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
  const copy = STATUS_COPY[status];
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm font-medium ${copy.badgeClass}`}>
      <span aria-hidden="true">{copy.symbol}</span>
      {copy.badge}
    </span>
  );
}

// Bar geometry, in viewBox units: one unit per day across 0–30, stretched to the row width.
const BAR_W = DAY_MAX;
const BAR_H = 6;

function SpanBar({ activity, day, idPrefix }: { activity: Activity; day: number; idPrefix: string }) {
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const patternId = `${idPrefix}-stripes`;
  // Keep the marker fully inside the bar at day 0 and day 30.
  const markerX = Math.min(BAR_W - 0.15, Math.max(0.15, day));
  const { earliest, latest } = adviceSpan(activity);
  const solidEnd = earliest ?? BAR_W;
  const stripeEnd = latest ?? BAR_W;
  const titleText = `${activity.label}: ${describeSpan(activity)}`;
  const descText =
    `Every source advises against from day 0 to day ${solidEnd}` +
    (stripeEnd > solidEnd ? `; the sources disagree from day ${solidEnd} to ${latest === null ? "beyond day 30, with no end date" : `day ${stripeEnd}`}` : "") +
    `. Marker at day ${day}.`;

  return (
    <svg viewBox={`0 0 ${BAR_W} ${BAR_H}`} preserveAspectRatio="none" role="img" aria-labelledby={`${titleId} ${descId}`} className="mt-2 block h-5 w-full">
      <title id={titleId}>{titleText}</title>
      <desc id={descId}>{descText}</desc>
      <defs>
        <pattern id={patternId} width={1.2} height={BAR_H} patternUnits="userSpaceOnUse" patternTransform="skewX(-20)">
          <rect x={0} y={0} width={0.6} height={BAR_H} className="fill-amber-500" />
        </pattern>
      </defs>
      <rect x={0} y={0} width={BAR_W} height={BAR_H} className="fill-stone-100" />
      {solidEnd > 0 ? <rect x={0} y={0} width={solidEnd} height={BAR_H} className="fill-rose-700" /> : null}
      {stripeEnd > solidEnd ? <rect x={solidEnd} y={0} width={stripeEnd - solidEnd} height={BAR_H} fill={`url(#${patternId})`} /> : null}
      <rect x={0} y={0} width={BAR_W} height={BAR_H} fill="none" vectorEffect="non-scaling-stroke" className="stroke-stone-400" />
      <line x1={markerX} x2={markerX} y1={0} y2={BAR_H} strokeWidth={7} vectorEffect="non-scaling-stroke" className="stroke-white" />
      <line x1={markerX} x2={markerX} y1={0} y2={BAR_H} strokeWidth={3} vectorEffect="non-scaling-stroke" className="stroke-stone-950" />
    </svg>
  );
}
