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
/** The day shown when the figure first renders. */
export const DEFAULT_DAY = 3;

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

/** The text and symbol of each activity status's badge. */
export const STATUS_BADGES: Record<ActivityStatus, { badge: string; symbol: string }> = {
  "all-advise-against": { badge: "All sources: avoid", symbol: "✕" },
  "sources-disagree": { badge: "Sources disagree", symbol: "≈" },
  "none-advise-against": { badge: "No source still advises against", symbol: "✓" },
};

/** What one source's status means on the chosen day, in words. */
export const SOURCE_STATUS_LABEL: Record<SourceStatus, string> = {
  "advises-against": "still advises against",
  "partly-lifted": "partly lifted (see its wording)",
  lifted: "no longer advises against",
};

/** The days the "Jump to a day" buttons offer. */
export const PRESET_DAYS: readonly number[] = [0, 3, 5, 10, 14, 30];

/** Every source the figure draws on, for its footnote. */
export const SOURCE_NAMES = "ScalpGenesis, Steve Doig, Browstoat, Meraki, Jesse SMP, RealSelf, StudyLib sheet, Vinci, Noel Higgins";

/** The title of an activity's bar: its label and the spread of the sources' figures. */
export function spanBarTitle(activity: Activity): string {
  return `${activity.label}: ${describeSpan(activity)}`;
}

/**
 * The text alternative of an activity's bar: the days on which every source advises against,
 * the days on which the sources disagree, and the day marked.
 */
export function spanBarDescription(activity: Activity, day: number): string {
  const { earliest, latest } = adviceSpan(activity);
  const allAgainstUntil = earliest ?? DAY_MAX;
  const disagreeUntil = latest ?? DAY_MAX;
  return (
    `Every source advises against from day 0 to day ${allAgainstUntil}` +
    (disagreeUntil > allAgainstUntil
      ? `; the sources disagree from day ${allAgainstUntil} to ${latest === null ? "beyond day 30, with no end date" : `day ${disagreeUntil}`}`
      : "") +
    `. Marker at day ${day}.`
  );
}
