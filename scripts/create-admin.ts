// `npm run create-admin`: creates the first platform admin of a production deployment.
// Reads the password from STIPPLE_ADMIN_PASSWORD or asks for it without echoing.
import { createInterface } from "node:readline/promises";
import { closeDb, getDb } from "~/db/client.server";
import { migrateDatabase } from "~/db/migrate.server";
import { createAdmin } from "~/modules/auth/accounts.server";
import { Invalid } from "~/modules/errors";

async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => write(s.startsWith(question) ? s : "");
  }
  const answer = await rl.question(question);
  rl.close();
  if (hidden) process.stdout.write("\n");
  return answer.trim();
}

const email = process.env.STIPPLE_ADMIN_EMAIL ?? (await ask("Admin email: "));
const name = process.env.STIPPLE_ADMIN_NAME ?? (await ask("Admin name: "));
const password = process.env.STIPPLE_ADMIN_PASSWORD ?? (await ask("Password (8–128 characters): ", true));

const db = getDb();
migrateDatabase(db);
try {
  const user = await createAdmin(db, { email, name, password });
  console.log(`Created admin ${user.email}.`);
} catch (error) {
  if (error instanceof Invalid) {
    console.error(`Not created: ${error.field ? `${error.field}: ` : ""}${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  closeDb();
}
