// A separate process for certification race tests: at an agreed moment it performs one action
// that can complete a programme — reading a module, or an instructor passing a practical — on the
// shared database file. Prints what happened as one JSON line.
import { eq } from "drizzle-orm";
import { openDatabase } from "~/db/client.server";
import { users } from "~/db/schema";
import { loadActor } from "~/modules/auth/actor.server";
import { loadCatalogue } from "~/modules/content/load-content.server";
import { gradeSubmission } from "~/modules/practicals/review.server";
import { completeModule } from "~/modules/progress/progress.server";

const [file, what, actorId, target, goAt] = process.argv.slice(2) as [string, "complete-module" | "pass-practical", string, string, string];
const { db } = openDatabase(file);
const catalogue = loadCatalogue(process.env.STIPPLE_CONTENT_DIR ?? "content");
const course = catalogue.bySlug.get("smp-practitioner")!;
while (Date.now() < Number(goAt)) {
  /* spin until the agreed moment so the processes really overlap */
}
try {
  if (what === "complete-module") {
    completeModule(
      db,
      actorId,
      course,
      course.modules.find((m) => m.slug === target)!,
    );
  } else {
    const user = db.select().from(users).where(eq(users.id, actorId)).get()!;
    const submission = target.split(":");
    const practical = course.practicals.find((p) => p.slug === submission[1])!;
    const scores = Object.fromEntries(
      practical.rubric.criteria.map((c) => [c.id, c.levels.reduce((best, level, i) => (level.points > c.levels[best]!.points ? i : best), 0)]),
    );
    gradeSubmission(db, catalogue, loadActor(db, user), submission[0]!, { scores, pins: [], feedback: "Well done.", verdict: "pass" });
  }
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
}
