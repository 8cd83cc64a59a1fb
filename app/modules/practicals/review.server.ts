import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  cohortInstructors,
  cohortLearners,
  cohorts,
  memberships,
  reviewDrafts,
  submissionPhotos,
  submissionPins,
  submissions,
  submissionScores,
  SUBMISSION_STATUSES,
  users,
  type SubmissionStatus,
  type Verdict,
} from "~/db/schema";
import { loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import { settleCertification } from "~/modules/certification/issue.server";
import type { Catalogue } from "~/modules/content/load-content.server";
import { crashPoint } from "~/modules/crash-point.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { rubricTotal, verdictProblem, type RubricScores } from "./rubric";
import { firstById, taughtLearnersWork } from "~/modules/clinics/scope.server";

/** How long opening a submission keeps other instructors from grading it. */
export const CLAIM_MS = 30 * 60 * 1000;

export type QueueFilters = { practical?: string; cohort?: string; status?: SubmissionStatus | "waiting" };

/** A queue status filter from a query string; anything unknown means "waiting". */
export function queueStatus(value: string | null): NonNullable<QueueFilters["status"]> {
  return value && (SUBMISSION_STATUSES as readonly string[]).includes(value) ? (value as SubmissionStatus) : "waiting";
}

/**
 * The review queue: submissions of the learners this instructor teaches (through their
 * cohorts, in the learner's current clinic), or everyone's for a platform admin — oldest first.
 * NotFound for anyone who does not review work.
 */
export function reviewQueue(db: Db, actor: Actor, filters: QueueFilters = {}, now = Date.now()) {
  if (!can.reviewWork(actor)) throw new NotFound("No such page");
  const status = filters.status ?? "waiting";
  const conditions = [
    status === "waiting" ? inArray(submissions.status, ["submitted", "in_review"]) : eq(submissions.status, status),
    filters.practical ? eq(submissions.practicalSlug, filters.practical) : undefined,
  ];
  const fields = {
    id: submissions.id,
    learnerName: users.name,
    courseSlug: submissions.courseSlug,
    practicalSlug: submissions.practicalSlug,
    version: submissions.version,
    status: submissions.status,
    createdAt: submissions.createdAt,
    claimedBy: submissions.claimedBy,
    claimExpiresAt: submissions.claimExpiresAt,
    cohortName: cohorts.name,
    cohortId: cohorts.id,
  };
  const inCohort = filters.cohort ? eq(cohorts.id, filters.cohort) : undefined;
  const rows =
    actor.role === "admin"
      ? db
          .selectDistinct(fields)
          .from(submissions)
          .innerJoin(users, eq(users.id, submissions.learnerId))
          .leftJoin(memberships, and(eq(memberships.userId, submissions.learnerId), isNull(memberships.removedAt)))
          .leftJoin(cohortLearners, eq(cohortLearners.userId, submissions.learnerId))
          .leftJoin(cohorts, and(eq(cohorts.id, cohortLearners.cohortId), eq(cohorts.organisationId, memberships.organisationId)))
          .where(and(...conditions, inCohort))
          .orderBy(asc(submissions.createdAt))
          .all()
      : taughtLearnersWork(db, actor, fields, { table: submissions, learnerId: submissions.learnerId, waitingSince: submissions.createdAt }, [
          ...conditions,
          inCohort,
        ]);
  // One row per submission even when a learner sits in several of the instructor's cohorts.
  const unique = firstById(rows);
  const claimers = new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [...new Set(unique.map((r) => r.claimedBy).filter((x): x is string => !!x))]))
      .all()
      .map((u) => [u.id, u.name]),
  );
  return unique.map((r) => ({
    ...r,
    waitingMs: now - r.createdAt,
    claimedByName: r.claimedBy && r.claimExpiresAt && r.claimExpiresAt > now ? (claimers.get(r.claimedBy) ?? null) : null,
    claimedByMe: r.claimedBy === actor.id && !!r.claimExpiresAt && r.claimExpiresAt > now,
  }));
}

