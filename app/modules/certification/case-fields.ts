// The fields of a supervised case, defined once. No imports: the Drizzle schema (for its column
// enums), the domain, the form's checks and the browser bundle all read this file.

export const CASE_AREAS = ["hairline", "crown", "density", "scar"] as const;
export type CaseArea = (typeof CASE_AREAS)[number];
export const HAIR_LOSS_SCALES = ["norwood", "ludwig"] as const;
export type HairLossScale = (typeof HAIR_LOSS_SCALES)[number];
export const CASE_STATUSES = ["submitted", "returned", "countersigned"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Norwood–Hamilton stages (male pattern) and Ludwig stages (female pattern), in order. */
export const HAIR_LOSS_STAGES = {
  norwood: ["I", "II", "IIa", "III", "III vertex", "IIIa", "IV", "IVa", "V", "Va", "VI", "VII"],
  ludwig: ["I", "II", "III"],
} as const satisfies Record<HairLossScale, readonly string[]>;

export const SCALE_TEXT: Record<HairLossScale, string> = { norwood: "Norwood", ludwig: "Ludwig" };
export const AREA_TEXT: Record<CaseArea, string> = { hairline: "Hairline", crown: "Crown", density: "Density", scar: "Scar camouflage" };

/** Fitzpatrick skin types I–VI, stored as 1–6. */
export const FITZPATRICK = [
  { value: 1, roman: "I", hint: "always burns, never tans" },
  { value: 2, roman: "II", hint: "usually burns, tans minimally" },
  { value: 3, roman: "III", hint: "sometimes burns, tans gradually" },
  { value: 4, roman: "IV", hint: "burns minimally, tans well" },
  { value: 5, roman: "V", hint: "rarely burns, tans darkly" },
  { value: 6, roman: "VI", hint: "never burns, deeply pigmented" },
] as const;

export const fitzpatrickRoman = (n: number) => FITZPATRICK.find((f) => f.value === n)?.roman ?? String(n);

export const MAX_CASE_PHOTOS = 6;
export const MAX_SESSION_NUMBER = 10;
export const DURATION_MINUTES = { min: 5, max: 600 } as const;
export const NOTES_MAX = 2000;
export const SHORT_TEXT_MAX = 80;
/** How far back a session may be logged. */
export const MAX_CASE_AGE_DAYS = 2 * 365;

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd … 111th, 112th, 113th. */
export function ordinal(n: number): string {
  const lastTwo = Math.abs(n) % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  const last = Math.abs(n) % 10;
  return `${n}${last === 1 ? "st" : last === 2 ? "nd" : last === 3 ? "rd" : "th"}`;
}

/** The facts of a session the learner fills in (what logging and resubmitting a case write). */
export type CaseFieldValues = {
  performedOn: string;
  sessionNumber: number;
  area: CaseArea;
  hairLossScale: HairLossScale;
  hairLossStage: string;
  fitzpatrick: number;
  needle: string;
  pigment: string;
  dilution: string;
  durationMinutes: number;
  notes: string;
  supervisorId: string | null;
  /** The supervisor named by email (038), if any. */
  supervisorLinkId: string | null;
};

/** A case as stored: the columns `caseView` reads (a `supervised_cases` row has them all). */
export type CaseRow = CaseFieldValues & {
  id: string;
  status: CaseStatus;
  returnComment: string | null;
  reviewedAt: number | null;
  countersignedAt: number | null;
  photosDeletedAt: number | null;
  photosRetentionMonths: number | null;
};

/** A case as its page shows it: the fields, where it stands, and days (YYYY-MM-DD, UTC) instead of timestamps. */
export type CaseView = CaseFieldValues & {
  id: string;
  status: CaseStatus;
  returnComment: string | null;
  reviewedOn: string | null;
  countersignedOn: string | null;
  /** Set once the retention sweep deleted the case's photos: when, and under which period. */
  photosDeleted: { on: string | null; months: number } | null;
};

const day = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : null);

/** Just the fields the learner logs (what the case form edits), picked from a stored case. */
export function caseFieldValues(c: CaseFieldValues): CaseFieldValues {
  return {
    performedOn: c.performedOn,
    sessionNumber: c.sessionNumber,
    area: c.area,
    hairLossScale: c.hairLossScale,
    hairLossStage: c.hairLossStage,
    fitzpatrick: c.fitzpatrick,
    needle: c.needle,
    pigment: c.pigment,
    dilution: c.dilution,
    durationMinutes: c.durationMinutes,
    notes: c.notes,
    supervisorId: c.supervisorId,
    supervisorLinkId: c.supervisorLinkId,
  };
}

/** The view of a stored case (no learner, course or reviewer ids beyond the named supervisor). */
export function caseView(c: CaseRow): CaseView {
  return {
    id: c.id,
    ...caseFieldValues(c),
    status: c.status,
    returnComment: c.returnComment,
    reviewedOn: day(c.reviewedAt),
    countersignedOn: day(c.countersignedAt),
    photosDeleted: c.photosDeletedAt !== null && c.photosRetentionMonths !== null ? { on: day(c.photosDeletedAt), months: c.photosRetentionMonths } : null,
  };
}

/** The case form's values (all text, as a form holds them) for changing a case; the consent is asked again. */
export type CaseFormDefaults = { [K in keyof CaseFieldValues]: string };

/** A stored case's fields as the case form's default values. */
export function caseFormDefaults(c: CaseFieldValues): CaseFormDefaults {
  return {
    performedOn: c.performedOn,
    sessionNumber: String(c.sessionNumber),
    area: c.area,
    hairLossScale: c.hairLossScale,
    hairLossStage: c.hairLossStage,
    fitzpatrick: String(c.fitzpatrick),
    needle: c.needle,
    pigment: c.pigment,
    dilution: c.dilution,
    durationMinutes: String(c.durationMinutes),
    notes: c.notes,
    supervisorId: c.supervisorId ?? "",
    supervisorLinkId: c.supervisorLinkId ?? "",
  };
}
