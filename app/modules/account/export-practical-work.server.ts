import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { stagedPhotos, submissionPhotos, submissionPins, submissionScores, submissions, supervisedCasePhotos, supervisedCases } from "~/db/schema";
import { courseTitle, iso, names, photoName, type PhotoEntry } from "~/modules/account/export-common.server";
import { caseFieldValues } from "~/modules/certification/case-fields";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { parseLogbookSlotSlug } from "~/modules/photos/slots";

/**
 * The person's practical submissions, with the instructor's feedback, rubric scores and pins once
 * graded. Their photos are appended to `photos`, under submissions/<id>/.
 */
export function submissionsOf(db: Db, userId: string, photos: PhotoEntry[]) {
  const rows = db.select().from(submissions).where(eq(submissions.learnerId, userId)).orderBy(asc(submissions.createdAt)).all();
  const ids = rows.map((s) => s.id);
  const allPhotos = ids.length
    ? db.select().from(submissionPhotos).where(inArray(submissionPhotos.submissionId, ids)).orderBy(asc(submissionPhotos.position)).all()
    : [];
  const scores = ids.length ? db.select().from(submissionScores).where(inArray(submissionScores.submissionId, ids)).all() : [];
  const pins = ids.length ? db.select().from(submissionPins).where(inArray(submissionPins.submissionId, ids)).orderBy(asc(submissionPins.number)).all() : [];
  const graders = names(
    db,
    rows.map((s) => s.gradedBy),
  );
  const pathOf = new Map<string, string>();
  for (const p of allPhotos) {
    const path = photoName(`submissions/${p.submissionId}`, p.position, p.contentType);
    pathOf.set(p.id, path);
    photos.push({ path, key: p.storageKey });
  }
  return rows.map((s) => {
    const course = getCatalogue().bySlug.get(s.courseSlug);
    const practical = course?.practicals.find((p) => p.slug === s.practicalSlug);
    const criteria = new Map((practical?.rubric.criteria ?? []).map((c) => [c.id, c]));
    const graded = s.gradedAt !== null;
    return {
      id: s.id,
      course: courseTitle(s.courseSlug),
      practical: practical?.title ?? s.practicalSlug,
      practicalSlug: s.practicalSlug,
      version: s.version,
      note: s.note,
      status: s.status,
      submittedAt: iso(s.createdAt),
      consentConfirmedAt: iso(s.consentConfirmedAt),
      photos: allPhotos.filter((p) => p.submissionId === s.id).map((p) => pathOf.get(p.id)!),
      feedback: graded
        ? {
            verdict: s.verdict,
            feedback: s.feedback,
            points: s.points,
            maxPoints: s.maxPoints,
            gradedBy: s.gradedBy ? (graders.get(s.gradedBy) ?? null) : null,
            gradedAt: iso(s.gradedAt),
            rubric: scores
              .filter((x) => x.submissionId === s.id)
              .map((x) => ({
                criterion: criteria.get(x.criterionId)?.title ?? x.criterionId,
                level: criteria.get(x.criterionId)?.levels[x.levelIndex]?.label ?? x.levelIndex + 1,
                points: x.points,
              })),
            annotations: pins
              .filter((p) => p.submissionId === s.id)
              .map((p) => ({
                number: p.number,
                photo: pathOf.get(p.photoId) ?? null,
                x: p.x,
                y: p.y,
                comment: p.comment,
                criterion: p.criterionId ? (criteria.get(p.criterionId)?.title ?? p.criterionId) : null,
              })),
          }
        : null,
    };
  });
}

/**
 * The person's supervised (logbook) cases, with supervisor and reviewer names. Their photos are
 * appended to `photos`, under logbook/<id>/; photos removed by retention are noted, not listed.
 */
export function logbookOf(db: Db, userId: string, photos: PhotoEntry[]) {
  const rows = db
    .select()
    .from(supervisedCases)
    .where(eq(supervisedCases.learnerId, userId))
    .orderBy(asc(supervisedCases.performedOn), asc(supervisedCases.createdAt))
    .all();
  const ids = rows.map((c) => c.id);
  const allPhotos = ids.length
    ? db.select().from(supervisedCasePhotos).where(inArray(supervisedCasePhotos.caseId, ids)).orderBy(asc(supervisedCasePhotos.position)).all()
    : [];
  const people = names(
    db,
    rows.flatMap((c) => [c.supervisorId, c.reviewedBy]),
  );
  return rows.map((c) => {
    const own = allPhotos.filter((p) => p.caseId === c.id);
    const paths = own.map((p) => photoName(`logbook/${c.id}`, p.position, p.contentType));
    own.forEach((p, i) => photos.push({ path: paths[i]!, key: p.storageKey }));
    // Another person's id is not the learner's data: the supervisor is named below instead.
    const { supervisorId: _supervisorId, ...fields } = caseFieldValues(c);
    return {
      id: c.id,
      course: courseTitle(c.courseSlug),
      ...fields,
      consentConfirmedAt: iso(c.consentConfirmedAt),
      supervisor: c.supervisorId ? (people.get(c.supervisorId) ?? null) : null,
      status: c.status,
      returnComment: c.returnComment,
      reviewedBy: c.reviewedBy ? (people.get(c.reviewedBy) ?? null) : null,
      reviewedAt: iso(c.reviewedAt),
      countersignedAt: iso(c.countersignedAt),
      loggedAt: iso(c.createdAt),
      photos: paths,
      photosDeleted:
        c.photosRetentionMonths !== null && c.photosDeletedAt !== null ? { on: iso(c.photosDeletedAt), retentionMonths: c.photosRetentionMonths } : null,
    };
  });
}

/** Photos uploaded but not yet submitted. They are appended to `photos`, under uploads-not-submitted/. */
export function stagedOf(db: Db, userId: string, photos: PhotoEntry[]) {
  return db
    .select()
    .from(stagedPhotos)
    .where(eq(stagedPhotos.userId, userId))
    .orderBy(asc(stagedPhotos.createdAt))
    .all()
    .map((s, i) => {
      const path = photoName("uploads-not-submitted", i, s.contentType);
      photos.push({ path, key: s.storageKey });
      return {
        for: parseLogbookSlotSlug(s.practicalSlug)?.healed ? "healed-result review" : parseLogbookSlotSlug(s.practicalSlug) ? "logbook case" : s.practicalSlug,
        course: courseTitle(s.courseSlug),
        originalName: s.originalName,
        uploadedAt: iso(s.createdAt),
        photo: path,
      };
    });
}
