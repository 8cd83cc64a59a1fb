// For browser tests: puts a signed-up learner in the demo clinic's "Autumn 2026" cohort (taught by
// instructor@demo.stipple) with a case performed 30 days ago and countersigned, so its
// healed-result review can be logged now — the demo learner's own situation, for a learner of
// the test's own.
// Run with tsx: prepare-healed.ts <database file> <learner email>
import { and, eq } from "drizzle-orm";
import { openDatabase } from "~/db/client.server";
import { cohortLearners, cohorts, memberships, organisations, users } from "~/db/schema";
import { leaveAcademy } from "~/modules/clinics/academy.server";
import { countersignedCase } from "~/modules/demo/seed.server";
import { loadCatalogue } from "~/modules/content/load-content.server";

const DAY = 24 * 60 * 60 * 1000;
const [file, email] = process.argv.slice(2) as [string, string];
const { db } = openDatabase(file);
const course = loadCatalogue(process.env.STIPPLE_CONTENT_DIR ?? "content").bySlug.get("smp-practitioner")!;
const learner = db.select().from(users).where(eq(users.email, email)).get()!;
const instructor = db.select().from(users).where(eq(users.email, "instructor@demo.stipple")).get()!;
const clinic = db.select().from(organisations).where(eq(organisations.name, "Demo Clinic")).get()!;
const cohort = db
  .select()
  .from(cohorts)
  .where(and(eq(cohorts.organisationId, clinic.id), eq(cohorts.name, "Autumn 2026")))
  .get()!;
const id = db.transaction((tx) => {
  // Signed up alone, they study in Stipple Academy: they leave it for the clinic, as an invitation does.
  leaveAcademy(tx, learner.id);
  tx.insert(memberships).values({ organisationId: clinic.id, userId: learner.id, role: "technician" }).run();
  tx.insert(cohortLearners).values({ cohortId: cohort.id, userId: learner.id }).run();
  return countersignedCase(tx, course, learner.id, instructor.id, Date.now() - 30 * DAY, 2).id;
});
console.log(JSON.stringify({ caseId: id }));
