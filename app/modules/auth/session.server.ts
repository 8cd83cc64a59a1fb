import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "~/db/client.server";
import { preparedStatement } from "~/db/statements.server";
import { sessions, users, type Session, type User } from "~/db/schema";
import { isStorageUnavailable } from "~/db/unavailable.server";
import { generateToken, hashToken, isWellFormedToken } from "./token";

const DAY = 24 * 60 * 60 * 1000;
/** A session unused for this long ends. */
export const SESSION_IDLE_MS = 7 * DAY;
/** No session lives longer than this, however busy. */
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** Renew at most once a day so reads do not each become a write. */
const RENEW_AFTER_MS = DAY;

export type SessionUser = Pick<User, "id" | "email" | "name" | "role" | "isDemo">;
export type ValidSession = { session: Session; user: SessionUser };

const sessionWithUser = preparedStatement((db) =>
  db
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name, role: users.role, isDemo: users.isDemo },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

/** Creates a session and returns the token for the cookie (only its hash is stored). */
export function createSession(db: DbOrTx, userId: string, now = Date.now()): { token: string; session: Session } {
  const token = generateToken();
  const session: Session = {
    id: hashToken(token),
    userId,
    createdAt: now,
    expiresAt: now + SESSION_IDLE_MS,
    absoluteExpiresAt: now + SESSION_ABSOLUTE_MS,
  };
  db.insert(sessions).values(session).run();
  return { token, session };
}

/**
 * The session and user for a cookie token, or null for a malformed, unknown, idle-expired or
 * past-lifetime token (expired rows are deleted). Slides the idle expiry forward when used.
 */
export function validateSessionToken(db: DbOrTx, token: string, now = Date.now()): ValidSession | null {
  if (!isWellFormedToken(token)) return null;
  const id = hashToken(token);
  const row = sessionWithUser(db).get({ id });
  if (!row) return null;
  const { session } = row;
  if (now >= session.expiresAt || now >= session.absoluteExpiresAt) {
    unlessStorageRefuses(() => db.delete(sessions).where(eq(sessions.id, id)).run());
    return null;
  }
  if (now - (session.expiresAt - SESSION_IDLE_MS) >= RENEW_AFTER_MS) {
    const renewed = Math.min(now + SESSION_IDLE_MS, session.absoluteExpiresAt);
    if (unlessStorageRefuses(() => db.update(sessions).set({ expiresAt: renewed }).where(eq(sessions.id, id)).run())) session.expiresAt = renewed;
  }
  return row;
}

/**
 * Runs a housekeeping write of a read (sliding the expiry, deleting an expired row). While the
 * disk is full or the database read-only the write is skipped, so signed-in pages keep working.
 * Returns whether the write happened.
 */
function unlessStorageRefuses(write: () => unknown): boolean {
  try {
    write();
    return true;
  } catch (error) {
    if (isStorageUnavailable(error)) return false;
    throw error;
  }
}

export function invalidateSession(db: DbOrTx, token: string): void {
  if (!isWellFormedToken(token)) return;
  db.delete(sessions)
    .where(eq(sessions.id, hashToken(token)))
    .run();
}

/** Ends every session of a user, except optionally the one making the change. */
export function invalidateUserSessions(db: DbOrTx, userId: string, keepSessionId?: string): void {
  db.delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
    .run();
}

/** Housekeeping: removes sessions that can no longer be used. */
export function deleteExpiredSessions(db: DbOrTx, now = Date.now()): void {
  db.delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)))
    .run();
}
