import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { emailOutbox, passwordResetTokens, rateLimits, sessions, signupRequests, users } from "~/db/schema";
import { LIMITS } from "~/modules/auth/rate-limit.server";
import { hashToken } from "~/modules/auth/token";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { loader as rootLoader } from "~/root";
import { action as signupAction } from "~/routes/signup";
import { action as confirmAction, loader as confirmLoader } from "~/routes/signup_.confirm.$token";
import { contextFor, createTestDb } from "../helpers/db";
import { call, cookieFrom, get, postForm } from "../helpers/http";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const PASSWORD = "copper lantern meadow";

async function signup(fields: Partial<Record<string, string>> = {}, ip?: string) {
  return call(signupAction, {
    request: postForm("/signup", { name: "Mina Patel", email: "mina@clinic.example", password: PASSWORD, ...fields } as Record<string, string>),
    params: {},
    context: contextFor(db, ip),
  });
}

async function login(email: string, password: string, ip?: string) {
  return call(loginAction, { request: postForm("/login", { email, password }), params: {}, context: contextFor(db, ip) });
}

async function whoAmI(cookie: string) {
  const result = await call(rootLoader, { request: get("/", cookie), params: {}, context: contextFor(db) });
  return (result.body as { user: { name: string } | null }).user;
}

const fieldErrors = (body: unknown) => (body as { error?: Record<string, string[]> }).error ?? {};

/** The confirmation link emailed to an address, used as the person would: open it, press the button. */
async function confirmFromOutbox(email = "mina@clinic.example") {
  const mail = [...db.select().from(emailOutbox).all()].reverse().find((m) => m.to === email && m.kind === "signup-confirm");
  const token = /\/signup\/confirm\/([a-z2-7]{32})/.exec(mail?.text ?? "")?.[1] ?? "";
  const page = await call(confirmLoader, { request: get(`/signup/confirm/${token}`), params: { token }, context: contextFor(db) });
  const done = await call(confirmAction, { request: postForm(`/signup/confirm/${token}`, {}), params: { token }, context: contextFor(db) });
  return { token, page, done };
}

async function signupAndConfirm(fields: Partial<Record<string, string>> = {}) {
  await signup(fields);
  return (await confirmFromOutbox(fields.email?.toLowerCase())).done;
}

