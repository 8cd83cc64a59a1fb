import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { Db } from "~/db/client.server";
import {
  certificates,
  cohortInstructors,
  cohortLearners,
  cohorts,
  enrolments,
  memberships,
  moduleProgress,
  notifications,
  organisations,
  quizAttemptGrants,
  quizAttempts,
  stagedPhotos,
  submissionPhotos,
  submissionPins,
  submissionScores,
  submissions,
  supervisedCasePhotos,
  supervisedCases,
  users,
} from "~/db/schema";
import { can, type Actor } from "~/modules/auth/permissions";
import { certificateState } from "~/modules/certification/eligibility";
import { REVOCATION_REASON_TEXT } from "~/modules/certification/revocation";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { NotFound } from "~/modules/errors";
import { attemptForTaking, attemptReview } from "~/modules/quiz/attempts.server";
import { quizByKey } from "~/modules/quiz/quiz-definition.server";
import type { Storage } from "~/modules/storage/storage.server";

/** One photo the archive will hold: where in the zip, and which stored file to read (only when its turn comes). */
type PhotoEntry = { path: string; key: string };

/** Everything the export writes, read from the database before the first byte goes out. */
export type ExportSnapshot = { files: { path: string; json: unknown }[]; photos: PhotoEntry[] };

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
const photoName = (folder: string, position: number, contentType: string) => `${folder}/photo-${position + 1}.${EXTENSIONS[contentType] ?? "jpg"}`;

function names(db: Db, ids: readonly (string | null)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, wanted))
      .all()
      .map((u) => [u.id, u.name]),
  );
}

function courseTitle(slug: string): string {
  return getCatalogue().bySlug.get(slug)?.title ?? slug;
}

function quizTitle(courseSlug: string, quizKey: string): string {
  const course = getCatalogue().bySlug.get(courseSlug);
  if (!course) return quizKey;
  try {
    return quizByKey(course, quizKey).title;
  } catch {
    return quizKey;
  }
}

function profile(db: Db, userId: string) {
  const user = db.select().from(users).where(eq(users.id, userId)).get()!;
  const clinics = db
    .select({ clinic: organisations.name, role: memberships.role, joinedAt: memberships.createdAt, leftAt: memberships.removedAt })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .all();
  const cohortRows = (table: typeof cohortLearners | typeof cohortInstructors, as: "learner" | "instructor") =>
    db
      .select({ cohort: cohorts.name, clinic: organisations.name, startsOn: cohorts.startsOn, since: table.createdAt })
      .from(table)
      .innerJoin(cohorts, eq(cohorts.id, table.cohortId))
      .innerJoin(organisations, eq(organisations.id, cohorts.organisationId))
      .where(eq(table.userId, userId))
      .all()
      .map((c) => ({ ...c, as, since: iso(c.since) }));
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    createdAt: iso(user.createdAt),
    updatedAt: iso(user.updatedAt),
    clinics: clinics.map((c) => ({ ...c, joinedAt: iso(c.joinedAt), leftAt: iso(c.leftAt) })),
    cohorts: [...cohortRows(cohortLearners, "learner"), ...cohortRows(cohortInstructors, "instructor")],
  };
}

/**
 * Quiz attempts as the learner's own pages show them: a submitted attempt as its review (their
 * answers, the correct answers, explanations and sources — what the review already shows them);
 * an open attempt as it is being taken (questions and saved answers, no key).
 */
