import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import {
  grades,
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
  type Grade,
  type GradeKind,
  type Submission,
  type SubmissionStatus,
  type Verdict,
} from "~/db/schema";
import { learnerGraders, loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import { settleCertification } from "~/modules/certification/issue.server";
import type { Catalogue, Course } from "~/modules/content/load-content.server";
import { crashPoint } from "~/modules/crash-point.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { notify, settleNotices } from "~/modules/notifications/notify.server";
import { rubricTotal, verdictProblem, type RubricScores } from "./rubric";
import { firstById, taughtLearnersWork } from "~/modules/clinics/scope.server";
import { drawnForSecondMarking, needsModeration, stageOf } from "./marking";
import { audit, gradesOf, moderatorsOf, practicalRates, scopeOf, standardisationBlock, visibleGrades } from "./marking.server";

/** How long opening a submission keeps other instructors from grading it. */
export const CLAIM_MS = 30 * 60 * 1000;

const QUEUE_FIELDS = {
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
    status === "waiting" ? inArray(submissions.status, WAITING) : eq(submissions.status, status),
    filters.practical ? eq(submissions.practicalSlug, filters.practical) : undefined,
  ];
  const fields = QUEUE_FIELDS;
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
  // One row per submission even when a learner sits in several of the instructor's cohorts; a
  // lead instructor also sees their whole clinic's work in moderation.
  const unique = withMarkingStage(
    db,
    actor,
    status === "waiting",
    firstById([...rows, ...(status === "waiting" || status === "moderation" ? clinicModeration(db, actor, filters) : [])]),
  );
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

const WAITING: SubmissionStatus[] = ["submitted", "in_review", "second_marking", "moderation"];

/** A lead instructor's clinic's work in moderation, learners of every cohort (the queue adds it to their own). */
function clinicModeration(db: Db, actor: Actor, filters: QueueFilters) {
  if (actor.role !== "instructor" || !actor.lead || !actor.clinicId) return [];
  return db
    .selectDistinct(QUEUE_FIELDS)
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.learnerId))
    .innerJoin(memberships, and(eq(memberships.userId, submissions.learnerId), eq(memberships.organisationId, actor.clinicId), isNull(memberships.removedAt)))
    .leftJoin(cohortLearners, eq(cohortLearners.userId, submissions.learnerId))
    .leftJoin(cohorts, and(eq(cohorts.id, cohortLearners.cohortId), eq(cohorts.organisationId, actor.clinicId)))
    .where(
      and(
        eq(submissions.status, "moderation"),
        filters.practical ? eq(submissions.practicalSlug, filters.practical) : undefined,
        filters.cohort ? eq(cohorts.id, filters.cohort) : undefined,
      ),
    )
    .all();
}

/**
 * Each queue row's marking stage; for the "waiting" queue, leaving out work that is not this
 * actor's to mark now: second marking they gave the first grade of, moderation they marked or
 * may not moderate.
 */
function withMarkingStage<R extends { id: string; status: SubmissionStatus }>(db: Db, actor: Actor, onlyMine: boolean, rows: R[]) {
  const inProgress = rows.filter((r) => r.status === "second_marking" || r.status === "moderation").map((r) => r.id);
  const markers = new Map<string, (string | null)[]>();
  if (inProgress.length) {
    for (const g of db
      .select({ submissionId: grades.submissionId, markerId: grades.markerId })
      .from(grades)
      .where(inArray(grades.submissionId, inProgress))
      .all()) {
      markers.set(g.submissionId, [...(markers.get(g.submissionId) ?? []), g.markerId]);
    }
  }
  return rows
    .filter((r) => {
      if (!onlyMine) return true;
      const marked = markers.get(r.id) ?? [];
      if (r.status === "second_marking") return !marked.includes(actor.id);
      if (r.status === "moderation") return !marked.includes(actor.id) && (actor.role === "admin" || actor.lead === true);
      return true;
    })
    .map((r) => ({ ...r, stage: stageOf(r.status) }));
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
      const stage = stageOf(current.status);
      if (!stage || !mayMarkAt(tx, actor, current, stage)) return { claimedByOther: null };
      if (current.claimedBy && current.claimedBy !== actor.id && current.claimExpiresAt && current.claimExpiresAt > now) {
        const holder = tx.select({ name: users.name }).from(users).where(eq(users.id, current.claimedBy)).get();
        return { claimedByOther: holder?.name ?? "another instructor" };
      }
      tx.update(submissions)
        .set({ claimedBy: actor.id, claimExpiresAt: now + CLAIM_MS, status: stage === "first" ? "in_review" : current.status })
        .where(eq(submissions.id, submissionId))
        .run();
      return { claimedByOther: null };
    },
    { behavior: "immediate" },
  );
}

