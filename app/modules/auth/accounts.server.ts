import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { passwordResetTokens, signupRequests, users, type Role, type User } from "~/db/schema";
import { getEnv } from "~/env.server";
import { joinAcademy } from "~/modules/clinics/academy.server";
import { Invalid, TooManyRequests } from "~/modules/errors";
import { queueEmail } from "~/modules/notifications/outbox.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { passwordProblem } from "./password-policy.server";
import { clearLimit, hitLimit, limitAddress, LIMITS, peekLimit } from "./rate-limit.server";
import { createSession, invalidateUserSessions } from "./session.server";
import { generateToken, hashToken, isWellFormedToken } from "./token";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
const WRONG_CREDENTIALS = "That email and password do not match an account";

function tooMany(retryAfterSeconds: number): TooManyRequests {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new TooManyRequests(`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, retryAfterSeconds);
}

export function findUserByEmail(db: Db, email: string): User | undefined {
  return db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .get();
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && String((error as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT");
}

/**
 * Creates an account (role learner unless told) and signs it in — for a confirmed signup, the
 * command line and tests. Throws Invalid (with the field) for a taken email or weak password.
 */
export async function createAccount(
  db: Db,
  input: { name: string; email: string; password?: string; passwordHash?: string },
  /** `academy`: a learner who signs up alone joins Stipple Academy in the same transaction. */
  options: { role?: Role; isDemo?: boolean; now?: number; academy?: boolean } = {},
): Promise<{ user: User; token: string }> {
  const now = options.now ?? Date.now();
  if (input.passwordHash === undefined) {
    const problem = passwordProblem(input.password ?? "", input);
    if (problem) throw new Invalid(problem, "password");
  }
  if (findUserByEmail(db, input.email)) throw new Invalid(TAKEN, "email");
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password!));
  try {
    return db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          name: input.name,
          email: input.email.toLowerCase(),
          passwordHash,
          role: options.role ?? "learner",
          isDemo: options.isDemo ?? false,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      if (options.academy) joinAcademy(tx, user.id, now);
      const { token } = createSession(tx, user.id, now);
      return { user, token };
    });
  } catch (error) {
    // Two signups racing for one email: the unique index decides.
    if (isUniqueViolation(error)) throw new Invalid(TAKEN, "email");
    throw error;
  }
}

const TAKEN = "An account with this email already exists. Sign in, or reset your password.";
export const SIGNUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The public signup: checks the name and password, then emails the address — a link that
 * finishes creating the account, or, when the address already has one, a note to its owner
 * saying so. Answers the same either way, after the same work (the password is hashed in both
 * cases), so the page never tells a stranger who has an account. Throws Invalid for a weak
 * password and TooManyRequests past the per-address limit; a mail-bombed inbox is protected by
 * a per-email limit answered like success.
 */
export async function requestSignup(db: Db, input: { name: string; email: string; password: string }, ip: string, now = Date.now()): Promise<void> {
  const limit = hitLimit(db, `signup:ip:${limitAddress(ip)}`, LIMITS.signupIp, now);
  if (!limit.allowed) throw tooMany(limit.retryAfterSeconds);
  const problem = passwordProblem(input.password, input);
  if (problem) throw new Invalid(problem, "password");
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  if (!hitLimit(db, `signup:email:${email}`, LIMITS.signupEmail, now).allowed) return;
  const { appUrl } = getEnv();
  const owner = findUserByEmail(db, email);
  if (owner) {
    queueEmail(db, {
      to: owner.email,
      kind: "signup-existing-account",
      subject: "You already have a Stipple account",
      text: [
        `Hello ${owner.name},`,
        "",
        "Someone, perhaps you, asked to create a Stipple account with this email address. You already have one, so nothing was created.",
        "",
        `To sign in: ${appUrl}/login`,
        `If you have forgotten your password: ${appUrl}/forgot-password`,
        "",
        "If it was not you, you can ignore this email: your account is unchanged.",
      ].join("\n"),
    });
    return;
  }
  const token = generateToken();
  db.transaction((tx) => {
    tx.insert(signupRequests)
      .values({ id: hashToken(token), email, name: input.name, passwordHash, createdAt: now, expiresAt: now + SIGNUP_TOKEN_TTL_MS })
      .run();
    queueEmail(tx, {
      to: email,
      kind: "signup-confirm",
      subject: "Confirm your email to finish creating your Stipple account",
      text: [
        `Hello ${input.name},`,
        "",
        "Open this link within 24 hours to confirm your email address and finish creating your Stipple account:",
        "",
        `${appUrl}/signup/confirm/${token}`,
        "",
        "If you did not ask for an account, ignore this email: nothing is created until the link is used.",
      ].join("\n"),
    });
  });
}

/** The pending signup a link belongs to, if it is well formed and unexpired. */
export function findSignupRequest(db: Db, token: string, now = Date.now()) {
  if (!isWellFormedToken(token)) return undefined;
  return db
    .select()
    .from(signupRequests)
    .where(and(eq(signupRequests.id, hashToken(token)), gt(signupRequests.expiresAt, now)))
    .get();
}

/**
 * Uses a signup link: creates the account with the name and password given at signup and signs
 * it in. Every pending signup for that address goes. Invalid("token") for an unknown, expired or
 * used link, or when the address got an account meanwhile.
 */
export async function confirmSignup(db: Db, token: string, now = Date.now()): Promise<{ user: User; token: string }> {
  const request = findSignupRequest(db, token, now);
  if (!request) throw new Invalid("This link has expired or was already used. Sign up again to get a new one.", "token");
  const done = () => db.delete(signupRequests).where(eq(signupRequests.email, request.email)).run();
  try {
    const created = await createAccount(db, { name: request.name, email: request.email, passwordHash: request.passwordHash }, { now, academy: true });
    done();
    return created;
  } catch (error) {
    if (error instanceof Invalid && error.field === "email") {
      done();
      throw new Invalid("This email address already has an account. Sign in, or reset your password.", "token");
    }
    throw error;
  }
}

/**
 * Checks a password and opens a session. Unknown email and wrong password get the same
 * message after the same work. Throws Invalid or TooManyRequests.
 *
 * Only failures count: a classroom of trainees signing in from one clinic address must not
 * lock each other out, while guessing still meets the per-account, per-account-and-address and
 * per-address ceilings. Addresses count by their /64 when IPv6 (`limitAddress`).
 */
export async function logIn(db: Db, input: { email: string; password: string }, ip: string, now = Date.now()): Promise<{ user: User; token: string }> {
  const email = input.email.toLowerCase();
  const address = limitAddress(ip);
  const ipKey = `login:ip:${address}`;
  const pairKey = `login:acct-ip:${email}:${address}`;
  const accountKey = `login:acct:${email}`;
  const checks = [
    [ipKey, LIMITS.loginIp],
    [pairKey, LIMITS.loginAccountIp],
    [accountKey, LIMITS.loginAccount],
  ] as const;
  for (const [key, limit] of checks) {
    const state = peekLimit(db, key, limit, now);
    if (!state.allowed) throw tooMany(state.retryAfterSeconds);
  }
  const user = findUserByEmail(db, email);
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    for (const [key, limit] of checks) hitLimit(db, key, limit, now);
    throw new Invalid(WRONG_CREDENTIALS, "password");
  }
  clearLimit(db, pairKey);
  const { token } = createSession(db, user.id, now);
  return { user, token };
}

/**
 * Emails a single-use reset link if the address has an account. Answers the same either way;
 * throws TooManyRequests only for the per-address (IP) limit, which reveals nothing about accounts.
 */
export function requestPasswordReset(db: Db, email: string, ip: string, now = Date.now()): void {
  const ipLimit = hitLimit(db, `reset:ip:${limitAddress(ip)}`, LIMITS.resetIp, now);
  if (!ipLimit.allowed) throw tooMany(ipLimit.retryAfterSeconds);
  const token = generateToken();
  const user = findUserByEmail(db, email);
  if (!user) return;
  if (!hitLimit(db, `reset:acct:${user.id}`, LIMITS.resetAccount, now).allowed) return;
  const link = `${getEnv().appUrl}/reset-password/${token}`;
  db.transaction((tx) => {
    tx.insert(passwordResetTokens)
      .values({ id: hashToken(token), userId: user.id, createdAt: now, expiresAt: now + RESET_TOKEN_TTL_MS })
      .run();
    queueEmail(tx, {
      to: user.email,
      kind: "password-reset",
      subject: "Reset your Stipple password",
      text: [
        `Hello ${user.name},`,
        "",
        "Someone asked to reset the password of your Stipple account. If it was you, open this link within 30 minutes:",
        "",
        link,
        "",
        "The link works once. If you did not ask, ignore this email: your password stays as it is.",
      ].join("\n"),
    });
  });
}

/** The user a reset token belongs to, if it is well formed, unused and unexpired. */
export function findValidResetToken(db: Db, token: string, now = Date.now()) {
  if (!isWellFormedToken(token)) return undefined;
  return db
    .select()
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.id, hashToken(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .get();
}

/**
 * Sets a new password from a reset link, uses the token up, ends every session of the user and
 * opens a fresh one. Throws Invalid("token") for a used/expired/unknown link or Invalid("password").
 */
export async function resetPassword(db: Db, token: string, password: string, now = Date.now()): Promise<{ token: string; userId: string }> {
  const row = findValidResetToken(db, token, now);
  if (!row) throw new Invalid("This reset link has expired or was already used. Ask for a new one.", "token");
  const user = db.select().from(users).where(eq(users.id, row.userId)).get();
  if (!user) throw new Invalid("This reset link has expired or was already used. Ask for a new one.", "token");
  const problem = passwordProblem(password, user);
  if (problem) throw new Invalid(problem, "password");
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => {
    // Re-check inside the transaction: two tabs submitting the same link must not both win.
    const claimed = tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
      .run();
    if (claimed.changes !== 1) throw new Invalid("This reset link has expired or was already used. Ask for a new one.", "token");
    // Every other unused link for this account dies with this one: an older email left in an
    // inbox must not reset the password again.
    tx.update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)))
      .run();
    tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, user.id)).run();
    invalidateUserSessions(tx, user.id);
    clearLimit(tx, `login:acct:${user.email.toLowerCase()}`);
    const session = createSession(tx, user.id, now);
    return { token: session.token, userId: user.id };
  });
}

/** Creates a platform admin from the command line (used by `npm run create-admin`). */
export async function createAdmin(db: Db, input: { name: string; email: string; password: string }): Promise<User> {
  const problem = passwordProblem(input.password, input);
  if (problem) throw new Invalid(problem, "password");
  if (findUserByEmail(db, input.email)) throw new Invalid(TAKEN, "email");
  const passwordHash = await hashPassword(input.password);
  return db.insert(users).values({ name: input.name, email: input.email.toLowerCase(), passwordHash, role: "admin" }).returning().get();
}
