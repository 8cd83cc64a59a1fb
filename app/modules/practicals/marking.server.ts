import { isAcademy } from "~/modules/clinics/academy";
import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import {
  auditLog,
  benchmarks,
  grades,
  memberships,
  organisations,
  secondMarkingRates,
  standardisationRuns,
  type submissions,
  users,
  type Grade,
} from "~/db/schema";
import { loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import type { Course } from "~/modules/content/load-content.server";
import { Invalid, NotFound } from "~/modules/errors";
import { defaultSecondMarkingRate, gradesVisible } from "./marking";

/** The rate scope of independent learners (no clinic): the platform's own. */
export const PLATFORM_SCOPE = "platform";

/** Standardisation counts for six months, then the instructor does it again. */
export const STANDARDISATION_VALID_MS = 182 * 24 * 60 * 60 * 1000;

/** How many benchmarks a practical needs before its standardisation exercise can be set (and required). */
export const MIN_BENCHMARKS = 3;

/**
 * Whose settings and benchmarks apply to a learner's work: their clinic's, or the platform's for
 * a learner with no clinic or in Stipple Academy (the platform's own cohort, run by its admins).
 */
export const scopeOf = (clinicId: string | null) => (clinicId && !isAcademy(clinicId) ? clinicId : PLATFORM_SCOPE);

/** The organisation a scope's rows carry (benchmarks, standardisation runs): null for the platform. */
export const scopeOrganisation = (clinicId: string | null) => (scopeOf(clinicId) === PLATFORM_SCOPE ? null : clinicId);

/** The second-marking rate (%) of each practical of a course in a scope: the one set there, else the default. */
export function practicalRates(db: DbOrTx, scope: string, course: Course): Map<string, { rate: number; isDefault: boolean }> {
  const set = new Map(
    db
      .select({ practicalSlug: secondMarkingRates.practicalSlug, rate: secondMarkingRates.rate })
      .from(secondMarkingRates)
      .where(and(eq(secondMarkingRates.scope, scope), eq(secondMarkingRates.courseSlug, course.slug)))
      .all()
      .map((r) => [r.practicalSlug, r.rate]),
  );
  const required = course.certification?.practicals ?? [];
  return new Map(
    course.practicals.map((p) => {
      const rate = set.get(p.slug);
      return [p.slug, rate === undefined ? { rate: defaultSecondMarkingRate(required, p.slug), isDefault: true } : { rate, isDefault: false }];
    }),
  );
}

/**
 * Sets the second-marking rates of a scope's practicals: a clinic admin for their own clinic,
 * a platform admin for independent learners. Invalid outside 0–100 or for an unknown practical.
 */
export function setSecondMarkingRates(db: Db, actor: Actor, scope: string, course: Course, rates: Record<string, number>, now = Date.now()): void {
  const allowed = scope === PLATFORM_SCOPE ? can.administer(actor) : can.manageClinic(actor, scope) && actor.role === "clinic_admin";
  if (!allowed) throw new NotFound("No such clinic");
  for (const [slug, rate] of Object.entries(rates)) {
    if (!course.practicals.some((p) => p.slug === slug)) throw new Invalid(`Unknown practical: ${slug}`, `rate.${slug}`);
    if (!Number.isInteger(rate) || rate < 0 || rate > 100) throw new Invalid("Give a whole percentage from 0 to 100.", `rate.${slug}`);
  }
  db.transaction((tx) => {
    for (const [practicalSlug, rate] of Object.entries(rates)) {
      tx.insert(secondMarkingRates)
        .values({ scope, courseSlug: course.slug, practicalSlug, rate, updatedBy: actor.id, updatedAt: now })
        .onConflictDoUpdate({
          target: [secondMarkingRates.scope, secondMarkingRates.courseSlug, secondMarkingRates.practicalSlug],
          set: { rate, updatedBy: actor.id, updatedAt: now },
        })
        .run();
    }
    audit(tx, actor, "second-marking-rates", { scope, course: course.slug, rates }, now);
  });
}

/** Whether a scope requires standardisation before an instructor's grades count (the platform always does). */
export function requiresStandardisation(db: DbOrTx, scope: string): boolean {
  if (scope === PLATFORM_SCOPE) return true;
  return db.select({ on: organisations.requireStandardisation }).from(organisations).where(eq(organisations.id, scope)).get()?.on ?? true;
}

/** The active benchmarks instructors of a scope standardise on for one practical. */
export function activeBenchmarks(db: DbOrTx, scope: string, courseSlug: string, practicalSlug: string) {
  return db
    .select()
    .from(benchmarks)
    .where(
      and(
        scope === PLATFORM_SCOPE ? isNull(benchmarks.organisationId) : eq(benchmarks.organisationId, scope),
        eq(benchmarks.courseSlug, courseSlug),
        eq(benchmarks.practicalSlug, practicalSlug),
        isNull(benchmarks.retiredAt),
      ),
    )
    .all();
}

/** The instructor's latest completed standardisation on a practical in a scope, if still valid. */
export function currentStandardisation(db: DbOrTx, instructorId: string, scope: string, courseSlug: string, practicalSlug: string, now = Date.now()) {
  return (
    db
      .select()
      .from(standardisationRuns)
      .where(
        and(
          eq(standardisationRuns.instructorId, instructorId),
          scope === PLATFORM_SCOPE ? isNull(standardisationRuns.organisationId) : eq(standardisationRuns.organisationId, scope),
          eq(standardisationRuns.courseSlug, courseSlug),
          eq(standardisationRuns.practicalSlug, practicalSlug),
          isNotNull(standardisationRuns.completedAt),
          gt(standardisationRuns.completedAt, now - STANDARDISATION_VALID_MS),
        ),
      )
      .orderBy(sql`${standardisationRuns.completedAt} desc`)
      .get() ?? null
  );
}

/**
 * Why this instructor's grade would not count yet — the scope requires standardisation, the
 * practical has its benchmarks, and the instructor has not graded them in the last six months —
 * or null when it counts. A practical without enough benchmarks cannot be standardised on, so it
 * does not block (decision 024).
 */
export function standardisationBlock(db: DbOrTx, actor: Actor, scope: string, courseSlug: string, practicalSlug: string, now = Date.now()): string | null {
  if (!requiresStandardisation(db, scope)) return null;
  if (activeBenchmarks(db, scope, courseSlug, practicalSlug).length < MIN_BENCHMARKS) return null;
  if (currentStandardisation(db, actor.id, scope, courseSlug, practicalSlug, now)) return null;
  return "Your grades on this practical count once you have done its standardisation exercise (grading its benchmarks), which is due every six months.";
}

export type MarkerGradeView = Pick<Grade, "id" | "kind" | "verdict" | "scores" | "points" | "maxPoints" | "feedback" | "reason" | "createdAt"> & {
  markerId: string | null;
  markerName: string;
};

/** All grades of a submission with their markers' names, first marker first. */
export function gradesOf(db: DbOrTx, submissionId: string): MarkerGradeView[] {
  const order = { first: 0, second: 1, moderation: 2 } as const;
  return db
    .select({
      id: grades.id,
      kind: grades.kind,
      verdict: grades.verdict,
      scores: grades.scores,
      points: grades.points,
      maxPoints: grades.maxPoints,
      feedback: grades.feedback,
      reason: grades.reason,
      createdAt: grades.createdAt,
      markerId: grades.markerId,
      markerName: users.name,
    })
    .from(grades)
    .leftJoin(users, eq(users.id, grades.markerId))
    .where(eq(grades.submissionId, submissionId))
    .all()
    .map((g) => ({ ...g, markerName: g.markerName || "A former instructor" }))
    .sort((a, b) => order[a.kind] - order[b.kind]);
}

/**
 * The grades of a submission this actor may see (none while they are a marker who has not yet
 * saved theirs, or anyone else before marking ends — see `gradesVisible`).
 */
export function visibleGrades(db: DbOrTx, actor: Actor, submission: { id: string; status: (typeof submissions.$inferSelect)["status"]; learnerId: string }) {
  const all = gradesOf(db, submission.id);
  const markerIds = all.map((g) => g.markerId);
  const viewerModerates = submission.status === "moderation" && can.moderate(actor, loadLearnerRef(db, submission.learnerId), markerIds);
  return gradesVisible({ status: submission.status, viewerId: actor.id, markerIds, viewerModerates }) ? all : [];
}

/** The lead instructors of a clinic (or, for independent and Academy learners, the platform admins): who hears of moderation. */
export function moderatorsOf(db: DbOrTx, clinicId: string | null, exclude: readonly (string | null)[]): string[] {
  const ids = scopeOrganisation(clinicId)
    ? db
        .select({ id: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.organisationId, clinicId!), eq(memberships.lead, true), isNull(memberships.removedAt)))
        .all()
        .map((r) => r.id)
    : db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.role, "admin"))
        .all()
        .map((r) => r.id);
  return ids.filter((id) => !exclude.includes(id));
}

