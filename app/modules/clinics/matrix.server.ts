import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  certificates,
  cohortInstructors,
  cohortLearners,
  enrolments,
  memberships,
  moduleProgress,
  quizAttempts,
  submissions,
  supervisedCases,
  users,
} from "~/db/schema";
import { certificateState, type CertificateState } from "~/modules/certification/eligibility";
import type { Course } from "~/modules/content/load-content.server";
import { scorePercent } from "~/modules/quiz/grade";
import { EXAM_KEY, moduleQuizKey } from "~/modules/quiz/quiz-definition.server";
import { atRiskReasons } from "./at-risk";
import { toCsv } from "./csv";
import { clinicCohort } from "./members.server";

export type MatrixRow = {
  learnerId: string;
  name: string;
  email: string;
  modulesCompleted: number;
  quizzes: { moduleSlug: string; bestPercent: number | null; passed: boolean }[];
  exam: { bestPercent: number | null; passed: boolean };
  practicals: { slug: string; status: string }[];
  /** Supervised cases countersigned (only those count). */
  cases: number;
  /** The learner's current certificate for the course, if any. */
  certificate: { id: string; code: string; state: CertificateState; expiresAt: number } | null;
  risk: string[];
};

/**
 * The cohort's progress matrix: each current learner (still a member of the clinic) × the
 * course's requirements. Scoped by the clinic: NotFound for another clinic's cohort.
 */
