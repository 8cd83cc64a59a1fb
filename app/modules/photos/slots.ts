/**
 * Where staged photos wait: a practical, or another place of the course that collects photos
 * (the logbook). Its slug keys the staged rows (`staged_photos.practical_slug`), so it must never
 * be a real practical's slug (the content loader reserves those names).
 */
export type PhotoSlot = { slug: string; photos: { max: number } };

/**
 * The slug under which the logbook stages its case photos. The content loader reserves it, so no
 * practical may take it.
 */
export const LOGBOOK_PHOTO_SLOT = "logbook";

/**
 * The staging slug of the logbook's photos: `logbook` for the case being logged, and
 * `logbook:<case id>` for a returned case being edited (so photos chosen for one never slip into
 * the other). `parseLogbookSlotSlug` reads it back.
 */
export function logbookSlotSlug(caseId?: string): string {
  return caseId ? `${LOGBOOK_PHOTO_SLOT}:${caseId}` : LOGBOOK_PHOTO_SLOT;
}

/** The staging slug of the photos of a case's healed-result review: `logbook:<case id>:healed`. */
export function healedSlotSlug(caseId: string): string {
  return `${logbookSlotSlug(caseId)}:healed`;
}

/**
 * Which logbook slot a staging slug names: the case being logged (`caseId` null), the returned
 * case being edited, or a case's healed-result review (`healed`); null for a practical's slug.
 * The inverse of `logbookSlotSlug` and `healedSlotSlug`.
 */
export function parseLogbookSlotSlug(slug: string): { caseId: string | null; healed?: true } | null {
  if (slug === LOGBOOK_PHOTO_SLOT) return { caseId: null };
  const prefix = `${LOGBOOK_PHOTO_SLOT}:`;
  if (!slug.startsWith(prefix) || slug.length === prefix.length) return null;
  const rest = slug.slice(prefix.length);
  return rest.endsWith(":healed") && rest.length > ":healed".length ? { caseId: rest.slice(0, -":healed".length), healed: true } : { caseId: rest };
}