export type DraftPin = { photoId: string; x: number; y: number; comment: string; criterionId: string | null };
export type ReviewDraft = { scores: RubricScores; pins: DraftPin[]; feedback: string; verdict: Verdict | null; reason?: string };

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

/** The statuses a submission is in while it waits for a grade of this kind. */
const STAGE_STATUSES: Record<GradeKind, SubmissionStatus[]> = { first: ["submitted", "in_review"], second: ["second_marking"], moderation: ["moderation"] };

/** Whether the actor (who may grade the learner) may give this submission the grade its stage waits for. */
function mayMarkAt(db: DbOrTx, actor: Actor, submission: Submission, stage: GradeKind): boolean {
  const markers = db
    .select({ markerId: grades.markerId })
    .from(grades)
    .where(eq(grades.submissionId, submission.id))
    .all()
    .map((g) => g.markerId);
  if (stage === "first") return true;
  if (stage === "second") return !markers.includes(actor.id);
  return can.moderate(actor, loadLearnerRef(db, submission.learnerId), markers);
}

export type GradeInput = ReviewDraft;

/**
 * Saves the grade a submission's stage waits for, in one transaction with everything it sets off:
 *
 * - **first** grade: draws (at the practical's second-marking rate) whether a second marker
 *   grades it blind; if not, the grade is final.
 * - **second** grade (another instructor, blind): when the verdicts or any must-pass criterion
 *   differ, the submission goes to moderation; otherwise the first grade stands, final.
 * - **moderation** (a lead instructor or platform admin who marked neither): final, with a reason.
 *
 * Only a final grade reaches the learner (verdict, scores, notification, certificate). Every
 * step is in the audit log. Conflict when already graded, claimed by another, or the actor
 * marked an earlier stage; Invalid for an incomplete or contradictory grade, pins on another
 * submission's photos, a moderation without a reason, or a grade that would not count yet
 * because the instructor has not done the practical's standardisation.
 */
