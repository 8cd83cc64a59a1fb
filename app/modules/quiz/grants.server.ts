import type { Db } from "~/db/client.server";
import { auditLog, quizAttemptGrants } from "~/db/schema";
import { loadLearnerRef } from "~/modules/auth/actor.server";
import { can, type Actor } from "~/modules/auth/permissions";
import { Conflict, NotFound } from "~/modules/errors";
import { notify } from "~/modules/notifications/notify.server";
import { attemptHead } from "./attempt-records.server";
import { quizStatus } from "./lifecycle.server";
import { quizLandingPath, type QuizDefinition } from "./quiz-definition.server";

// One more attempt for a learner who used all theirs without passing. Each grant raises the
// learner's limit by one (`attemptLimit`); the lifecycle tells instructors when a learner runs out.

/**
 * Whether someone may grant the learner of `attemptId` another attempt now: they may grade the
 * learner, and the learner has used every attempt without passing. Null when not; NotFound for
 * those who may not see the attempt at all.
 */
export function grantableQuiz(db: Db, actor: Actor, attemptId: string, quiz: (courseSlug: string, quizKey: string) => QuizDefinition, now = Date.now()) {
  const row = attemptHead(db).get({ id: attemptId });
  if (!row) throw new NotFound("No such attempt");
  const learner = loadLearnerRef(db, row.userId);
  if (!can.viewLearner(actor, learner)) throw new NotFound("No such attempt");
  if (!can.gradeLearner(actor, learner)) return null;
  const definition = quiz(row.courseSlug, row.quizKey);
  const status = quizStatus(db, row.userId, definition, now);
  return status.passed || status.attemptsLeft > 0 || status.openAttemptId ? null : { learnerId: row.userId, quiz: definition, used: status.attempts.length };
}

/**
 * Grants one more attempt to a learner who used all theirs without passing: an instructor of
 * their cohort or a platform admin. Granting twice for the same exhaustion (a double click, two
 * instructors at once) adds one attempt. Audit-logged; the learner is told.
 */
export function grantAttempt(db: Db, actor: Actor, attemptId: string, quiz: (courseSlug: string, quizKey: string) => QuizDefinition, now = Date.now()): void {
  const grantable = grantableQuiz(db, actor, attemptId, quiz, now);
  if (!grantable) throw new Conflict("This learner still has attempts left, has passed, or is not yours to grade.");
  const { learnerId, quiz: definition, used } = grantable;
  db.transaction(
    (tx) => {
      const added = tx
        .insert(quizAttemptGrants)
        .values({ userId: learnerId, courseSlug: definition.courseSlug, quizKey: definition.key, grantedBy: actor.id, afterAttempts: used, createdAt: now })
        .onConflictDoNothing()
        .run();
      if (added.changes !== 1) return;
      tx.insert(auditLog)
        .values({ actorId: actor.id, action: "quiz-attempt-granted", detail: { learnerId, quizKey: definition.key, afterAttempts: used }, createdAt: now })
        .run();
      notify(
        tx,
        [learnerId],
        {
          kind: "attempt-granted",
          title: `You have another attempt at "${definition.title}"`,
          body: `Your instructor granted you one more attempt at ${definition.title}.`,
          link: quizLandingPath(definition.courseSlug, definition.key),
        },
        now,
      );
    },
    { behavior: "immediate" },
  );
}