/** The cohorts an instructor can filter the queue by. */
export function reviewerCohorts(db: Db, actor: Actor) {
  const q = db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts);
  return actor.role === "admin"
    ? q.all()
    : q.innerJoin(cohortInstructors, and(eq(cohortInstructors.cohortId, cohorts.id), eq(cohortInstructors.userId, actor.id))).all();
}

function reviewable(db: Db, actor: Actor, submissionId: string) {
  const submission = db.select().from(submissions).where(eq(submissions.id, submissionId)).get();
  if (!submission || !can.gradeLearner(actor, loadLearnerRef(db, submission.learnerId))) throw new NotFound("No such submission");
  return submission;
}

/**
 * Opens a submission for grading: claims it for this instructor for 30 minutes unless someone
 * else holds an unexpired claim. Returns who holds it when that is not the actor.
 */
export function claimSubmission(db: Db, actor: Actor, submissionId: string, now = Date.now()): { claimedByOther: string | null } {
  reviewable(db, actor, submissionId);
  return db.transaction(
    (tx) => {
      const current = tx.select().from(submissions).where(eq(submissions.id, submissionId)).get()!;
      if (!["submitted", "in_review"].includes(current.status)) return { claimedByOther: null };
      if (current.claimedBy && current.claimedBy !== actor.id && current.claimExpiresAt && current.claimExpiresAt > now) {
        const holder = tx.select({ name: users.name }).from(users).where(eq(users.id, current.claimedBy)).get();
        return { claimedByOther: holder?.name ?? "another instructor" };
      }
      tx.update(submissions)
        .set({ claimedBy: actor.id, claimExpiresAt: now + CLAIM_MS, status: "in_review" })
        .where(eq(submissions.id, submissionId))
        .run();
      return { claimedByOther: null };
    },
    { behavior: "immediate" },
  );
}

export type DraftPin = { photoId: string; x: number; y: number; comment: string; criterionId: string | null };
export type ReviewDraft = { scores: RubricScores; pins: DraftPin[]; feedback: string; verdict: Verdict | null };

/** Autosaves an instructor's grading in progress (only on a submission they may review). */
export function saveDraft(db: Db, actor: Actor, submissionId: string, draft: ReviewDraft, now = Date.now()): void {
  reviewable(db, actor, submissionId);
  db.insert(reviewDrafts)
    .values({ submissionId, reviewerId: actor.id, data: draft, updatedAt: now })
    .onConflictDoUpdate({ target: [reviewDrafts.submissionId, reviewDrafts.reviewerId], set: { data: draft, updatedAt: now } })
    .run();
}

export function loadDraft(db: Db, actor: Actor, submissionId: string): ReviewDraft | null {
  const row = db
    .select()
    .from(reviewDrafts)
    .where(and(eq(reviewDrafts.submissionId, submissionId), eq(reviewDrafts.reviewerId, actor.id)))
    .get();
  return (row?.data as ReviewDraft | undefined) ?? null;
}

const NEXT_STATUS: Record<Verdict, SubmissionStatus> = { pass: "passed", revise: "revise", fail: "failed" };

/**
 * Grades a submission in one transaction: scores, pins, feedback, verdict and status change
 * together, the draft is cleared and the learner is notified. Conflict when it was already
 * graded or another instructor holds the claim; Invalid for no verdict, an incomplete rubric, a pass below
 * the pass mark, pins on photos of another submission, or a revise/fail without feedback.
 */
