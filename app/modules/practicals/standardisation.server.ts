import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  benchmarks,
  standardisationRuns,
  standardisationScores,
  submissionPhotos,
  submissions,
  submissionScores as submissionScoresTable,
  type Verdict,
} from "~/db/schema";
import { loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import type { Course, PracticalMeta } from "~/modules/content/load-content.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { isFinal } from "./marking";
import { activeBenchmarks, audit, currentStandardisation, MIN_BENCHMARKS, PLATFORM_SCOPE, scopeOf, scopeOrganisation } from "./marking.server";
import { rubricTotal, type RubricScores } from "./rubric";

/** Whose benchmarks an instructor standardises on: their clinic's; a platform admin, the platform's. */
function scopeOfMarker(actor: Actor): string {
  if (actor.role === "admin") return PLATFORM_SCOPE;
  if (actor.role === "instructor" && actor.clinicId) return scopeOf(actor.clinicId);
  throw new NotFound("No such page");
}

/**
 * Marks a graded submission as a benchmark, its final (agreed) grade as the agreed scores: a
 * lead instructor of the learner's clinic, or a platform admin for an independent learner's
 * work. Only work whose learner agreed at submission that it may be used to standardise
 * assessors; NotFound for anyone else; Conflict when it is not finally graded or already one.
 */
export function markBenchmark(db: Db, actor: Actor, submissionId: string, note: string, now = Date.now()) {
  const submission = db.select().from(submissions).where(eq(submissions.id, submissionId)).get();
  const learner = submission ? loadLearnerRef(db, submission.learnerId) : null;
  if (!submission || !learner || !can.setBenchmarks(actor, learner)) throw new NotFound("No such submission");
  if (actor.role === "admin" && scopeOrganisation(learner.clinicId)) throw new NotFound("No such submission"); // a clinic's benchmarks are its leads'
  if (!isFinal(submission.status) || !submission.verdict) throw new Conflict("Only work with a final grade can be a benchmark.");
  if (!submission.benchmarkConsentAt) throw new Conflict("The learner did not agree, when submitting this work, that it may be used to standardise assessors.");
  const scores = Object.fromEntries(
    db
      .select()
      .from(submissionScoresTable)
      .where(eq(submissionScoresTable.submissionId, submissionId))
      .all()
      .map((s) => [s.criterionId, s.levelIndex]),
  );
  return db.transaction((tx) => {
    const existing = tx.select({ id: benchmarks.id }).from(benchmarks).where(eq(benchmarks.submissionId, submissionId)).get();
    if (existing) throw new Conflict("This work is already a benchmark.");
    const row = tx
      .insert(benchmarks)
      .values({
        submissionId,
        organisationId: scopeOrganisation(learner.clinicId),
        courseSlug: submission.courseSlug,
        practicalSlug: submission.practicalSlug,
        scores,
        verdict: submission.verdict!,
        note: note.trim(),
        createdBy: actor.id,
        createdAt: now,
      })
      .returning()
      .get();
    audit(tx, actor, "benchmark-set", { submissionId, benchmarkId: row.id, scope: scopeOf(learner.clinicId) }, now);
    return row;
  });
}

/** Whether the actor could make this submission a benchmark now (for the grading page's button). */
export function canSetBenchmark(db: Db, actor: Actor, submission: { learnerId: string; status: string; benchmarkConsentAt: number | null }): boolean {
  const learner = loadLearnerRef(db, submission.learnerId);
  if (!can.setBenchmarks(actor, learner) || (actor.role === "admin" && scopeOrganisation(learner.clinicId))) return false;
  return isFinal(submission.status) && submission.benchmarkConsentAt !== null;
}

/** Whether a submission is an active benchmark (for the grading page). */
export function benchmarkOf(db: Db, submissionId: string) {
  return db
    .select()
    .from(benchmarks)
    .where(and(eq(benchmarks.submissionId, submissionId), isNull(benchmarks.retiredAt)))
    .get();
}

/** Whether `actor` may see this photo because it belongs to a benchmark they standardise on. */
export function benchmarkPhotoAllowed(db: Db, actor: Actor, submissionId: string): boolean {
  if (actor.role !== "admin" && actor.role !== "instructor") return false;
  let scope: string;
  try {
    scope = scopeOfMarker(actor);
  } catch {
    return false;
  }
  const row = benchmarkOf(db, submissionId);
  return !!row && (scope === PLATFORM_SCOPE ? row.organisationId === null : row.organisationId === scope);
}

export type DeviationRow = {
  benchmarkId: string;
  criteria: { id: string; title: string; yours: string; agreed: string; deviation: number }[];
  verdict: Verdict;
  agreedVerdict: Verdict;
};

/**
 * An instructor's standardisation on a practical: the benchmarks, the open run (if any) with
 * what they have graded so far, the next benchmark to grade, and — once they finished — their
 * levels next to the agreed ones, criterion by criterion, with the deviation.
 */
export function standardisation(db: Db, actor: Actor, course: Course, practical: PracticalMeta, now = Date.now()) {
  const scope = scopeOfMarker(actor);
  const set = activeBenchmarks(db, scope, course.slug, practical.slug).sort((a, b) => a.createdAt - b.createdAt);
  const runs = db
    .select()
    .from(standardisationRuns)
    .where(
      and(
        eq(standardisationRuns.instructorId, actor.id),
        scope === PLATFORM_SCOPE ? isNull(standardisationRuns.organisationId) : eq(standardisationRuns.organisationId, scope),
        eq(standardisationRuns.courseSlug, course.slug),
        eq(standardisationRuns.practicalSlug, practical.slug),
      ),
    )
    .orderBy(desc(standardisationRuns.startedAt))
    .all();
  const open = runs.find((r) => r.completedAt === null) ?? null;
  const latestDone = runs.find((r) => r.completedAt !== null) ?? null;
  const graded = open ? db.select().from(standardisationScores).where(eq(standardisationScores.runId, open.id)).all() : [];
  const next = open ? (set.find((b) => !graded.some((g) => g.benchmarkId === b.id)) ?? null) : null;
  const photos = next
    ? db.select().from(submissionPhotos).where(eq(submissionPhotos.submissionId, next.submissionId)).orderBy(asc(submissionPhotos.position)).all()
    : [];
  return {
    benchmarks: set.length,
    enough: set.length >= MIN_BENCHMARKS,
    current: currentStandardisation(db, actor.id, scope, course.slug, practical.slug, now),
    open: open ? { id: open.id, done: graded.length } : null,
    next: next ? { id: next.id, photos: photos.map((p) => ({ id: p.id, width: p.width, height: p.height, position: p.position })) } : null,
    result: latestDone ? deviations(db, practical, latestDone.id) : null,
    completedAt: latestDone?.completedAt ?? null,
  };
}

function deviations(db: Db, practical: PracticalMeta, runId: string): DeviationRow[] {
  const rows = db
    .select({
      benchmarkId: standardisationScores.benchmarkId,
      scores: standardisationScores.scores,
      verdict: standardisationScores.verdict,
      agreed: benchmarks.scores,
      agreedVerdict: benchmarks.verdict,
    })
    .from(standardisationScores)
    .innerJoin(benchmarks, eq(benchmarks.id, standardisationScores.benchmarkId))
    .where(eq(standardisationScores.runId, runId))
    .orderBy(asc(benchmarks.createdAt))
    .all();
  return rows.map((r) => ({
    benchmarkId: r.benchmarkId,
    verdict: r.verdict,
    agreedVerdict: r.agreedVerdict,
    criteria: practical.rubric.criteria.map((c) => ({
      id: c.id,
      title: c.title,
      yours: c.levels[r.scores[c.id] ?? -1]?.label ?? "—",
      agreed: c.levels[r.agreed[c.id] ?? -1]?.label ?? "—",
      deviation: (r.scores[c.id] ?? 0) - (r.agreed[c.id] ?? 0),
    })),
  }));
}

/** Starts a standardisation run on a practical (or returns the open one). Conflict while the practical has too few benchmarks. */
export function startStandardisation(db: Db, actor: Actor, course: Course, practical: PracticalMeta, now = Date.now()): string {
  const scope = scopeOfMarker(actor);
  if (activeBenchmarks(db, scope, course.slug, practical.slug).length < MIN_BENCHMARKS) {
    throw new Conflict(`This practical needs at least ${MIN_BENCHMARKS} benchmarks before its standardisation exercise can start.`);
  }
  const state = standardisation(db, actor, course, practical, now);
  if (state.open) return state.open.id;
  return db
    .insert(standardisationRuns)
    .values({
      instructorId: actor.id,
      organisationId: scope === PLATFORM_SCOPE ? null : scope,
      courseSlug: course.slug,
      practicalSlug: practical.slug,
      startedAt: now,
    })
    .returning()
    .get().id;
}

/**
 * Records the instructor's grade of the next benchmark of their open run; the run completes
 * (and their grades on the practical count) when every benchmark is graded. Invalid for an
 * incomplete rubric or no verdict; Conflict when there is no open run or it is not the next one.
 */
export function scoreBenchmark(
  db: Db,
  actor: Actor,
  course: Course,
  practical: PracticalMeta,
  input: { benchmarkId: string; scores: RubricScores; verdict: Verdict | null },
  now = Date.now(),
) {
  const state = standardisation(db, actor, course, practical, now);
  if (!state.open || !state.next) throw new Conflict("Start the exercise first.");
  if (state.next.id !== input.benchmarkId) throw new Conflict("That benchmark is already graded; here is the next one.");
  const unknown = Object.keys(input.scores).filter((id) => !practical.rubric.criteria.some((c) => c.id === id));
  if (unknown.length || !rubricTotal(practical.rubric, input.scores).complete) throw new Invalid("Score every criterion.", "verdict");
  if (!input.verdict) throw new Invalid("Choose a verdict: pass, revise or fail.", "verdict");
  const runId = state.open.id;
  return db.transaction((tx) => {
    tx.insert(standardisationScores).values({ runId, benchmarkId: input.benchmarkId, scores: input.scores, verdict: input.verdict!, createdAt: now }).run();
    const scope = scopeOfMarker(actor);
    const all = activeBenchmarks(tx, scope, course.slug, practical.slug).map((b) => b.id);
    const done = tx
      .select({ id: standardisationScores.benchmarkId })
      .from(standardisationScores)
      .where(and(eq(standardisationScores.runId, runId), inArray(standardisationScores.benchmarkId, all)))
      .all().length;
    if (done >= all.length) {
      tx.update(standardisationRuns).set({ completedAt: now }).where(eq(standardisationRuns.id, runId)).run();
      audit(tx, actor, "standardisation-completed", { runId, practical: practical.slug, benchmarks: all.length }, now);
      return { completed: true };
    }
    return { completed: false };
  });
}

/** Each practical's standardisation for this instructor, for the review queue: benchmarks, and done (until when) or due. */
export function standardisationOverview(db: Db, actor: Actor, course: Course, now = Date.now()) {
  let scope: string;
  try {
    scope = scopeOfMarker(actor);
  } catch {
    return [];
  }
  return course.practicals
    .map((p) => {
      const count = activeBenchmarks(db, scope, course.slug, p.slug).length;
      const done = currentStandardisation(db, actor.id, scope, course.slug, p.slug, now);
      return { slug: p.slug, title: p.title, benchmarks: count, enough: count >= MIN_BENCHMARKS, doneAt: done?.completedAt ?? null };
    })
    .filter((p) => p.benchmarks > 0);
}