export function cohortMatrix(db: Db, clinicId: string, cohortId: string, course: Course, now = Date.now()) {
  const cohort = clinicCohort(db, clinicId, cohortId);
  const learners = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(cohortLearners)
    .innerJoin(users, eq(users.id, cohortLearners.userId))
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
    .where(eq(cohortLearners.cohortId, cohortId))
    .orderBy(users.name)
    .all();
  // Every instructor linked to the cohort, with whether they are still a member: a link left
  // behind by a removal before decision 019 must be visible so the admin can end it (it grants
  // nothing either way).
  const instructors = db
    .select({ id: users.id, name: users.name, active: sql<number>`${memberships.id} is not null` })
    .from(cohortInstructors)
    .innerJoin(users, eq(users.id, cohortInstructors.userId))
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
    .where(eq(cohortInstructors.cohortId, cohortId))
    .orderBy(users.name)
    .all()
    .map((i) => ({ id: i.id, name: i.name, active: Boolean(i.active) }));
  const ids = learners.map((l) => l.id);
  const none = ids.length === 0;
  const progress = none
    ? []
    : db
        .select({
          userId: moduleProgress.userId,
          n: sql<number>`sum(case when ${moduleProgress.completedAt} is not null then 1 else 0 end)`,
          last: sql<number>`max(coalesce(${moduleProgress.completedAt}, ${moduleProgress.startedAt}))`,
        })
        .from(moduleProgress)
        .where(and(inArray(moduleProgress.userId, ids), eq(moduleProgress.courseSlug, course.slug)))
        .groupBy(moduleProgress.userId)
        .all();
  const attempts = none
    ? []
    : db
        .select({
          userId: quizAttempts.userId,
          quizKey: quizAttempts.quizKey,
          best: sql<number | null>`max(${quizAttempts.score} * 1.0 / ${quizAttempts.maxScore})`,
          passed: sql<number>`max(coalesce(${quizAttempts.passed}, 0))`,
          failed: sql<number>`sum(case when ${quizAttempts.passed} = 0 then 1 else 0 end)`,
          last: sql<number>`max(coalesce(${quizAttempts.submittedAt}, ${quizAttempts.startedAt}))`,
        })
        .from(quizAttempts)
        .where(and(inArray(quizAttempts.userId, ids), eq(quizAttempts.courseSlug, course.slug)))
        .groupBy(quizAttempts.userId, quizAttempts.quizKey)
        .all();
  const subs = none
    ? []
    : db
        .select({
          userId: submissions.learnerId,
          slug: submissions.practicalSlug,
          status: submissions.status,
          version: submissions.version,
          createdAt: submissions.createdAt,
          gradedAt: submissions.gradedAt,
        })
        .from(submissions)
        .where(and(inArray(submissions.learnerId, ids), eq(submissions.courseSlug, course.slug)))
        .all();
  const cases = none
    ? []
    : db
        // Counted, not filtered, by status: a status condition in WHERE makes SQLite walk every
        // clinic's countersigned cases through the status index (bench/clinic-scale.ts).
        .select({ userId: supervisedCases.learnerId, n: sql<number>`sum(case when ${supervisedCases.status} = 'countersigned' then 1 else 0 end)` })
        .from(supervisedCases)
        .where(and(inArray(supervisedCases.learnerId, ids), eq(supervisedCases.courseSlug, course.slug)))
        .groupBy(supervisedCases.learnerId)
        .all();
  const certs = none
    ? []
    : db
        .select({
          userId: certificates.userId,
          id: certificates.id,
          code: certificates.code,
          expiresAt: certificates.expiresAt,
          revokedAt: certificates.revokedAt,
        })
        .from(certificates)
        .where(and(inArray(certificates.userId, ids), eq(certificates.courseSlug, course.slug), isNull(certificates.supersededAt)))
        .all();
  const enrolled = none
    ? []
    : db
        .select({ userId: enrolments.userId, at: enrolments.createdAt })
        .from(enrolments)
        .where(and(inArray(enrolments.userId, ids), eq(enrolments.courseSlug, course.slug)))
        .all();

  const rows: MatrixRow[] = learners.map((l) => {
    const mine = attempts.filter((a) => a.userId === l.id);
    const quiz = (key: string) => {
      const a = mine.find((x) => x.quizKey === key);
      return { bestPercent: a?.best === null || a?.best === undefined ? null : scorePercent(a.best), passed: a?.passed === 1 };
    };
    const latest = (slug: string) => subs.filter((s) => s.userId === l.id && s.slug === slug).sort((a, b) => b.version - a.version)[0];
    const p = progress.find((x) => x.userId === l.id);
    const revise = subs.filter(
      (s) => s.userId === l.id && s.status === "revise" && !subs.some((t) => t.userId === l.id && t.slug === s.slug && t.version > s.version),
    );
    const cert = certs.find((c) => c.userId === l.id);
    const certificate = cert ? { id: cert.id, code: cert.code, expiresAt: cert.expiresAt, state: certificateState(cert, now) } : null;
    const lastActivity = Math.max(p?.last ?? 0, ...mine.map((a) => a.last ?? 0), ...subs.filter((s) => s.userId === l.id).map((s) => s.createdAt)) || null;
    return {
      learnerId: l.id,
      name: l.name,
      email: l.email,
      modulesCompleted: p?.n ?? 0,
      quizzes: course.modules.filter((m) => m.quiz).map((m) => ({ moduleSlug: m.slug, ...quiz(moduleQuizKey(m.slug)) })),
      exam: quiz(EXAM_KEY),
      practicals: course.practicals.map((pr) => ({ slug: pr.slug, status: latest(pr.slug)?.status ?? "not-started" })),
      cases: cases.find((c) => c.userId === l.id)?.n ?? 0,
      certificate,
      // A certified learner has finished: quiet is not a risk.
      risk:
        certificate?.state === "VALID"
          ? []
          : atRiskReasons(
              {
                lastActivityAt: lastActivity,
                enrolledAt: enrolled.find((e) => e.userId === l.id)?.at ?? null,
                failedAttempts: mine.reduce((n, a) => n + (a.failed ?? 0), 0),
                oldestReviseSince: revise.length ? Math.min(...revise.map((s) => s.gradedAt ?? s.createdAt)) : null,
              },
              now,
            ),
    };
  });
  return {
    cohort: { id: cohort.id, name: cohort.name, startsOn: cohort.startsOn },
    instructors,
    course: {
      slug: course.slug,
      title: course.title,
      modules: course.modules.map((m) => ({ slug: m.slug, title: m.title, number: m.number })),
      practicals: course.practicals.map((p) => ({ slug: p.slug, title: p.title })),
      casesRequired: course.certification?.supervisedCases ?? 0,
    },
    rows,
  };
}

/** The matrix as CSV with a stable header (one column per requirement, in course order). */
export function matrixCsv(matrix: ReturnType<typeof cohortMatrix>): string {
  const { course, rows } = matrix;
  const header = [
    "learner",
    "email",
    "modules_completed",
    "modules_total",
    ...course.modules.map((m) => `quiz_${m.slug}_best_percent`),
    "exam_best_percent",
    "exam_passed",
    ...course.practicals.map((p) => `practical_${p.slug}`),
    "cases_countersigned",
    "cases_required",
    "certificate_code",
    "certificate_state",
    "certificate_expires",
    "at_risk",
  ];
  const body = rows.map((r) => [
    r.name,
    r.email,
    r.modulesCompleted,
    course.modules.length,
    ...course.modules.map((m) => r.quizzes.find((q) => q.moduleSlug === m.slug)?.bestPercent ?? ""),
    r.exam.bestPercent ?? "",
    r.exam.passed ? "yes" : "no",
    ...r.practicals.map((p) => p.status),
    r.cases,
    course.casesRequired,
    r.certificate?.code ?? "",
    r.certificate?.state.toLowerCase() ?? "",
    r.certificate ? new Date(r.certificate.expiresAt).toISOString().slice(0, 10) : "",
    r.risk.join("; "),
  ]);
  return toCsv(header, body);
}