export function gradeSubmission(db: Db, catalogue: Catalogue, actor: Actor, submissionId: string, grade: ReviewDraft, now = Date.now()) {
  const submission = reviewable(db, actor, submissionId);
  const practical = catalogue.bySlug.get(submission.courseSlug)?.practicals.find((p) => p.slug === submission.practicalSlug);
  if (!practical) throw new NotFound("This practical is no longer in the course");
  const verdict = grade.verdict;
  if (!verdict) throw new Invalid("Choose a verdict: pass, revise or fail.", "verdict");
  const problem = verdictProblem(practical.rubric, practical.passMark, grade.scores, verdict, grade.feedback);
  if (problem) throw new Invalid(problem, "verdict");
  const photoIds = new Set(
    db
      .select({ id: submissionPhotos.id })
      .from(submissionPhotos)
      .where(eq(submissionPhotos.submissionId, submissionId))
      .all()
      .map((p) => p.id),
  );
  for (const pin of grade.pins) {
    if (!photoIds.has(pin.photoId)) throw new Invalid("A pin points at a photo of another submission.", "pins");
    if (!(pin.x >= 0 && pin.x <= 1 && pin.y >= 0 && pin.y <= 1)) throw new Invalid("A pin lies outside its photo.", "pins");
    if (!pin.comment.trim()) throw new Invalid("Every pin needs a comment.", "pins");
    if (pin.criterionId && !practical.rubric.criteria.some((c) => c.id === pin.criterionId)) throw new Invalid("A pin names an unknown criterion.", "pins");
  }
  const total = rubricTotal(practical.rubric, grade.scores);
  return db.transaction(
    (tx) => {
      const closed = tx
        .update(submissions)
        .set({
          status: NEXT_STATUS[verdict],
          verdict,
          feedback: grade.feedback.trim(),
          points: total.points,
          maxPoints: total.maxPoints,
          gradedBy: actor.id,
          gradedAt: now,
          claimedBy: null,
          claimExpiresAt: null,
        })
        .where(
          and(
            eq(submissions.id, submissionId),
            inArray(submissions.status, ["submitted", "in_review"]),
            or(isNull(submissions.claimedBy), eq(submissions.claimedBy, actor.id), sql`${submissions.claimExpiresAt} <= ${now}`),
          ),
        )
        .run();
      if (closed.changes !== 1) {
        const current = tx
          .select({ status: submissions.status, claimedBy: submissions.claimedBy })
          .from(submissions)
          .where(eq(submissions.id, submissionId))
          .get();
        throw new Conflict(
          current && !["submitted", "in_review"].includes(current.status)
            ? "This submission has already been graded."
            : "Another instructor is grading this submission right now.",
        );
      }
      tx.insert(submissionScores)
        .values(
          practical.rubric.criteria.map((c) => ({
            submissionId,
            criterionId: c.id,
            levelIndex: grade.scores[c.id]!,
            points: c.levels[grade.scores[c.id]!]!.points,
          })),
        )
        .run();
      if (grade.pins.length) {
        tx.insert(submissionPins)
          .values(
            grade.pins.map((p, i) => ({
              submissionId,
              photoId: p.photoId,
              number: i + 1,
              x: p.x,
              y: p.y,
              comment: p.comment.trim(),
              criterionId: p.criterionId,
            })),
          )
          .run();
      }
      tx.delete(reviewDrafts).where(eq(reviewDrafts.submissionId, submissionId)).run();
      // A pass can be the programme's last requirement: the certificate is issued with it.
      const course = catalogue.bySlug.get(submission.courseSlug);
      if (verdict === "pass" && course) settleCertification(tx, course, submission.learnerId, now);
      const verdictText = { pass: "passed", revise: "returned for a revision", fail: "not passed" }[verdict];
      notify(
        tx,
        [submission.learnerId],
        {
          kind: "submission-graded",
          title: `Your practical "${practical.title}" was ${verdictText}`,
          body: `Your instructor graded version ${submission.version} of "${practical.title}": ${verdictText}, ${total.points} of ${total.maxPoints} points.`,
          link: `/submissions/${submissionId}`,
        },
        now,
      );
      crashPoint("grade-submission");
      return { status: NEXT_STATUS[verdict], points: total.points, maxPoints: total.maxPoints };
    },
    { behavior: "immediate" },
  );
}
