import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import {
  certificates,
  memberships,
  notifications,
  quizAnswers,
  quizAttempts,
  quizItemResults,
  sessions,
  stagedPhotos,
  submissionPhotos,
  submissions,
  supervisedCasePhotos,
  supervisedCases,
  users,
} from "~/db/schema";
import { createAccount, findUserByEmail, logIn } from "~/modules/auth/accounts.server";
import { sendRenewalReminders, verifyCertificate } from "~/modules/certification/certificates.server";
import { quizStatistics } from "~/modules/quiz/statistics.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";
import { getStorage, type Storage } from "~/modules/storage/storage.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { loader as membersLoader } from "~/routes/clinic.members";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { accountWorld, course, firstModule, PASSWORD } from "../helpers/account-world";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get, postForm } from "../helpers/http";

let db: Db;
let storage: Storage;

beforeEach(() => {
  db = createTestDb();
  storage = getStorage();
});

/** Every row of every table, as text: what a person's data must be absent from after deletion. */
function everyRow(): Map<string, string[]> {
  const tables = db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`);
  return new Map(tables.map(({ name }) => [name, db.all<Record<string, unknown>>(sql.raw(`select * from "${name}"`)).map((row) => JSON.stringify(row))]));
}

function rowCounts(): Record<string, number> {
  return Object.fromEntries([...everyRow()].map(([table, rows]) => [table, rows.length]));
}

function storedKeys(userId: string): string[] {
  const staged = db.select().from(stagedPhotos).where(eq(stagedPhotos.userId, userId)).all();
  const subs = db
    .select({ p: submissionPhotos })
    .from(submissionPhotos)
    .innerJoin(submissions, eq(submissions.id, submissionPhotos.submissionId))
    .where(eq(submissions.learnerId, userId))
    .all();
  const cases = db
    .select({ p: supervisedCasePhotos })
    .from(supervisedCasePhotos)
    .innerJoin(supervisedCases, eq(supervisedCases.id, supervisedCasePhotos.caseId))
    .where(eq(supervisedCases.learnerId, userId))
    .all();
  return [...staged, ...subs.map((r) => r.p), ...cases.map((r) => r.p)].flatMap((p) => [p.storageKey, p.thumbKey]);
}

const deleteForm = (fields: Record<string, string>, cookie: string) =>
  call(accountAction, { request: postForm("/account", fields, cookie), params: {}, context: contextFor(db) });

describe("deleting one's account", () => {
  it("refuses a wrong password or a missing confirmation next to the field, and changes nothing", async () => {
    const w = await accountWorld(db, storage);
    const before = rowCounts();
    const wrong = await deleteForm({ password: "not my password", confirm: "DELETE" }, w.learner.cookie);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { password: ["That is not your password. Nothing was deleted."] } });
    expect(JSON.stringify(wrong.body)).not.toContain("not my password");
    const unconfirmed = await deleteForm({ password: PASSWORD, confirm: "delete" }, w.learner.cookie);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toMatchObject({ error: { confirm: [expect.stringMatching(/Type DELETE/)] } });
    // Only the wrong-password counter was written.
    expect(rowCounts()).toEqual({ ...before, rate_limits: before.rate_limits! + 1 });
    expect(db.select().from(users).where(eq(users.id, w.learner.user.id)).get()).toMatchObject({ name: "Zelda Quixote", deletedAt: null });
    for (const key of storedKeys(w.learner.user.id)) expect(await storage.get(key)).not.toBeNull();
  });

  it("erases the person from every table and the photo store, ends their sessions, and keeps what others need without them", async () => {
    const w = await accountWorld(db, storage);
    const id = w.learner.user.id;
    const quiz = moduleQuiz(course(), firstModule().slug);
    const statsBefore = quizStatistics(db, quiz);
    expect(statsBefore.attempts).toBe(2);
    const keys = storedKeys(id);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    const peerKeys = storedKeys(w.peer.user.id);
    createSecondSession(id);
    expect(db.select().from(sessions).where(eq(sessions.userId, id)).all()).toHaveLength(2);
    // The instructor was told about her work, by name.
    expect(
      db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, w.instructor.user.id))
        .all()
        .some((n) => n.body.includes("Zelda Quixote")),
    ).toBe(true);

    const done = await deleteForm({ password: PASSWORD, confirm: "DELETE" }, w.learner.cookie);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/account/deleted");
    expect(done.headers.get("Set-Cookie")).toMatch(/^stipple_session=;.*Max-Age=0/);

    // Nothing anywhere still says who she was or what she wrote.
    for (const [table, rows] of everyRow()) {
      for (const needle of [
        "Zelda",
        "Quixote",
        "zelda.quixote",
        "Grid note zelda",
        "Case notes zelda",
        "Feedback zelda",
        "Pin comment zelda",
        "Internal note zelda",
      ]) {
        expect(
          rows.filter((r) => r.includes(needle)),
          `${table} still holds "${needle}"`,
        ).toEqual([]);
      }
    }
    // Her records are gone; the tombstone keeps only the id others' rows point at.
    expect(db.select().from(users).where(eq(users.id, id)).get()).toMatchObject({ name: "Deleted account", deletedAt: expect.any(Number), role: "learner" });
    expect(db.select().from(sessions).where(eq(sessions.userId, id)).all()).toEqual([]);
    for (const table of [stagedPhotos, notifications] as const) expect(db.select().from(table).where(eq(table.userId, id)).all()).toEqual([]);
    expect(db.select().from(submissions).where(eq(submissions.learnerId, id)).all()).toEqual([]);
    expect(db.select().from(supervisedCases).where(eq(supervisedCases.learnerId, id)).all()).toEqual([]);
    for (const key of keys) expect(await storage.get(key), key).toBeNull();
    for (const key of peerKeys) expect(await storage.get(key), key).not.toBeNull();

    // Signed out everywhere; the address is free and the old password opens nothing.
    const page = await call(accountLoader, { request: get("/account", w.learner.cookie), params: {}, context: contextFor(db) });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/login/);
    expect(findUserByEmail(db, "zelda.quixote@a.example")).toBeUndefined();
    await expect(logIn(db, { email: "zelda.quixote@a.example", password: PASSWORD }, "203.0.113.50")).rejects.toThrow(/do not match/);
    await createAccount(db, { name: "Zelda Again", email: "zelda.quixote@a.example", password: "another long passphrase" });

    // Item statistics still count her graded answers — anonymously, without the answers as typed.
    expect(quizStatistics(db, quiz)).toEqual(statsBefore);
    const kept = db.select().from(quizAttempts).where(eq(quizAttempts.userId, id)).all();
    expect(kept).toHaveLength(1);
    expect(db.select().from(quizItemResults).where(eq(quizItemResults.attemptId, kept[0]!.id)).all().length).toBeGreaterThan(0);
    expect(db.select().from(quizAnswers).where(eq(quizAnswers.attemptId, kept[0]!.id)).all()).toEqual([]);

    // A verifier learns the certificate is no longer available, not whose it was; no reminders go to nobody.
    expect(verifyCertificate(db, w.mine.certificateCode)).toBeNull();
    const check = await call(verifyLoader, {
      request: get(`/verify/${w.mine.certificateCode}`),
      params: { code: w.mine.certificateCode },
      context: contextFor(db),
    });
    expect(check.status).toBe(410);
    expect(check.body).toMatchObject({ found: false, unavailable: { code: w.mine.certificateCode, since: expect.any(Number) } });
    expect(JSON.stringify(check.body)).not.toMatch(/Zelda|Deleted account/);
    const unknown = await call(verifyLoader, { request: get("/verify/STP-2222-2222"), params: { code: "STP-2222-2222" }, context: contextFor(db) });
    expect(unknown.status).toBe(404);
    db.update(certificates)
      .set({ expiresAt: Date.now() + 20 * 24 * 60 * 60 * 1000 })
      .run();
    sendRenewalReminders(db);
    expect(db.select().from(notifications).where(eq(notifications.userId, id)).all()).toEqual([]);

    // Her clinic admin sees that a technician left Stipple today; she is no longer a member.
    const members = await call(membersLoader, { request: get("/clinic/members", w.clinicAdmin.cookie), params: {}, context: contextFor(db) });
    const body = members.body as { members: { userId: string }[]; left: { role: string; leftAt: number }[] };
    expect(body.members.map((m) => m.userId)).not.toContain(id);
    expect(body.left).toEqual([expect.objectContaining({ role: "technician", leftAt: expect.any(Number) })]);
    expect(new Date(body.left[0]!.leftAt).toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(db.select().from(memberships).where(eq(memberships.userId, id)).get()).toMatchObject({
      removedAt: expect.any(Number),
      leftStippleAt: expect.any(Number),
    });

    // The peer's records are untouched.
    expect(verifyCertificate(db, w.theirs.certificateCode)).toMatchObject({ holderName: "Piet Vandermolen", state: "VALID" });
    expect(db.select().from(submissions).where(eq(submissions.learnerId, w.peer.user.id)).all()).toHaveLength(1);
  });

  it("refuses the last admin of a clinic and a demo account, clearly and without changing anything", async () => {
    const w = await accountWorld(db, storage);
    const page = await call(accountLoader, { request: get("/account", w.clinicAdmin.cookie), params: {}, context: contextFor(db) });
    expect(page.body).toMatchObject({ refusal: expect.stringMatching(/only admin of your clinic/) });
    const before = rowCounts();
    const refused = await deleteForm({ password: PASSWORD, confirm: "DELETE" }, w.clinicAdmin.cookie);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { "": [expect.stringMatching(/only admin of your clinic/)] } });
    expect(rowCounts()).toEqual(before);

    db.update(users).set({ isDemo: true }).where(eq(users.id, w.learner.user.id)).run();
    const demo = await deleteForm({ password: PASSWORD, confirm: "DELETE" }, w.learner.cookie);
    expect(demo.status).toBe(409);
    expect(db.select().from(users).where(eq(users.id, w.learner.user.id)).get()!.deletedAt).toBeNull();

    // With a second admin, the first may go; an instructor may always go, and their graded work stays.
    const second = await createAccount(db, { name: "Second Admin", email: "second@a.example", password: "another long passphrase" });
    db.insert(memberships).values({ organisationId: w.clinic.id, userId: second.user.id, role: "admin" }).run();
    expect((await deleteForm({ password: PASSWORD, confirm: "DELETE" }, w.clinicAdmin.cookie)).status).toBe(302);
    expect((await deleteForm({ password: PASSWORD, confirm: "DELETE" }, w.instructor.cookie)).status).toBe(302);
    const graded = db.select().from(submissions).where(eq(submissions.learnerId, w.peer.user.id)).get()!;
    expect(graded).toMatchObject({ status: "passed", feedback: "Feedback piet", gradedBy: w.instructor.user.id });
  });
});

function createSecondSession(userId: string) {
  db.insert(sessions)
    .values({ id: `second-${userId}`, userId, createdAt: Date.now(), expiresAt: Date.now() + 60_000, absoluteExpiresAt: Date.now() + 60_000 })
    .run();
}