/** Turns a clinic's standardisation requirement on or off (its own admin only), in the audit log. */
export function setRequireStandardisation(db: Db, actor: Actor, clinicId: string, on: boolean, now = Date.now()): void {
  if (actor.role !== "clinic_admin" || !can.manageClinic(actor, clinicId)) throw new NotFound("No such clinic");
  db.transaction((tx) => {
    tx.update(organisations).set({ requireStandardisation: on }).where(eq(organisations.id, clinicId)).run();
    audit(tx, actor, on ? "standardisation-required" : "standardisation-not-required", { clinicId }, now);
  });
}

/** Grants or withdraws the lead-instructor role: a clinic admin, for an instructor of their own clinic. */
export function setLead(db: Db, actor: Actor, membershipUserId: string, lead: boolean, now = Date.now()): void {
  if (actor.role !== "clinic_admin" || !actor.clinicId) throw new NotFound("No clinic");
  const clinicId = actor.clinicId;
  db.transaction((tx) => {
    const member = tx
      .select({ id: memberships.id, role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organisationId, clinicId), eq(memberships.userId, membershipUserId), isNull(memberships.removedAt)))
      .get();
    if (!member) throw new NotFound("No such member");
    if (member.role !== "instructor") throw new Invalid("Only an instructor can be a lead instructor.", "lead");
    tx.update(memberships).set({ lead }).where(eq(memberships.id, member.id)).run();
    audit(tx, actor, lead ? "lead-granted" : "lead-withdrawn", { clinicId, userId: membershipUserId }, now);
  });
}

/** Records who did what to assessment (grades, sampling, moderation, benchmarks) in the audit log. */
export function audit(tx: DbOrTx, actor: Actor | null, action: string, detail: Record<string, unknown>, now = Date.now()): void {
  tx.insert(auditLog)
    .values({ actorId: actor?.id ?? null, action, detail, createdAt: now })
    .run();
}
