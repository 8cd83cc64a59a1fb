import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { memberships, submissions } from "~/db/schema";
import { clinicCertificates } from "~/modules/certification/certificates.server";
import type { Course } from "~/modules/content/load-content.server";
import { cohortMatrix } from "./matrix.server";
import { listCohorts } from "./members.server";

/** The middle value (mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The clinic at a glance: each cohort's completion and at-risk count, how fast work is reviewed, certificates issued and expiring. */
export function clinicDashboard(db: Db, clinicId: string, course: Course, now = Date.now()) {
  const cohorts = listCohorts(db, clinicId).map((c) => {
    const matrix = cohortMatrix(db, clinicId, c.id, course, now);
    const total = matrix.rows.length * course.modules.length;
    const done = matrix.rows.reduce((n, r) => n + r.modulesCompleted, 0);
    return {
      id: c.id,
      name: c.name,
      startsOn: c.startsOn,
      learners: matrix.rows.length,
      modulesDone: done,
      modulesTotal: total,
      atRisk: matrix.rows.filter((r) => r.risk.length).length,
    };
  });
  const graded = db
    .select({ createdAt: submissions.createdAt, gradedAt: submissions.gradedAt })
    .from(submissions)
    .innerJoin(memberships, and(eq(memberships.userId, submissions.learnerId), eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
    .where(isNotNull(submissions.gradedAt))
    .all();
  return {
    cohorts,
    reviews: graded.length,
    medianTurnaroundMs: median(graded.map((s) => s.gradedAt! - s.createdAt)),
    certificates: clinicCertificates(db, clinicId, now),
  };
}
