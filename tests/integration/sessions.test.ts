import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { sessions, users } from "~/db/schema";
import { createSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from "~/modules/auth/session.server";
import { createTestDb } from "../helpers/db";

const DAY = 86_400_000;
let db: Db;
let userId: string;

beforeEach(() => {
  db = createTestDb();
  userId = db.insert(users).values({ email: "s@clinic.example", name: "S", passwordHash: "x" }).returning().get().id;
});

describe("session lifetime", () => {
  it("accepts a fresh session and refuses it once idle past the timeout, deleting the row", () => {
    const t0 = 1_800_000_000_000;
    const { token } = createSession(db, userId, t0);
    expect(validateSessionToken(db, token, t0 + 1000)?.user.id).toBe(userId);
    expect(validateSessionToken(db, token, t0 + SESSION_IDLE_MS + 1)).toBeNull();
    expect(db.select().from(sessions).all()).toHaveLength(0);
  });

  it("slides the idle expiry forward when used, but never past the absolute lifetime", () => {
    const t0 = 1_800_000_000_000;
    const { token, session } = createSession(db, userId, t0);
    // Use it every 5 days: each use renews, so it outlives the 7-day idle timeout...
    let now = t0;
    for (let i = 0; i < 5; i++) {
      now += 5 * DAY;
      expect(validateSessionToken(db, token, now), `day ${(now - t0) / DAY}`).not.toBeNull();
    }
    const row = db.select().from(sessions).where(eq(sessions.id, session.id)).get()!;
    expect(row.expiresAt).toBeGreaterThan(t0 + SESSION_IDLE_MS);
    // ...but not past 30 days from sign-in, however busy.
    expect(validateSessionToken(db, token, t0 + SESSION_ABSOLUTE_MS - 1)).not.toBeNull();
    expect(validateSessionToken(db, token, t0 + SESSION_ABSOLUTE_MS)).toBeNull();
  });

  it("does not write on every request: renewal happens at most once a day", () => {
    const t0 = 1_800_000_000_000;
    const { token, session } = createSession(db, userId, t0);
    validateSessionToken(db, token, t0 + 60_000);
    expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()!.expiresAt).toBe(t0 + SESSION_IDLE_MS);
    validateSessionToken(db, token, t0 + DAY + 1);
    expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()!.expiresAt).toBe(t0 + DAY + 1 + SESSION_IDLE_MS);
  });

  it("ends when the user is deleted", () => {
    const { token } = createSession(db, userId);
    db.delete(users).where(eq(users.id, userId)).run();
    expect(validateSessionToken(db, token)).toBeNull();
  });
});