function quizAttemptsOf(db: Db, actor: Actor) {
  const rows = db.select().from(quizAttempts).where(eq(quizAttempts.userId, actor.id)).orderBy(asc(quizAttempts.startedAt)).all();
  const attempts = rows.map((a) => {
    const head = {
      id: a.id,
      course: courseTitle(a.courseSlug),
      courseSlug: a.courseSlug,
      quiz: quizTitle(a.courseSlug, a.quizKey),
      quizKey: a.quizKey,
      startedAt: iso(a.startedAt),
      deadlineAt: iso(a.deadlineAt),
      submittedAt: iso(a.submittedAt),
      passMarkPercent: Math.round(a.passMark * 100),
    };
    if (a.submittedAt === null) {
      // As opening it would, this grades an attempt whose time ran out; then it is exported as graded.
      const open = attemptForTaking(db, actor.id, a.id);
      if (!open.submitted) {
        return {
          ...head,
          state: "open",
          questions: open.questions.map((q) => ({
            position: q.position,
            type: q.type,
            prompt: q.prompt,
            options: q.options.map((o) => o.text),
            unit: q.unit,
            yourAnswer: open.answers[q.position] ?? null,
          })),
        };
      }
    }
    const review = attemptReview(db, actor, a.id);
    return {
      ...head,
      submittedAt: iso(review.submittedAt),
      state: review.passed ? "passed" : "not passed",
      percent: review.percent,
      questions: review.items.map((i) => ({
        position: i.position,
        type: i.type,
        prompt: i.prompt,
        score: i.score,
        yourAnswer: i.yourAnswer,
        correctAnswer: i.correctAnswer,
        explanation: i.explanation,
        source: i.source,
      })),
    };
  });
  const grants = db.select().from(quizAttemptGrants).where(eq(quizAttemptGrants.userId, actor.id)).orderBy(asc(quizAttemptGrants.createdAt)).all();
  const grantors = names(
    db,
    grants.map((g) => g.grantedBy),
  );
  return {
    attempts,
    extraAttemptsGranted: grants.map((g) => ({
      course: courseTitle(g.courseSlug),
      quiz: quizTitle(g.courseSlug, g.quizKey),
      grantedBy: g.grantedBy ? (grantors.get(g.grantedBy) ?? null) : null,
      afterAttempts: g.afterAttempts,
      grantedAt: iso(g.createdAt),
    })),
  };
}

function submissionsOf(db: Db, userId: string, photos: PhotoEntry[]) {
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

function logbookOf(db: Db, userId: string, photos: PhotoEntry[]) {
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
    return {
      id: c.id,
      course: courseTitle(c.courseSlug),
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

function certificatesOf(db: Db, userId: string, now: number) {
  const rows = db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(asc(certificates.issuedAt)).all();
  const codes = new Map(rows.map((c) => [c.id, c.code]));
  return rows.map((c) => ({
    code: c.code,
    holderName: c.holderName,
    programme: c.programmeTitle,
    issuer: c.issuerName,
    issuedAt: iso(c.issuedAt),
    expiresAt: iso(c.expiresAt),
    state: certificateState(c, now),
    renews: c.supersedesId ? (codes.get(c.supersedesId) ?? null) : null,
    revokedAt: iso(c.revokedAt),
    revocationReason: c.revocationReason ? REVOCATION_REASON_TEXT[c.revocationReason] : null,
    verifyPath: `/verify/${c.code}`,
  }));
}

function stagedOf(db: Db, userId: string, photos: PhotoEntry[]) {
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
        for: s.practicalSlug.startsWith("logbook") ? "logbook case" : s.practicalSlug,
        course: courseTitle(s.courseSlug),
        originalName: s.originalName,
        uploadedAt: iso(s.createdAt),
        photo: path,
      };
    });
}

const README = (name: string, at: string) =>
  [
    `Everything Stipple holds about ${name}, as of ${at}.`,
    "",
    "profile.json             your account, clinics and cohorts",
    "enrolments.json          the courses you enrolled in",
    "reading-progress.json    the modules you opened and completed",
    "quiz-attempts.json       every quiz and exam attempt: your answers, and for submitted attempts what their review shows",
    "submissions.json         your practical submissions, with the instructor's feedback, rubric scores and annotations",
    "submissions/             their photos (the stored copies: re-encoded, without camera metadata)",
    "logbook.json             your supervised cases",
    "logbook/                 their photos",
    "certificates.json        your certificates",
    "notifications.json       the notices Stipple sent you",
    "uploads-not-submitted.json and uploads-not-submitted/   photos you uploaded but have not submitted yet",
    "",
    "Dates are UTC (ISO 8601). Photos are referred to by their path in this archive.",
    "",
  ].join("\n");

/**
 * Reads what the export will contain: the person's own records, nothing of anyone else's
 * beyond the names of staff on their feedback. The photos are listed, not read. NotFound for
 * anyone but the person themself.
 */
