// The people and clinics integration tests need, written straight to the database. Each test
// file still says who is in its world (which clinic, which cohort, who teaches whom); these
// three builders only do the inserting, so no test repeats it.
import type { Db } from "~/db/client.server";
import { cohortInstructors, cohortLearners, cohorts, memberships, organisations, secondMarkingRates, users, type Role, type User } from "~/db/schema";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { SESSION_COOKIE } from "~/http/session.server";
import { loadActor } from "~/modules/auth/actor.server";
import { createSession } from "~/modules/auth/session.server";

export type Person = {
  user: User;
  /** A `Cookie` header value for a fresh session of theirs. */
  cookie: string;
  /** Their actor as the app loads it now (their clinic can change during a test). */
  actor: () => ReturnType<typeof loadActor>;
};

export type PersonOptions = {
  /** Defaults to the part of the email before the @. */
  name?: string;
  /** Defaults to "x", which no password matches: pass a real hash for tests that sign in. */
  passwordHash?: string;
};

/** An account with a signed-in session. */
export function person(db: Db, email: string, role: Role = "learner", options: PersonOptions = {}): Person {
  const { name = email.split("@")[0]!, passwordHash = "x" } = options;
  const user = db.insert(users).values({ email, name, passwordHash, role }).returning().get();
  return { user, cookie: `${SESSION_COOKIE}=${createSession(db, user.id).token}`, actor: () => loadActor(db, user) };
}

/** Members of a clinic, by the role their membership gives them there (`leads` are lead instructors). */
export type ClinicMembers = { technicians?: Person[]; instructors?: Person[]; admins?: Person[]; leads?: Person[] };

/** A clinic with these people as its active members. */
export function clinic(db: Db, name: string, members: ClinicMembers = {}) {
  const org = db.insert(organisations).values({ name }).returning().get();
  const rows = [
    ...(members.technicians ?? []).map((p) => ({ organisationId: org.id, userId: p.user.id, role: "technician" as const })),
    ...(members.instructors ?? []).map((p) => ({ organisationId: org.id, userId: p.user.id, role: "instructor" as const })),
    ...(members.admins ?? []).map((p) => ({ organisationId: org.id, userId: p.user.id, role: "admin" as const })),
    ...(members.leads ?? []).map((p) => ({ organisationId: org.id, userId: p.user.id, role: "instructor" as const, lead: true })),
  ];
  if (rows.length > 0) db.insert(memberships).values(rows).run();
  return org;
}

export type CohortOptions = { learners?: Person[]; instructors?: Person[]; startsOn?: string };

/** A cohort of the clinic, with its learners and the instructors who teach it (starting 2026-09-01 unless told). */
export function cohort(db: Db, of: { id: string }, name: string, options: CohortOptions = {}) {
  const { learners = [], instructors = [], startsOn = "2026-09-01" } = options;
  const row = db.insert(cohorts).values({ organisationId: of.id, name, startsOn }).returning().get();
  if (learners.length > 0)
    db.insert(cohortLearners)
      .values(learners.map((p) => ({ cohortId: row.id, userId: p.user.id })))
      .run();
  if (instructors.length > 0)
    db.insert(cohortInstructors)
      .values(instructors.map((p) => ({ cohortId: row.id, userId: p.user.id })))
      .run();
  return row;
}

/**
 * Sets a clinic's (or, with "platform", independent learners') second-marking rate for every
 * practical of the course: 0 for tests of single marking, where the first grade is final.
 */
export function secondMarkingRate(db: Db, scope: { id: string } | "platform", rate: number, courseSlug = "smp-practitioner") {
  const course = getCatalogue().bySlug.get(courseSlug)!;
  for (const p of course.practicals) {
    db.insert(secondMarkingRates)
      .values({ scope: scope === "platform" ? scope : scope.id, courseSlug, practicalSlug: p.slug, rate, updatedAt: Date.now() })
      .onConflictDoUpdate({ target: [secondMarkingRates.scope, secondMarkingRates.courseSlug, secondMarkingRates.practicalSlug], set: { rate } })
      .run();
  }
}
