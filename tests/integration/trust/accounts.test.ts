// Holes 4 and 10: an older reset link still worked after a reset; and the limits that stop
// guessing also locked out a classroom behind one clinic address, and let an IPv6 client
// rotate addresses within its /64 to reset the count.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { emailOutbox, passwordResetTokens, users } from "~/db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { LIMITS } from "~/modules/auth/rate-limit.server";
import { invite } from "~/modules/clinics/invitations.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as inviteAction } from "~/routes/invite.$token";
import { action as loginAction } from "~/routes/login";
import { action as resetAction } from "~/routes/reset-password.$token";
import { action as signupAction } from "~/routes/signup";
import { contextFor, createTestDb } from "../../helpers/db";
import { call, postForm } from "../../helpers/http";
import { clinic, person } from "../../helpers/world";

const PASSWORD = "copper lantern meadow";
let db: Db;
let passwordHash: string;

beforeEach(async () => {
  db = createTestDb();
  passwordHash ??= await hashPassword(PASSWORD);
});

/** An account whose password is PASSWORD. */
const account = (email: string, role: "learner" | "clinic_admin" = "learner") => person(db, email, role, { passwordHash });
const login = (email: string, password: string, ip: string) =>
  call(loginAction, { request: postForm("/login", { email, password }), params: {}, context: contextFor(db, ip) });
const requestReset = (email: string, ip = "203.0.113.7") =>
  call(forgotAction, { request: postForm("/forgot-password", { email }), params: {}, context: contextFor(db, ip) });
const reset = (token: string, password: string) =>
  call(resetAction, { request: postForm(`/reset-password/${token}`, { password, confirm: password }), params: { token }, context: contextFor(db) });
const tokensInOutbox = () =>
  db
    .select()
    .from(emailOutbox)
    .all()
    .map((m) => /\/reset-password\/([a-z2-7]{32})/.exec(m.text)![1]!);

describe("password-reset links", () => {
  it("using one voids every other unused link for the account", async () => {
    const { user } = account("mina@clinic.example");
    await requestReset(user.email);
    await requestReset(user.email);
    const [older, newer] = tokensInOutbox();
    expect(older && newer && older !== newer).toBe(true);
    expect((await reset(newer!, "a brand new passphrase")).status).toBe(302);
    const afterFirst = db.select().from(users).where(eq(users.id, user.id)).get()!.passwordHash;
    const stale = await reset(older!, "an attacker's passphrase");
    expect(stale.status).toBe(400);
    expect(db.select().from(users).where(eq(users.id, user.id)).get()!.passwordHash).toBe(afterFirst);
    expect(
      db
        .select()
        .from(passwordResetTokens)
        .all()
        .every((t) => t.usedAt !== null),
    ).toBe(true);
  });
});

