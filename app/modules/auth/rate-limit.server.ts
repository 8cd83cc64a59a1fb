import { eq, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/db/client.server";
import { rateLimits } from "~/db/schema";

export type Limit = { max: number; windowMs: number };

const MIN = 60_000;
/** The limits in one place, so the decision record and the code cannot drift apart. */
export const LIMITS = {
  /** Failed logins for one account from one address: stops guessing without locking the owner out elsewhere. */
  loginAccountIp: { max: 5, windowMs: 15 * MIN },
  /** Failed logins for one account from anywhere: a slow ceiling against distributed guessing. */
  loginAccount: { max: 50, windowMs: 60 * MIN },
  /**
   * Failed logins from one address, whatever the account (password spraying). Successful ones
   * do not count: 15–30 trainees behind one clinic address sign in together on a training day.
   */
  loginIp: { max: 60, windowMs: 15 * MIN },
  /** Self-service signups from one address (invitation links do not count: the clinic vouched for them). */
  signupIp: { max: 10, windowMs: 60 * MIN },
  /** Signup emails to one address (a confirmation link or an "you already have an account" note): protects the inbox, answered like success. */
  signupEmail: { max: 3, windowMs: 60 * MIN },
  resetIp: { max: 10, windowMs: 60 * MIN },
  /** Reset emails to one address: protects the inbox, answered the same as success. */
  resetAccount: { max: 3, windowMs: 60 * MIN },
  /** Public certificate checks from one address: plenty for people, too few to walk the code space. */
  verifyIp: { max: 30, windowMs: 10 * MIN },
} satisfies Record<string, Limit>;

export type LimitState = { allowed: boolean; retryAfterSeconds: number };

/** Reads a fixed-window counter without counting. */
export function peekLimit(db: Db, key: string, limit: Limit, now = Date.now()): LimitState {
  const row = db.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
  if (!row || now - row.windowStart >= limit.windowMs) return { allowed: true, retryAfterSeconds: 0 };
  const allowed = row.count < limit.max;
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((row.windowStart + limit.windowMs - now) / 1000) };
}

/**
 * Counts one event against a key and says whether it is still within the limit. One upsert
 * resets an expired window and counts in a single write, so it is cheap enough for every POST
 * (the perimeter's ceiling) and every worker shares one count.
 */
export function hitLimit(db: Db, key: string, limit: Limit, now = Date.now()): LimitState {
  // SQLite evaluates every SET expression against the old row, so both see the old window.
  const expired = sql`excluded.window_start - ${rateLimits.windowStart} >= ${limit.windowMs}`;
  const row = db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then excluded.window_start else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .get();
  const allowed = row.count <= limit.max;
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((row.windowStart + limit.windowMs - now) / 1000)) };
}

export function clearLimit(db: DbOrTx, key: string): void {
  db.delete(rateLimits).where(eq(rateLimits.key, key)).run();
}

export function pruneLimits(db: Db, olderThanMs: number, now = Date.now()): void {
  db.delete(rateLimits)
    .where(lt(rateLimits.windowStart, now - olderThanMs))
    .run();
}

/**
 * The part of a client address that limits count against: an IPv4 address as it is, an IPv6
 * address by its /64 network (one subscriber usually holds a whole /64, so rotating within it
 * would otherwise reset the count). IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function limitAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(":")}::/64`;
}
