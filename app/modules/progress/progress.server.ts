import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { preparedStatement } from "~/db/statements.server";
import { enrolments, moduleProgress } from "~/db/schema";
import { loadLearnerRef } from "~/modules/auth/actor.server";
import { settleCertification } from "~/modules/certification/issue.server";
import { can, type Actor } from "~/modules/auth/permissions";
import type { Course, ModuleMeta } from "~/modules/content/load-content.server";
import { Invalid, NotFound } from "~/modules/errors";
import { summariseProgress, type CourseProgress } from "./summarise";

const enrolment = preparedStatement((db) =>
  db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.userId, sql.placeholder("userId")), eq(enrolments.courseSlug, sql.placeholder("courseSlug"))))
    .prepare(),
);

const progressRows = preparedStatement((db) =>
  db
    .select({ moduleSlug: moduleProgress.moduleSlug, startedAt: moduleProgress.startedAt, completedAt: moduleProgress.completedAt })
    .from(moduleProgress)
    .where(and(eq(moduleProgress.userId, sql.placeholder("userId")), eq(moduleProgress.courseSlug, sql.placeholder("courseSlug"))))
    .prepare(),
);

export function isEnrolled(db: DbOrTx, userId: string, courseSlug: string): boolean {
  return !!enrolment(db).get({ userId, courseSlug });
}

/** Enrols a learner in a course; enrolling twice is harmless. */
export function enrol(db: DbOrTx, userId: string, courseSlug: string, now = Date.now()): void {
  db.insert(enrolments).values({ userId, courseSlug, createdAt: now }).onConflictDoNothing().run();
}

/** Records that the learner opened a module (the first time only). */
export function recordModuleVisit(db: Db, userId: string, courseSlug: string, mod: ModuleMeta, now = Date.now()): void {
  db.insert(moduleProgress).values({ userId, courseSlug, moduleSlug: mod.slug, contentHash: mod.hash, startedAt: now }).onConflictDoNothing().run();
}

/**
 * Marks a module complete for an enrolled learner. Throws NotFound when not enrolled and
 * Invalid for an outline module that cannot be completed yet. Completing again keeps the first date.
 * Issues the certificate in the same transaction when this was the last requirement.
 */
export function completeModule(db: Db, userId: string, course: Course, mod: ModuleMeta, now = Date.now()): void {
  if (!isEnrolled(db, userId, course.slug)) throw new NotFound("Not enrolled");
  if (mod.status === "outline") throw new Invalid("This module is still an outline and cannot be completed yet");
  db.transaction(
    (tx) => {
      tx.insert(moduleProgress)
        .values({ userId, courseSlug: course.slug, moduleSlug: mod.slug, contentHash: mod.hash, startedAt: now, completedAt: now })
        .onConflictDoUpdate({
          target: [moduleProgress.userId, moduleProgress.courseSlug, moduleProgress.moduleSlug],
          set: { contentHash: mod.hash, completedAt: sql`coalesce(${moduleProgress.completedAt}, ${now})` },
        })
        .run();
      // Reading the last module can be what completes the programme.
      settleCertification(tx, course, userId, now);
    },
    { behavior: "immediate" },
  );
}

/** A learner's progress through a course (their own; callers check who may see it). */
export function courseProgress(db: Db, userId: string, course: Course): CourseProgress {
  const rows = progressRows(db).all({ userId, courseSlug: course.slug });
  return summariseProgress(
    course.modules.map((m) => m.slug),
    rows,
  );
}

/** Another person's progress, for those allowed to see it; NotFound for everyone else. */
export function learnerCourseProgress(db: Db, actor: Actor, learnerId: string, course: Course): CourseProgress {
  if (!can.viewLearner(actor, loadLearnerRef(db, learnerId))) throw new NotFound("No such learner");
  return courseProgress(db, learnerId, course);
}
