import { getDb } from "~/db/client.server";
import { migrateDatabase } from "~/db/migrate.server";
import { backfillAcademy } from "~/modules/clinics/academy.server";
import { getEnv } from "~/env.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { loadSigningKey, registerSigningKey, setSigner } from "~/modules/credentials/keys.server";
import { hasDemoData, seedDemo } from "~/modules/demo/seed.server";

/**
 * Everything the server needs before it takes a request: a valid environment, a migrated
 * database, valid content (a bad file stops start-up with file, field and reason), and the
 * demo accounts in demo mode, and the key that signs credentials. A production deployment refuses
 * to start while demo accounts exist, or without a signing key file.
 */
export async function startup(): Promise<void> {
  const env = getEnv();
  const db = getDb();
  migrateDatabase(db);
  // Learners with no clinic (signed up before Stipple Academy, or caught by a crash) join it.
  backfillAcademy(db);
  const catalogue = getCatalogue();
  if (env.deployment === "production") {
    if (!env.APP_URL) {
      // Emailed links (password resets, invitations, certificate checks) would otherwise point
      // at http://localhost:PORT, which works for nobody.
      throw new Error("Refusing to start: set APP_URL to the public address people use, e.g. APP_URL=https://stipple.example");
    }
    if (hasDemoData(db)) {
      throw new Error(
        "Refusing to start: this database holds demo accounts (password published in the README). " +
          "Use a fresh STIPPLE_DATA_DIR for production, or delete the demo users.",
      );
    }
    await loadSigningKeyInto(env, db);
    return;
  }
  await loadSigningKeyInto(env, db);
  if (env.demoMode) await seedDemo(db, catalogue.courses);
}

async function loadSigningKeyInto(env: ReturnType<typeof getEnv>, db: ReturnType<typeof getDb>): Promise<void> {
  const signer = await loadSigningKey({ keyFile: env.STIPPLE_SIGNING_KEY_FILE, dataDir: env.STIPPLE_DATA_DIR, production: env.deployment === "production" });
  registerSigningKey(db, signer);
  setSigner(signer);
}
