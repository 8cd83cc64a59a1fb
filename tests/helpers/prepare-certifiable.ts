// For browser tests: gives a signed-up learner records that meet every requirement of the core
// course except reading its last module, the way the demo seed builds its certified holders.
// Run with tsx: prepare-certifiable.ts <database file> <learner email>
import { and, eq } from "drizzle-orm";
import { openDatabase } from "~/db/client.server";
import { moduleProgress, users } from "~/db/schema";
import { completeProgramme } from "~/modules/demo/seed.server";
import { loadCatalogue } from "~/modules/content/load-content.server";

const [file, email] = process.argv.slice(2) as [string, string];
const { db } = openDatabase(file);
// The same content as the server under test (STIPPLE_CONTENT_DIR when a run points it elsewhere).
const course = loadCatalogue(process.env.STIPPLE_CONTENT_DIR ?? "content").bySlug.get("smp-practitioner")!;
const learner = db.select().from(users).where(eq(users.email, email)).get()!;
const supervisor = db.select().from(users).where(eq(users.email, "instructor@demo.stipple")).get()!;
const last = course.modules.at(-1)!;
db.transaction((tx) => {
  completeProgramme(tx, course, learner.id, supervisor.id, Date.now());
  tx.delete(moduleProgress)
    .where(and(eq(moduleProgress.userId, learner.id), eq(moduleProgress.moduleSlug, last.slug)))
    .run();
});
console.log(JSON.stringify({ lastModule: last.slug, lastTitle: last.title }));
