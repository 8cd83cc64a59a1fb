import { eq } from "drizzle-orm";
import type { Db } from "./client.server";
import { cohortInstructors, cohortLearners, cohorts, memberships, organisations, users, type Role } from "./schema";
import { hashPassword } from "~/modules/auth/password.server";
import { enrol } from "~/modules/progress/progress.server";

/** The documented demo password (README); demo accounts never exist in production. */
export const DEMO_PASSWORD = "stipple-demo-2026";

export const DEMO_ACCOUNTS = [
  { email: "learner@demo.stipple", name: "Lena Learner", role: "learner" },
  { email: "instructor@demo.stipple", name: "Ines Instructor", role: "instructor" },
  { email: "clinic@demo.stipple", name: "Carl Clinic-Admin", role: "clinic_admin" },
  { email: "admin@demo.stipple", name: "Ada Admin", role: "admin" },
] as const satisfies readonly { email: string; name: string; role: Role }[];

export function hasDemoData(db: Db): boolean {
  return !!db.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).get();
}

/**
 * Creates the demo accounts, the demo clinic and its cohort once; later starts leave them alone.
 * The demo learner is enrolled in every course and taught by the demo instructor.
 */
export async function seedDemo(db: Db, courseSlugs: readonly string[]): Promise<void> {
  if (hasDemoData(db)) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  db.transaction((tx) => {
    const ids = Object.fromEntries(
      DEMO_ACCOUNTS.map((a) => [
        a.role,
        tx.insert(users).values({ email: a.email, name: a.name, role: a.role, passwordHash, isDemo: true }).returning({ id: users.id }).get().id,
      ]),
    ) as Record<Role, string>;
    const clinic = tx.insert(organisations).values({ name: "Demo Clinic", isDemo: true }).returning().get();
    tx.insert(memberships)
      .values([
        { organisationId: clinic.id, userId: ids.learner, role: "technician" },
        { organisationId: clinic.id, userId: ids.instructor, role: "instructor" },
        { organisationId: clinic.id, userId: ids.clinic_admin, role: "admin" },
      ])
      .run();
    const cohort = tx.insert(cohorts).values({ organisationId: clinic.id, name: "Autumn 2026", startsOn: "2026-09-01" }).returning().get();
    tx.insert(cohortLearners).values({ cohortId: cohort.id, userId: ids.learner }).run();
    tx.insert(cohortInstructors).values({ cohortId: cohort.id, userId: ids.instructor }).run();
    for (const slug of courseSlugs) enrol(tx, ids.learner, slug);
  });
}