export function exportSnapshot(db: Db, actor: Actor, userId: string, now = Date.now()): ExportSnapshot {
  if (!can.exportAccount(actor, userId)) throw new NotFound("No such account");
  const user = db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .get();
  if (!user) throw new NotFound("No such account");
  const photos: PhotoEntry[] = [];
  const files = [
    { path: "profile.json", json: profile(db, userId) },
    {
      path: "enrolments.json",
      json: db
        .select()
        .from(enrolments)
        .where(eq(enrolments.userId, userId))
        .orderBy(asc(enrolments.createdAt))
        .all()
        .map((e) => ({ course: courseTitle(e.courseSlug), courseSlug: e.courseSlug, enrolledAt: iso(e.createdAt) })),
    },
    {
      path: "reading-progress.json",
      json: db
        .select()
        .from(moduleProgress)
        .where(eq(moduleProgress.userId, userId))
        .orderBy(asc(moduleProgress.startedAt))
        .all()
        .map((p) => ({
          course: courseTitle(p.courseSlug),
          module:
            getCatalogue()
              .bySlug.get(p.courseSlug)
              ?.modules.find((m) => m.slug === p.moduleSlug)?.title ?? p.moduleSlug,
          moduleSlug: p.moduleSlug,
          startedAt: iso(p.startedAt),
          completedAt: iso(p.completedAt),
        })),
    },
    { path: "quiz-attempts.json", json: quizAttemptsOf(db, actor) },
    { path: "submissions.json", json: submissionsOf(db, userId, photos) },
    { path: "logbook.json", json: logbookOf(db, userId, photos) },
    { path: "certificates.json", json: certificatesOf(db, userId, now) },
    {
      path: "notifications.json",
      json: db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(asc(notifications.createdAt))
        .all()
        .map((n) => ({ title: n.title, body: n.body, link: n.link, kind: n.kind, sentAt: iso(n.createdAt), readAt: iso(n.readAt) })),
    },
    { path: "uploads-not-submitted.json", json: stagedOf(db, userId, photos) },
  ];
  return { files: [{ path: "README.txt", json: README(user.name, iso(now)!) }, ...files], photos };
}

/** The archive's entries in order: small files first, then each photo, read only when its turn comes. */
async function* entries(snapshot: ExportSnapshot, storage: Storage): AsyncGenerator<{ path: string; bytes: Uint8Array; compress: boolean }> {
  const encoder = new TextEncoder();
  for (const f of snapshot.files) {
    yield { path: f.path, bytes: encoder.encode(typeof f.json === "string" ? f.json : `${JSON.stringify(f.json, null, 2)}\n`), compress: true };
  }
  for (const p of snapshot.photos) {
    const file = await storage.get(p.key);
    // A photo removed since the snapshot (retention, a deleted case) is simply left out.
    if (file) yield { path: p.path, bytes: file.bytes, compress: false };
  }
}

/**
 * The zip of a snapshot as a byte stream, produced as it is read: each pull adds one entry, so
 * at most one photo is in memory at a time, and nothing more is read once `signal` aborts (the
 * person went away). JSON is deflated; photos (already JPEG) are stored as they are.
 */
export function exportZipStream(snapshot: ExportSnapshot, storage: Storage, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const source = entries(snapshot, storage);
  let zip: Zip;
  let produced = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        zip = new Zip((error, chunk, final) => {
          if (error) return controller.error(error);
          if (chunk.length) {
            produced++;
            controller.enqueue(chunk);
          }
          if (final) controller.close();
        });
      },
      async pull(controller) {
        const before = produced;
        // Keep adding entries until something came out, so a pull never ends empty-handed.
        while (produced === before) {
          if (signal?.aborted) {
            await source.return(undefined);
            controller.error(new Error("The export was cancelled"));
            return;
          }
          const next = await source.next();
          if (next.done) {
            zip.end();
            return;
          }
          const file = next.value.compress ? new ZipDeflate(next.value.path, { level: 6 }) : new ZipPassThrough(next.value.path);
          zip.add(file);
          file.push(next.value.bytes, true);
        }
      },
      async cancel() {
        await source.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** The download's file name: the person's data as of a day. */
export const exportFileName = (now = Date.now()) => `stipple-data-${new Date(now).toISOString().slice(0, 10)}.zip`;
