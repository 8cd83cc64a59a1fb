import { asc, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  certificates,
  credentials,
  cohortInstructors,
  cohortLearners,
  cohorts,
  enrolments,
  memberships,
  moduleProgress,
  notifications,
  organisations,
  users,
} from "~/db/schema";
import { courseTitle, iso } from "~/modules/account/export-common.server";
import { certificateState } from "~/modules/certification/eligibility";
import { REVOCATION_REASON_TEXT } from "~/modules/certification/revocation";
import { getCatalogue } from "~/modules/content/catalogue.server";

/** The account itself, with the clinics and cohorts the person belongs or belonged to. */
export function profileOf(db: Db, userId: string) {
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

/** The courses the person enrolled in, oldest first. */
export function enrolmentsOf(db: Db, userId: string) {
  return db
    .select()
    .from(enrolments)
    .where(eq(enrolments.userId, userId))
    .orderBy(asc(enrolments.createdAt))
    .all()
    .map((e) => ({ course: courseTitle(e.courseSlug), courseSlug: e.courseSlug, enrolledAt: iso(e.createdAt) }));
}

/** The modules the person opened and completed, in the order they were started. */
export function readingProgressOf(db: Db, userId: string) {
  return db
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
    }));
}

/** The person's certificates, with their state at `now` and the one each renews. */
export function certificatesOf(db: Db, userId: string, now: number) {
  const rows = db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(asc(certificates.issuedAt)).all();
  const codes = new Map(rows.map((c) => [c.id, c.code]));
  const signed = new Map(
    db
      .select({ id: credentials.certificateId, jws: credentials.jws })
      .from(credentials)
      .innerJoin(certificates, eq(certificates.id, credentials.certificateId))
      .where(eq(certificates.userId, userId))
      .all()
      .map((c) => [c.id, c.jws]),
  );
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
    /** The signed Open Badges credential (VC-JWT), once it has been downloaded. */
    credential: signed.get(c.id) ?? null,
  }));
}

/** The notices Stipple sent the person, oldest first. */
export function notificationsOf(db: Db, userId: string) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt))
    .all()
    .map((n) => ({ title: n.title, body: n.body, link: n.link, kind: n.kind, sentAt: iso(n.createdAt), readAt: iso(n.readAt) }));
}
