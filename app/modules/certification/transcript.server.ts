import { aliasedTable, and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "~/db/client.server";
import { healedReviews, submissions, supervisedCases, users } from "~/db/schema";
import type { Course } from "~/modules/content/load-content.server";
import { quizResults } from "~/modules/quiz/attempt-records.server";
import { EXAM_KEY, moduleQuizKey } from "~/modules/quiz/quiz-definition.server";
import type { Transcript } from "./transcript";

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The transcript of what a learner has done towards a course's certificate, as it stands now:
 * each module with its best quiz score, the exam's best score, each certificate practical's
 * pass with its assessor, and the countersigned cases and healed-result reviews with their
 * supervisors. Called when a
 * certificate is issued and stored on it, so later changes never rewrite it.
 */
export function buildTranscript(tx: DbOrTx, course: Course, learnerId: string): Transcript {
  const results = quizResults(tx, learnerId, course.slug);
  const rules = course.certification;
  const assessor = aliasedTable(users, "assessor");
  const practicals = (rules?.practicals ?? []).map((slug) => {
    const passed = tx
      .select({ gradedAt: submissions.gradedAt, assessor: assessor.name })
      .from(submissions)
      .leftJoin(assessor, eq(assessor.id, submissions.gradedBy))
      .where(
        and(
          eq(submissions.learnerId, learnerId),
          eq(submissions.courseSlug, course.slug),
          eq(submissions.practicalSlug, slug),
          eq(submissions.status, "passed"),
        ),
      )
      .orderBy(desc(submissions.gradedAt))
      .get();
    const title = course.practicals.find((p) => p.slug === slug)?.title ?? slug;
    return { title, passedOn: passed?.gradedAt ? isoDay(passed.gradedAt) : "", assessor: passed?.assessor ?? null };
  });
  const supervisor = aliasedTable(users, "supervisor");
  const cases = tx
    .select({ performedOn: supervisedCases.performedOn, supervisor: supervisor.name })
    .from(supervisedCases)
    .leftJoin(supervisor, eq(supervisor.id, supervisedCases.reviewedBy))
    .where(and(eq(supervisedCases.learnerId, learnerId), eq(supervisedCases.courseSlug, course.slug), eq(supervisedCases.status, "countersigned")))
    .orderBy(asc(supervisedCases.performedOn))
    .all();
  const healed = tx
    .select({ reviewedOn: healedReviews.reviewedOn, supervisor: supervisor.name })
    .from(healedReviews)
    .innerJoin(supervisedCases, eq(supervisedCases.id, healedReviews.caseId))
    .leftJoin(supervisor, eq(supervisor.id, healedReviews.reviewedBy))
    .where(and(eq(supervisedCases.learnerId, learnerId), eq(supervisedCases.courseSlug, course.slug), eq(healedReviews.status, "countersigned")))
    .orderBy(asc(healedReviews.reviewedOn))
    .all();
  const hours = course.about?.guidedHours?.parts.reduce((sum, p) => sum + p.hours, 0) ?? null;
  return {
    guidedHours: hours,
    modules: course.modules
      .filter((m) => m.status !== "outline")
      .map((m) => ({ title: m.title, minutes: m.minutes, quizPercent: m.quiz ? (results.get(moduleQuizKey(m.slug))?.bestPercent ?? null) : null })),
    examPercent: rules?.finalExam && course.exam ? (results.get(EXAM_KEY)?.bestPercent ?? null) : null,
    practicals,
    cases: {
      count: cases.length,
      dates: cases.map((c) => c.performedOn),
      countersignedBy: [...new Set(cases.map((c) => c.supervisor).filter((n): n is string => !!n))],
    },
    healedReviews: {
      count: healed.length,
      dates: healed.map((h) => h.reviewedOn),
      countersignedBy: [...new Set(healed.map((h) => h.supervisor).filter((n): n is string => !!n))],
    },
  };
}
