import path from "node:path";
import { z } from "zod";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    STIPPLE_DATA_DIR: z.string().min(1).default("./data"),
    /**
     * What this server is for. `npm start` runs React's optimised build (NODE_ENV=production)
     * for both, so the deployment decides seeding, /dev/outbox and Secure cookies, not NODE_ENV.
     * Set by server/start.js from the NODE_ENV the operator gave.
     */
    STIPPLE_DEPLOYMENT: z.enum(["demo", "production"]).optional(),
    /** Public origin used in emailed links and the Origin check, e.g. https://stipple.example */
    APP_URL: z.string().url().optional(),
    /** smtp://user:pass@host:port — when unset, email stays in the outbox table. */
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().default("Stipple <no-reply@stipple.local>"),
    STIPPLE_CONTENT_DIR: z.string().min(1).default("./content"),
    /** Logbook photos of real clients are deleted this many months after the case was countersigned. */
    STIPPLE_CASE_PHOTO_RETENTION_MONTHS: z.coerce.number().int().min(1).max(1200).default(24),
    /** When set, the server's primary writes a snapshot here on a schedule (see app/modules/backup). */
    STIPPLE_BACKUP_DIR: z.string().min(1).optional(),
    STIPPLE_BACKUP_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(60),
    /** Snapshots kept in STIPPLE_BACKUP_DIR; the oldest beyond this are removed. */
    STIPPLE_BACKUP_KEEP: z.coerce.number().int().min(1).default(24),
    /** Ed25519 private key (PKCS#8 PEM) that signs Open Badges credentials; required in production (026). */
    STIPPLE_SIGNING_KEY_FILE: z.string().min(1).optional(),
  })
  .transform((env) => ({
    ...env,
    STIPPLE_DATA_DIR: path.resolve(env.STIPPLE_DATA_DIR),
    STIPPLE_CONTENT_DIR: path.resolve(env.STIPPLE_CONTENT_DIR),
    STIPPLE_BACKUP_DIR: env.STIPPLE_BACKUP_DIR === undefined ? undefined : path.resolve(env.STIPPLE_BACKUP_DIR),
    STIPPLE_SIGNING_KEY_FILE: env.STIPPLE_SIGNING_KEY_FILE === undefined ? undefined : path.resolve(env.STIPPLE_SIGNING_KEY_FILE),
    deployment: env.STIPPLE_DEPLOYMENT ?? (env.NODE_ENV === "production" ? "production" : "demo"),
    /** Demo mode seeds the demo accounts and shows /dev/outbox; never in a production deployment. */
    demoMode: (env.STIPPLE_DEPLOYMENT ?? (env.NODE_ENV === "production" ? "production" : "demo")) === "demo",
    appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`,
  }));

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The environment, parsed once; a bad value stops start-up with the variable and the reason. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between files; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
