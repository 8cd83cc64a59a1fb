// Seeds N learners with sessions for the exam-day benchmark, writing their session cookies to a
// JSON file. Direct inserts in one transaction: signing up 3,000 people through the form would
// measure argon2 and the signup rate limit, not exam day.
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "~/db/client.server";
import { migrateDatabase } from "~/db/migrate.server";
import { enrolments, users } from "~/db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { createSession } from "~/modules/auth/session.server";

const [dataDir, count, out] = process.argv.slice(2) as [string, string, string];
const { db } = openDatabase(path.join(dataDir, "stipple.sqlite"));
migrateDatabase(db);
const passwordHash = await hashPassword("bench learner passphrase");
const cookies = db.transaction((tx) => {
  const list: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    const user = tx
      .insert(users)
      .values({ email: `bench-${i}@bench.stipple`, name: `Bench Learner ${i}`, passwordHash })
      .returning({ id: users.id })
      .get();
    tx.insert(enrolments).values({ userId: user.id, courseSlug: "smp-practitioner" }).run();
    list.push(`stipple_session=${createSession(tx, user.id).token}`);
  }
  return list;
});
fs.writeFileSync(out, JSON.stringify(cookies));
console.log(`seeded ${cookies.length} learners`);
