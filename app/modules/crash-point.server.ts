import { getEnv, type Env } from "~/env.server";

/**
 * The moments a test can kill the process at (tests/integration/trust/crash-safety.test.ts):
 * each sits where a crash would do the most harm if the write were not atomic.
 */
export const CRASH_POINTS = [
  /** Inside the grading transaction, every row written, before COMMIT. */
  "grade-submission",
  /** Inside the submit transaction, the attempt graded and closed, before COMMIT. */
  "submit-attempt",
  /** Inside the countersign transaction, after the certificate it completes, before COMMIT. */
  "countersign-case",
  /** Both files of a staged photo stored, its row not yet inserted. */
  "stage-photo",
  /** A photo's bytes written, its content type (and thumbnail) not yet. */
  "storage-put",
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** Crash points work only outside a production deployment (demo and test); a production server ignores them. */
export function crashPointsEnabled(env: Pick<Env, "deployment"> = getEnv()): boolean {
  return env.deployment !== "production";
}

/**
 * Fault injection for crash tests: kills this process with SIGKILL — no cleanup, no finally
 * blocks, no COMMIT — when STIPPLE_CRASH_AT names this point. Inert unless the variable is set,
 * and always inert in a production deployment.
 */
export function crashPoint(name: CrashPoint): void {
  if (process.env.STIPPLE_CRASH_AT !== name || !crashPointsEnabled()) return;
  process.kill(process.pid, "SIGKILL");
}