describe("signup does not tell strangers who has an account", () => {
  const signup = (email: string, ip = "203.0.113.9") =>
    call(signupAction, {
      request: postForm("/signup", { name: "Someone", email, password: "a long enough passphrase" }),
      params: {},
      context: contextFor(db, ip),
    });
  const comparable = (r: Awaited<ReturnType<typeof signup>>) => ({
    status: r.status,
    location: r.headers.get("Location"),
    cookie: r.headers.get("Set-Cookie"),
    body: r.body,
  });

  it("answers a known and an unknown address identically, and mails the owner instead", async () => {
    const owner = account("mina@clinic.example").user;
    const known = await signup("MINA@clinic.example");
    const unknown = await signup("new.person@clinic.example");
    expect(comparable(known)).toEqual(comparable(unknown));
    expect(comparable(known)).toMatchObject({ status: 302, location: "/signup/check-email", cookie: null });
    const mails = db.select().from(emailOutbox).all();
    expect(mails.map((m) => [m.to, m.kind])).toEqual([
      [owner.email, "signup-existing-account"],
      ["new.person@clinic.example", "signup-confirm"],
    ]);
    expect(mails[0]!.text).toMatch(/You already have one/);
    expect(mails[0]!.text).not.toMatch(/\/signup\/confirm\//);
    // The owner's account is untouched and no second one exists.
    expect(db.select().from(users).all()).toHaveLength(1);
    expect(db.select().from(users).get()!.passwordHash).toBe(owner.passwordHash);
  });

  it("limits mail to one address, answering the same when the limit is reached", async () => {
    account("mina@clinic.example");
    const answers = [];
    for (let i = 0; i < LIMITS.signupEmail.max + 2; i++) answers.push((await signup("mina@clinic.example", `198.51.100.${i + 1}`)).headers.get("Location"));
    expect(new Set(answers)).toEqual(new Set(["/signup/check-email"]));
    expect(db.select().from(emailOutbox).all()).toHaveLength(LIMITS.signupEmail.max);
  });
});

describe("a training day behind one clinic address", () => {
  const CLINIC_IP = "198.51.100.77";

  it("lets far more trainees sign in than the failed-login ceiling, because successes do not count", async () => {
    const trainees = Array.from({ length: LIMITS.loginIp.max + 10 }, (_, i) => account(`trainee${i}@clinic.example`));
    for (const { user } of trainees) expect((await login(user.email, PASSWORD, CLINIC_IP)).status, user.email).toBe(302);
  });

  it("still locks out guessing from that address, and one account after five failures", async () => {
    account("mina@clinic.example");
    for (let i = 0; i < 5; i++) expect((await login("mina@clinic.example", `wrong ${i}`, CLINIC_IP)).status).toBe(400);
    expect((await login("mina@clinic.example", PASSWORD, CLINIC_IP)).status).toBe(429);
    for (let i = 0; i < LIMITS.loginIp.max; i++) await login(`nobody${i}@clinic.example`, "guess", "198.51.100.78");
    const blocked = await login("mina@clinic.example", PASSWORD, "198.51.100.78");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toMatch(/^\d+$/);
  });

  it("does not count invitation sign-ups against the signup limit", async () => {
    const admin = account("carl@alpha.example", "clinic_admin");
    const alpha = clinic(db, "Alpha", { admins: [admin] });
    for (let i = 0; i < LIMITS.signupIp.max + 5; i++) {
      invite(db, admin.actor(), alpha.id, { email: `tech${i}@alpha.example`, role: "technician" });
      const mail = [...db.select().from(emailOutbox).all()].pop()!;
      const token = /\/invite\/([a-z2-7]{32})/.exec(mail.text)![1]!;
      const accepted = await call(inviteAction, {
        request: postForm(`/invite/${token}`, { name: `Tech ${i}`, password: "a long enough passphrase" }),
        params: { token },
        context: contextFor(db, CLINIC_IP),
      });
      expect(accepted.status, `invitation ${i}`).toBe(302);
    }
  });
});

describe("IPv6 clients", () => {
  it("count failed logins by their /64, so rotating the interface id does not reset the count", async () => {
    account("mina@clinic.example");
    for (let i = 0; i < 5; i++) expect((await login("mina@clinic.example", `wrong ${i}`, `2001:db8:1:2::${(i + 1).toString(16)}`)).status).toBe(400);
    expect((await login("mina@clinic.example", PASSWORD, "2001:db8:1:2:ffff::99")).status).toBe(429);
    // Another /64 is another address.
    expect((await login("mina@clinic.example", PASSWORD, "2001:db8:1:3::1")).status).toBe(302);
  });

  it("count reset requests by their /64", async () => {
    for (let i = 0; i < LIMITS.resetIp.max; i++) expect((await requestReset(`x${i}@clinic.example`, `2001:db8:9:9::${i + 1}`)).status).toBe(200);
    expect((await requestReset("y@clinic.example", "2001:db8:9:9:abcd::1")).status).toBe(429);
  });
});