export function gradeSubmission(db: Db, catalogue: Catalogue, actor: Actor, submissionId: string, grade: GradeInput, now = Date.now(), draw = Math.random()) {
  const submission = reviewable(db, actor, submissionId);
  const course = catalogue.bySlug.get(submission.courseSlug);
  const practical = course?.practicals.find((p) => p.slug === submission.practicalSlug);
  if (!course || !practical) throw new NotFound("This practical is no longer in the course");
  const stage = stageOf(submission.status);
  if (!stage) throw new Conflict("This submission has already been graded.");
  if (!mayMarkAt(db, actor, submission, stage)) {
    throw new Conflict(
      stage === "second"
        ? "You gave this submission its first grade: a different instructor marks it second."
        : "Moderation is for a lead instructor who marked neither grade.",
    );
  }
  const verdict = grade.verdict;
  if (!verdict) throw new Invalid("Choose a verdict: pass, revise or fail.", "verdict");
  const problem = verdictProblem(practical.rubric, practical.passMark, grade.scores, verdict, grade.feedback);
  if (problem) throw new Invalid(problem, "verdict");
  const reason = grade.reason?.trim() ?? "";
  if (stage === "moderation" && reason.length < 10) throw new Invalid("Say why you decided as you did: the reason is kept with the final grade.", "reason");
  const learner = loadLearnerRef(db, submission.learnerId);
  const blocked = standardisationBlock(db, actor, scopeOf(learner.clinicId), course.slug, practical.slug, now);
  if (blocked) throw new Invalid(blocked);
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
  const scores = Object.fromEntries(practical.rubric.criteria.map((c) => [c.id, grade.scores[c.id]!]));
  return db.transaction(
    (tx) => {
      const taken = tx
        .update(submissions)
        .set({ claimedBy: null, claimExpiresAt: null })
        .where(
          and(
            eq(submissions.id, submissionId),
            inArray(submissions.status, STAGE_STATUSES[stage]),
            or(isNull(submissions.claimedBy), eq(submissions.claimedBy, actor.id), sql`${submissions.claimExpiresAt} <= ${now}`),
          ),
        )
        .run();
      if (taken.changes !== 1) {
        const current = tx.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, submissionId)).get();
        throw new Conflict(
          current && !STAGE_STATUSES[stage].includes(current.status)
            ? "This submission has already been graded."
            : "Another instructor is grading this submission right now.",
        );
      }
      const saved = tx
        .insert(grades)
        .values({
          submissionId,
          markerId: actor.id,
          kind: stage,
          verdict,
          scores,
          points: total.points,
          maxPoints: total.maxPoints,
          feedback: grade.feedback.trim(),
          reason: stage === "moderation" ? reason : null,
          createdAt: now,
        })
        .returning()
        .get();
      if (grade.pins.length) {
        tx.insert(submissionPins)
          .values(
            grade.pins.map((p, i) => ({
              submissionId,
              gradeId: saved.id,
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
      audit(tx, actor, "grade-saved", { submissionId, kind: stage, verdict, points: total.points, maxPoints: total.maxPoints }, now);
      // The request to give this grade is answered: it no longer counts on anyone's bell.
      settleNotices(tx, `/review/${submissionId}`, [ASKED_BY_STAGE[stage]], now);

      let final: typeof saved | null = null;
      let next: SubmissionStatus;
      if (stage === "first") {
        const rate = practicalRates(tx, scopeOf(learner.clinicId), course).get(practical.slug)!.rate;
        const drawn = drawnForSecondMarking(rate, draw);
        tx.update(submissions).set({ secondMarkingRate: rate, secondMarked: drawn }).where(eq(submissions.id, submissionId)).run();
        audit(tx, actor, "second-marking-draw", { submissionId, rate, draw, drawn }, now);
        if (drawn) {
          next = "second_marking";
          notify(
            tx,
            learnerGraders(tx, submission.learnerId).filter((id) => id !== actor.id),
            {
              kind: "second-marking",
              title: `Blind second marking: ${practical.title}`,
              body: `Version ${submission.version} of "${practical.title}" was drawn for second marking. Grade it without seeing the first grade.`,
              link: `/review/${submissionId}`,
            },
            now,
          );
        } else final = saved;
      } else if (stage === "second") {
        const first = tx
          .select()
          .from(grades)
          .where(and(eq(grades.submissionId, submissionId), eq(grades.kind, "first")))
          .get()!;
        const check = needsModeration(practical.rubric.criteria, first, saved);
        audit(tx, actor, "second-mark-compared", { submissionId, moderation: check.needed, reasons: check.reasons }, now);
        if (check.needed) {
          next = "moderation";
          notify(
            tx,
            moderatorsOf(tx, learner.clinicId, [first.markerId, actor.id]),
            {
              kind: "moderation",
              title: `Moderation needed: ${practical.title}`,
              body: `The two markers of version ${submission.version} of "${practical.title}" disagree (${check.reasons.join("; ")}). Record the final grade.`,
              link: `/review/${submissionId}`,
            },
            now,
          );
        } else final = first;
      } else {
        audit(tx, actor, "moderated", { submissionId, verdict, reason }, now);
        final = saved;
      }
      if (final) next = finalise(tx, course, practical.title, submission, final, now);
      else tx.update(submissions).set({ status: next! }).where(eq(submissions.id, submissionId)).run();
      crashPoint("grade-submission");
      return { stage, status: next!, points: total.points, maxPoints: total.maxPoints };
    },
    { behavior: "immediate" },
  );
}

/** The notice that asks for each kind of grade. */
const ASKED_BY_STAGE = { first: "submission-received", second: "second-marking", moderation: "moderation" } as const;

/** Ends marking: the final grade becomes the submission's verdict and scores, the learner hears, a pass may complete the certificate. */
function finalise(tx: DbOrTx, course: Course, practicalTitle: string, submission: Submission, final: Grade, now: number): SubmissionStatus {
  const status = NEXT_STATUS[final.verdict];
  tx.update(submissions)
    .set({
      status,
      verdict: final.verdict,
      feedback: final.feedback,
      points: final.points,
      maxPoints: final.maxPoints,
      gradedBy: final.markerId,
      gradedAt: now,
      claimedBy: null,
      claimExpiresAt: null,
    })
    .where(eq(submissions.id, submission.id))
    .run();
  tx.insert(submissionScores)
    .values(
      Object.entries(final.scores).map(([criterionId, levelIndex]) => ({
        submissionId: submission.id,
        criterionId,
        levelIndex,
        points: course.practicals.find((p) => p.slug === submission.practicalSlug)!.rubric.criteria.find((c) => c.id === criterionId)!.levels[levelIndex]!
          .points,
      })),
    )
    .run();
  // A pass can be the programme's last requirement: the certificate is issued with it.
  if (final.verdict === "pass") settleCertification(tx, course, submission.learnerId, now);
  const verdictText = { pass: "passed", revise: "returned for a revision", fail: "not passed" }[final.verdict];
  notify(
    tx,
    [submission.learnerId],
    {
      kind: "submission-graded",
      title: `Your practical "${practicalTitle}" was ${verdictText}`,
      body: `Version ${submission.version} of "${practicalTitle}" was graded: ${verdictText}, ${final.points} of ${final.maxPoints} points.`,
      link: `/submissions/${submission.id}`,
    },
    now,
  );
  return status;
}

/**
 * Where marking of a submission stands for this actor: the stage it waits for, whether they may
 * give that grade (and why not), their own saved grade, and the grades they may see (none of
 * another marker's until theirs is saved — blind second marking).
 */
export function markingState(db: Db, actor: Actor, submission: Submission) {
  const stage = stageOf(submission.status);
  const visible = visibleGrades(db, actor, submission);
  const mine = gradesOf(db, submission.id).find((g) => g.markerId === actor.id) ?? null;
  let blocked: string | null = null;
  if (stage && !mayMarkAt(db, actor, submission, stage)) {
    blocked =
      stage === "second"
        ? "You gave the first grade. Another instructor marks it second, blind; you will see their grade once it is saved."
        : mine
          ? "You marked this submission. A lead instructor who marked neither grade decides the final one."
          : "The two markers disagree. A lead instructor of the clinic records the final grade.";
  }
  return { stage, mayMark: stage !== null && blocked === null, blocked, mine, grades: visible };
}

/**
 * What the review queue says after the actor saved a grade: whose work it was and what happens
 * next — the learner told (a final grade), or a second marker or a moderator still to come.
 * Null for work the actor may not grade (the address can be typed by anyone).
 */
export function gradedNotice(db: Db, catalogue: Catalogue, actor: Actor, submissionId: string) {
  const submission = db.select().from(submissions).where(eq(submissions.id, submissionId)).get();
  if (!submission || !can.gradeLearner(actor, loadLearnerRef(db, submission.learnerId))) return null;
  const learner = db.select({ name: users.name }).from(users).where(eq(users.id, submission.learnerId)).get();
  const title = catalogue.bySlug.get(submission.courseSlug)?.practicals.find((p) => p.slug === submission.practicalSlug)?.title ?? submission.practicalSlug;
  const next = stageOf(submission.status);
  return { learnerName: learner?.name ?? "", practicalTitle: title, next: next === "first" ? null : next };
}