describe("signup", () => {
  it("emails a link, and only the link creates the account with an argon2id hash and signs in, storing only hashes", async () => {
    const result = await signup({ email: "Mina@Clinic.example" });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/signup/check-email");
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(db.select().from(users).all()).toHaveLength(0);

    const { token, page, done } = await confirmFromOutbox();
    expect(
      db
        .select()
        .from(signupRequests)
        .all()
        .map((r) => r.id),
    ).not.toContain(token);
    expect(page.body).toMatchObject({ valid: true, name: "Mina Patel", email: "mina@clinic.example" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/courses?welcome=1");
    const setCookie = done.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const user = db.select().from(users).get()!;
    expect(user).toMatchObject({ email: "mina@clinic.example", name: "Mina Patel", role: "learner" });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const sessionToken = cookieFrom(done).split("=")[1]!;
    const stored = db.select().from(sessions).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(hashToken(sessionToken));
    expect(await whoAmI(cookieFrom(done))).toMatchObject({ name: "Mina Patel" });
    // The link works once.
    expect(db.select().from(signupRequests).all()).toHaveLength(0);
    expect((await call(confirmAction, { request: postForm(`/signup/confirm/${token}`, {}), params: { token }, context: contextFor(db) })).status).toBe(400);
    expect(db.select().from(users).all()).toHaveLength(1);
  });

  it("refuses an expired or made-up link, creating nothing", async () => {
    await signup();
    db.update(signupRequests)
      .set({ expiresAt: Date.now() - 1 })
      .run();
    const { page, done } = await confirmFromOutbox();
    expect(page.body).toEqual({ valid: false });
    expect(done.status).toBe(400);
    const madeUp = await call(confirmAction, {
      request: postForm(`/signup/confirm/${"a".repeat(32)}`, {}),
      params: { token: "a".repeat(32) },
      context: contextFor(db),
    });
    expect(madeUp.status).toBe(400);
    expect(db.select().from(users).all()).toHaveLength(0);
  });

  it("refuses short and common passwords next to the field, and writes nothing", async () => {
    const short = await signup({ password: "abc" });
    expect(short.status).toBe(400);
    expect(fieldErrors(short.body).password?.[0]).toMatch(/at least 8/);
    const common = await signup({ password: "password123", name: "Second Mina" });
    expect(common.status).toBe(400);
    expect(fieldErrors(common.body).password?.[0]).toMatch(/most common/);
    const body = common.body as { initialValue?: Record<string, string> };
    expect(body.initialValue?.name).toBe("Second Mina");
    expect(body.initialValue?.password).toBeUndefined();
    expect(db.select().from(users).all()).toHaveLength(0);
    expect(db.select().from(signupRequests).all()).toHaveLength(0);
    expect(db.select().from(emailOutbox).all()).toHaveLength(0);
  });

  it("refuses a malformed email and a missing name", async () => {
    const result = await signup({ email: "not-an-email", name: " " });
    expect(result.status).toBe(400);
    expect(Object.keys(fieldErrors(result.body)).sort()).toEqual(["email", "name"]);
  });

  it("creates nothing when the honeypot is filled", async () => {
    const result = await signup({ website: "http://spam.example" });
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(db.select().from(users).all()).toHaveLength(0);
    expect(db.select().from(emailOutbox).all()).toHaveLength(0);
  });
});

describe("login and logout", () => {
  beforeEach(async () => {
    await signupAndConfirm();
  });

  it("signs in with the right password, case-insensitively by email", async () => {
    const result = await login("MINA@clinic.example", PASSWORD);
    expect(result.status).toBe(302);
    expect(await whoAmI(cookieFrom(result))).toMatchObject({ name: "Mina Patel" });
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    const wrong = await login("mina@clinic.example", "not the password");
    const unknown = await login("nobody@clinic.example", "not the password");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(fieldErrors(wrong.body)).toEqual(fieldErrors(unknown.body));
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
  });

  it("logout deletes the session, so the old cookie no longer works", async () => {
    const cookie = cookieFrom(await login("mina@clinic.example", PASSWORD));
    expect(db.select().from(sessions).all()).toHaveLength(2);
    const out = await call(logoutAction, { request: postForm("/logout", {}, cookie), params: {}, context: contextFor(db) });
    expect(out.status).toBe(302);
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(db.select().from(sessions).all()).toHaveLength(1);
    expect(await whoAmI(cookie)).toBeNull();
  });

  it("treats a tampered cookie as signed out", async () => {
    const cookie = cookieFrom(await login("mina@clinic.example", PASSWORD));
    const [name, token] = cookie.split("=") as [string, string];
    const flipped = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    expect(await whoAmI(`${name}=${flipped}`)).toBeNull();
    expect(await whoAmI(`${name}=../../etc/passwd`)).toBeNull();
  });
});

describe("rate limits", () => {
  beforeEach(async () => {
    await signupAndConfirm();
  });

  it("answers 429 after five wrong passwords for one account from one address, while the owner elsewhere still gets in", async () => {
    for (let i = 0; i < 5; i++) expect((await login("mina@clinic.example", `wrong ${i}`, "198.51.100.1")).status).toBe(400);
    const blocked = await login("mina@clinic.example", PASSWORD, "198.51.100.1");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((blocked.body as { error: Record<string, string[]> }).error[""]?.[0]).toMatch(/Too many attempts/);
    // The real owner, from their own address, is not locked out.
    expect((await login("mina@clinic.example", PASSWORD, "192.0.2.50")).status).toBe(302);
  });

  it("answers 429 to one address trying many accounts", async () => {
    for (let i = 0; i < LIMITS.loginIp.max; i++) await login(`user${i}@clinic.example`, "whatever-password", "198.51.100.9");
    expect((await login("mina@clinic.example", PASSWORD, "198.51.100.9")).status).toBe(429);
  });

  it("limits signups per address", async () => {
    for (let i = 0; i < 10; i++) expect((await signup({ email: `p${i}@clinic.example` }, "198.51.100.20")).status).toBe(302);
    expect((await signup({ email: "p10@clinic.example" }, "198.51.100.20")).status).toBe(429);
    expect(db.select().from(signupRequests).all()).toHaveLength(10);
    expect(db.select().from(rateLimits).where(eq(rateLimits.key, "signup:ip:198.51.100.20")).get()?.count).toBe(11);
  });
});

describe("password reset", () => {
  beforeEach(async () => {
    await signupAndConfirm();
    db.delete(emailOutbox).run();
  });

  async function requestReset(email = "mina@clinic.example", ip?: string) {
    return call(forgotAction, { request: postForm("/forgot-password", { email }), params: {}, context: contextFor(db, ip) });
  }

  function linkToken(): string {
    const mail = db.select().from(emailOutbox).get()!;
    const match = /\/reset-password\/([a-z2-7]{32})/.exec(mail.text);
    return match![1]!;
  }

  async function reset(token: string, password = "a brand new passphrase") {
    return call(resetAction, { request: postForm(`/reset-password/${token}`, { password, confirm: password }), params: { token }, context: contextFor(db) });
  }

  it("emails a link for a known address and says the same for an unknown one", async () => {
    const known = await requestReset();
    const unknown = await requestReset("ghost@clinic.example");
    expect(known).toMatchObject({ status: 200, body: { sent: true } });
    expect(unknown).toMatchObject({ status: 200, body: { sent: true } });
    const mails = db.select().from(emailOutbox).all();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: "mina@clinic.example", kind: "password-reset" });
    const token = linkToken();
    expect(db.select().from(passwordResetTokens).get()!.id).toBe(hashToken(token));
  });

  it("sets the new password, ends every other session, and signs in", async () => {
    const other = cookieFrom(await login("mina@clinic.example", PASSWORD));
    await requestReset();
    const token = linkToken();
    expect((await call(resetLoader, { request: get(`/reset-password/${token}`), params: { token }, context: contextFor(db) })).body).toEqual({ valid: true });
    const result = await reset(token);
    expect(result.status).toBe(302);
    expect(await whoAmI(other)).toBeNull();
    expect(await whoAmI(cookieFrom(result))).toMatchObject({ name: "Mina Patel" });
    expect((await login("mina@clinic.example", PASSWORD)).status).toBe(400);
    expect((await login("mina@clinic.example", "a brand new passphrase")).status).toBe(302);
  });

  it("refuses a used link, an expired link and a made-up link, changing nothing", async () => {
    await requestReset();
    const token = linkToken();
    expect((await reset(token)).status).toBe(302);
    const hashAfterFirst = db.select().from(users).get()!.passwordHash;
    const reused = await reset(token, "yet another passphrase");
    expect(reused.status).toBe(400);
    expect(fieldErrors(reused.body).token?.[0]).toMatch(/expired or was already used/);
    expect(db.select().from(users).get()!.passwordHash).toBe(hashAfterFirst);

    await requestReset();
    const fresh = [...db.select().from(emailOutbox).all()].pop()!;
    const freshToken = /\/reset-password\/([a-z2-7]{32})/.exec(fresh.text)![1]!;
    db.update(passwordResetTokens)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(passwordResetTokens.id, hashToken(freshToken)))
      .run();
    expect((await reset(freshToken)).status).toBe(400);
    expect((await reset("a".repeat(32))).status).toBe(400);
    expect(db.select().from(users).get()!.passwordHash).toBe(hashAfterFirst);
  });

  it("refuses a weak new password or a mismatched confirmation, keeping the link usable", async () => {
    await requestReset();
    const token = linkToken();
    const weak = await reset(token, "12345678");
    expect(weak.status).toBe(400);
    expect(fieldErrors(weak.body).password?.[0]).toMatch(/most common/);
    const mismatch = await call(resetAction, {
      request: postForm(`/reset-password/${token}`, { password: "one good passphrase", confirm: "another" }),
      params: { token },
      context: contextFor(db),
    });
    expect(fieldErrors(mismatch.body).confirm?.[0]).toMatch(/differ/);
    expect((await reset(token)).status).toBe(302);
  });

  it("answers 429 to one address asking for many resets", async () => {
    for (let i = 0; i < 10; i++) expect((await requestReset(`x${i}@clinic.example`, "198.51.100.30")).status).toBe(200);
    expect((await requestReset("mina@clinic.example", "198.51.100.30")).status).toBe(429);
  });
});
