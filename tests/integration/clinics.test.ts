import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import {
  auditLog,
  certificates,
  cohortLearners,
  enrolments,
  supervisedCases,
  cohorts,
  emailOutbox,
  invitations,
  memberships,
  submissions,
  users,
} from "~/db/schema";
import { acceptInvitation, invite, INVITE_TTL_MS } from "~/modules/clinics/invitations.server";
import { action as membersAction, loader as membersLoader } from "~/routes/clinic.members";
import { action as cohortAction, loader as cohortLoader } from "~/routes/clinic.cohorts.$id";
import { loader as csvLoader } from "~/routes/clinic.cohorts.$id[.csv]";
import { action as dashboardAction, loader as dashboardLoader } from "~/routes/clinic._index";
import { loadActor } from "~/modules/auth/actor.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get, postForm } from "../helpers/http";
import { clinic, cohort, person } from "../helpers/world";

const MODULES = findCourse("smp-practitioner").modules.length;

let db: Db;

/** A clinic with its admin and one learner, in a cohort named after the clinic. */
function clinicWith(name: string) {
  const admin = person(db, `admin@${name.toLowerCase()}.example`, "clinic_admin");
  const learner = person(db, `learner@${name.toLowerCase()}.example`);
  const org = clinic(db, name, { admins: [admin], technicians: [learner] });
  return { clinic: org, admin, learner, cohort: cohort(db, org, `${name} cohort`, { learners: [learner] }) };
}

const ctx = () => contextFor(db);
const tokenFromOutbox = () => /\/invite\/([a-z2-7]{32})/.exec([...db.select().from(emailOutbox).all()].pop()!.text)![1]!;

beforeEach(() => {
  db = createTestDb();
});

describe("the clinic boundary", () => {
  it("shows a clinic admin their own cohort matrix and CSV, and 404 for another clinic's cohort by guessed id", async () => {
    const a = clinicWith("Alpha");
    const b = clinicWith("Beta");
    const own = await call(cohortLoader, { request: get(`/clinic/cohorts/${a.cohort.id}`, a.admin.cookie), params: { id: a.cohort.id }, context: ctx() });
    expect(own.status).toBe(200);
    expect((own.body as { matrix: { rows: { name: string }[] } }).matrix.rows.map((r) => r.name)).toEqual(["learner"]);
    for (const url of [`/clinic/cohorts/${b.cohort.id}`, `/clinic/cohorts/${b.cohort.id}?format=csv`]) {
      const other = await call(cohortLoader, { request: get(url, a.admin.cookie), params: { id: b.cohort.id }, context: ctx() });
      expect(other.status, url).toBe(404);
    }
    expect(
      (await call(csvLoader, { request: get(`/clinic/cohorts/${b.cohort.id}.csv`, a.admin.cookie), params: { id: b.cohort.id }, context: ctx() })).status,
    ).toBe(404);
    const post = await call(cohortAction, {
      request: postForm(`/clinic/cohorts/${b.cohort.id}`, { intent: "add", userId: a.learner.user.id }, a.admin.cookie),
      params: { id: b.cohort.id },
      context: ctx(),
    });
    expect(post.status).toBe(404);
  });

  it("answers 404 on every clinic page to learners, instructors and platform admins without a clinic", async () => {
    const a = clinicWith("Alpha");
    const instructor = person(db, "i@alpha.example", "instructor");
    db.insert(memberships).values({ organisationId: a.clinic.id, userId: instructor.user.id, role: "instructor" }).run();
    for (const who of [a.learner, instructor, person(db, "root@stipple.example", "admin")]) {
      expect((await call(dashboardLoader, { request: get("/clinic", who.cookie), params: {}, context: ctx() })).status).toBe(404);
      expect((await call(membersLoader, { request: get("/clinic/members", who.cookie), params: {}, context: ctx() })).status).toBe(404);
      expect(
        (await call(cohortLoader, { request: get(`/clinic/cohorts/${a.cohort.id}`, who.cookie), params: { id: a.cohort.id }, context: ctx() })).status,
      ).toBe(404);
    }
  });

  it("cannot revoke another clinic's invitation or remove another clinic's member, even with their ids", async () => {
    const a = clinicWith("Alpha");
    const b = clinicWith("Beta");
    const { invitation } = invite(db, loadActor(db, b.admin.user), b.clinic.id, { email: "new@beta.example", role: "technician" });
    const bMember = db.select().from(memberships).where(eq(memberships.userId, b.learner.user.id)).get()!;
    expect(
      (await call(membersAction, { request: postForm("/clinic/members", { intent: "revoke", id: invitation.id }, a.admin.cookie), params: {}, context: ctx() }))
        .status,
    ).toBe(404);
    expect(
      (await call(membersAction, { request: postForm("/clinic/members", { intent: "remove", id: bMember.id }, a.admin.cookie), params: {}, context: ctx() }))
        .status,
    ).toBe(404);
    expect(db.select().from(invitations).get()!.revokedAt).toBeNull();
    expect(db.select().from(memberships).where(eq(memberships.id, bMember.id)).get()!.removedAt).toBeNull();
  });

  it("ignores a tampered clinicId in a form and logs it", async () => {
    const a = clinicWith("Alpha");
    const b = clinicWith("Beta");
    const created = await call(dashboardAction, {
      request: postForm("/clinic", { name: "Sneaky", startsOn: "2026-10-01", clinicId: b.clinic.id }, a.admin.cookie),
      params: {},
      context: ctx(),
    });
    expect(created.status).toBe(302);
    expect(db.select().from(cohorts).where(eq(cohorts.name, "Sneaky")).get()!.organisationId).toBe(a.clinic.id);
    expect(db.select().from(auditLog).get()).toMatchObject({
      actorId: a.admin.user.id,
      action: "ignored-fields:create-cohort",
      detail: { clinicId: b.clinic.id },
    });
  });

  it("exports CSV with a stable header and spreadsheet-safe cells", async () => {
    const a = clinicWith("Alpha");
    db.update(users).set({ name: '=HYPERLINK("http://evil.example","Smith, Jo")' }).where(eq(users.id, a.learner.user.id)).run();
    const viaPage = await call(cohortLoader, {
      request: get(`/clinic/cohorts/${a.cohort.id}?format=csv`, a.admin.cookie),
      params: { id: a.cohort.id },
      context: ctx(),
    });
    expect(viaPage.headers.get("Location")).toBe(`/clinic/cohorts/${a.cohort.id}.csv`);
    const csv = await call(csvLoader, { request: get(`/clinic/cohorts/${a.cohort.id}.csv`, a.admin.cookie), params: { id: a.cohort.id }, context: ctx() });
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const [header, row] = String(csv.body).split("\r\n");
    expect(header).toMatch(/^learner,email,modules_completed,modules_total,quiz_skin-anatomy-and-puncture-depth_best_percent,/);
    expect(header).toMatch(
      /,exam_best_percent,exam_passed,practical_density-layering,.*,cases_countersigned,cases_required,certificate_code,certificate_state,certificate_expires,at_risk$/,
    );
    expect(row!.startsWith(`"'=HYPERLINK(""http://evil.example"",""Smith, Jo"")",learner@alpha.example,0,${MODULES},`)).toBe(true);
  });

  it("shows countersigned cases and each learner's current certificate, and does not flag a certified learner as at risk", async () => {
    const a = clinicWith("Alpha");
    const other = person(db, "second@alpha.example");
    db.insert(memberships).values({ organisationId: a.clinic.id, userId: other.user.id, role: "technician" }).run();
    db.insert(cohortLearners).values({ cohortId: a.cohort.id, userId: other.user.id }).run();
    const DAY = 86_400_000;
    const longAgo = Date.now() - 60 * DAY;
    for (const userId of [a.learner.user.id, other.user.id]) {
      db.insert(enrolments).values({ userId, courseSlug: "smp-practitioner", createdAt: longAgo }).run();
    }
    const logged = (status: "submitted" | "returned" | "countersigned") =>
      db
        .insert(supervisedCases)
        .values({
          learnerId: a.learner.user.id,
          courseSlug: "smp-practitioner",
          performedOn: "2026-10-01",
          sessionNumber: 1,
          area: "hairline",
          hairLossScale: "norwood",
          hairLossStage: "III",
          fitzpatrick: 2,
          needle: "1RL",
          pigment: "black",
          dilution: "light",
          durationMinutes: 90,
          notes: "",
          consentConfirmedAt: longAgo,
          status,
          createdAt: longAgo,
          updatedAt: longAgo,
        })
        .run();
    logged("countersigned");
    logged("countersigned");
    logged("submitted");
    logged("returned");
    const superseded = {
      userId: a.learner.user.id,
      courseSlug: "smp-practitioner",
      organisationId: a.clinic.id,
      holderName: "learner",
      programmeTitle: "P",
      issuedAt: longAgo - 800 * DAY,
      expiresAt: longAgo - 70 * DAY,
    };
    const old = db
      .insert(certificates)
      .values({ ...superseded, code: "STP-OLD2-2222", supersededAt: longAgo })
      .returning()
      .get();
    db.insert(certificates)
      .values({ ...superseded, code: "STP-NEW2-2222", supersedesId: old.id, issuedAt: longAgo, expiresAt: Date.now() + 600 * DAY })
      .run();

    const page = await call(cohortLoader, { request: get(`/clinic/cohorts/${a.cohort.id}`, a.admin.cookie), params: { id: a.cohort.id }, context: ctx() });
    const rows = (
      page.body as {
        matrix: {
          course: { casesRequired: number };
          rows: { name: string; cases: number; certificate: { code: string; state: string } | null; risk: string[] }[];
        };
      }
    ).matrix;
    expect(rows.course.casesRequired).toBe(5);
    const certified = rows.rows.find((r) => r.name === "learner")!;
    const quiet = rows.rows.find((r) => r.name === "second")!;
    expect(certified).toMatchObject({ cases: 2, certificate: { code: "STP-NEW2-2222", state: "VALID" }, risk: [] });
    expect(quiet).toMatchObject({ cases: 0, certificate: null });
    expect(quiet.risk.length).toBeGreaterThan(0);

    const csv = await call(csvLoader, { request: get(`/clinic/cohorts/${a.cohort.id}.csv`, a.admin.cookie), params: { id: a.cohort.id }, context: ctx() });
    const line = String(csv.body)
      .split("\r\n")
      .find((l) => l.includes("learner@alpha.example"))!;
    expect(line).toMatch(/,2,5,STP-NEW2-2222,valid,\d{4}-\d{2}-\d{2},$/);
  });
});

describe("invitations", () => {
  it("create an account and membership once; the link then stops working", async () => {
    const a = clinicWith("Alpha");
    const res = await call(membersAction, {
      request: postForm("/clinic/members", { intent: "invite", email: "New.Tech@Alpha.example", role: "technician", cohortId: a.cohort.id }, a.admin.cookie),
      params: {},
      context: ctx(),
    });
    expect(res.body).toMatchObject({ invited: "new.tech@alpha.example" });
    const token = tokenFromOutbox();
    const accepted = await acceptInvitation(db, token, { signedInUserId: null, name: "Nia Tech", password: "fresh long passphrase" });
    const user = db.select().from(users).where(eq(users.email, "new.tech@alpha.example")).get()!;
    expect(user).toMatchObject({ name: "Nia Tech", role: "learner" });
    expect(accepted.sessionToken).toBeTruthy();
    expect(db.select().from(memberships).where(eq(memberships.userId, user.id)).get()).toMatchObject({ organisationId: a.clinic.id, role: "technician" });
    expect(db.select().from(cohortLearners).where(eq(cohortLearners.userId, user.id)).get()?.cohortId).toBe(a.cohort.id);
    await expect(acceptInvitation(db, token, { signedInUserId: null, name: "Again", password: "fresh long passphrase" })).rejects.toThrow(/already used/);
    expect(db.select().from(users).where(eq(users.email, "new.tech@alpha.example")).all()).toHaveLength(1);
  });

  it("refuse an expired or revoked link and a weak password, changing nothing", async () => {
    const a = clinicWith("Alpha");
    const actor = loadActor(db, a.admin.user);
    const t0 = Date.now();
    invite(db, actor, a.clinic.id, { email: "late@alpha.example", role: "technician" }, t0 - INVITE_TTL_MS - 1);
    await expect(acceptInvitation(db, tokenFromOutbox(), { signedInUserId: null, name: "Late", password: "fresh long passphrase" })).rejects.toThrow(/expired/);
    const { invitation } = invite(db, actor, a.clinic.id, { email: "weak@alpha.example", role: "technician" });
    const weakToken = tokenFromOutbox();
    await expect(acceptInvitation(db, weakToken, { signedInUserId: null, name: "Weak", password: "password" })).rejects.toThrow(/most common/);
    db.update(invitations).set({ revokedAt: Date.now() }).where(eq(invitations.id, invitation.id)).run();
    await expect(acceptInvitation(db, weakToken, { signedInUserId: null, name: "Weak", password: "fresh long passphrase" })).rejects.toThrow(/revoked/);
    expect(db.select().from(users).where(eq(users.email, "late@alpha.example")).get()).toBeUndefined();
    expect(db.select().from(users).where(eq(users.email, "weak@alpha.example")).get()).toBeUndefined();
  });

  it("link an existing account only when signed in as it, and never into a second clinic", async () => {
    const a = clinicWith("Alpha");
    const b = clinicWith("Beta");
    invite(db, loadActor(db, a.admin.user), a.clinic.id, { email: b.learner.user.email, role: "technician" });
    const token = tokenFromOutbox();
    await expect(acceptInvitation(db, token, { signedInUserId: null })).rejects.toThrow(/Sign in as/);
    await expect(acceptInvitation(db, token, { signedInUserId: b.learner.user.id })).rejects.toThrow(/another clinic/);
    expect(db.select().from(memberships).where(eq(memberships.userId, b.learner.user.id)).all()).toHaveLength(1);
    expect(db.select().from(invitations).get()!.acceptedAt).toBeNull();
  });

  it("a removed member's records stay but they leave the matrix", async () => {
    const a = clinicWith("Alpha");
    const membership = db.select().from(memberships).where(eq(memberships.userId, a.learner.user.id)).get()!;
    await call(membersAction, { request: postForm("/clinic/members", { intent: "remove", id: membership.id }, a.admin.cookie), params: {}, context: ctx() });
    expect(db.select().from(memberships).where(eq(memberships.id, membership.id)).get()!.removedAt).toBeTypeOf("number");
    expect(db.select().from(users).where(eq(users.id, a.learner.user.id)).get()).toBeDefined();
    const matrix = await call(cohortLoader, { request: get(`/clinic/cohorts/${a.cohort.id}`, a.admin.cookie), params: { id: a.cohort.id }, context: ctx() });
    expect((matrix.body as { matrix: { rows: unknown[] } }).matrix.rows).toHaveLength(0);
  });
});

describe("the dashboard", () => {
  it("shows each cohort's size and reading progress and the median review turnaround of this clinic only", async () => {
    const a = clinicWith("Alpha");
    const b = clinicWith("Beta");
    const before = await call(dashboardLoader, { request: get("/clinic", a.admin.cookie), params: {}, context: ctx() });
    expect(before.body).toMatchObject({
      cohorts: [{ name: "Alpha cohort", learners: 1, modulesDone: 0, modulesTotal: MODULES }],
      reviews: 0,
      medianTurnaroundMs: null,
    });
    const HOUR = 3_600_000;
    const graded = (learnerId: string, hours: number, version: number) =>
      db
        .insert(submissions)
        .values({
          learnerId,
          courseSlug: "smp-practitioner",
          practicalSlug: "dot-consistency-grid",
          version,
          note: "",
          consentConfirmedAt: 0,
          briefHash: "x",
          status: "passed",
          createdAt: 0,
          gradedAt: hours * HOUR,
          verdict: "pass",
        })
        .run();
    graded(a.learner.user.id, 2, 1);
    graded(a.learner.user.id, 6, 2);
    graded(a.learner.user.id, 10, 3);
    graded(b.learner.user.id, 100, 1);
    const after = await call(dashboardLoader, { request: get("/clinic", a.admin.cookie), params: {}, context: ctx() });
    expect(after.body).toMatchObject({ reviews: 3, medianTurnaroundMs: 6 * HOUR });
  });

  it("counts the certificates this clinic issued and lists its current ones expiring in the next 90 days, soonest first", async () => {
    const a = clinicWith("Alpha");
    const b = clinicWith("Beta");
    const DAY = 86_400_000;
    const now = Date.now();
    const cert = (userId: string, organisationId: string, code: string, expiresInDays: number, extra: Partial<typeof certificates.$inferInsert> = {}) =>
      db
        .insert(certificates)
        .values({
          code,
          userId,
          courseSlug: `c-${code}`,
          organisationId,
          holderName: code,
          programmeTitle: "P",
          issuedAt: now - 700 * DAY,
          expiresAt: now + expiresInDays * DAY,
          ...extra,
        })
        .run();
    cert(a.learner.user.id, a.clinic.id, "STP-AAAA-2230", 30);
    cert(a.learner.user.id, a.clinic.id, "STP-AAAA-2010", 10);
    cert(a.learner.user.id, a.clinic.id, "STP-AAAA-2200", 200);
    cert(a.learner.user.id, a.clinic.id, "STP-AAAA-2220", 20, { revokedAt: now - DAY });
    cert(a.learner.user.id, a.clinic.id, "STP-AAAA-2222", -5);
    cert(b.learner.user.id, b.clinic.id, "STP-BBBB-2222", 15);
    const body = (await call(dashboardLoader, { request: get("/clinic", a.admin.cookie), params: {}, context: ctx() })).body as {
      certificates: { issued: number; revoked: number; expiring: { code: string }[] };
    };
    expect(body.certificates.issued).toBe(5);
    expect(body.certificates.revoked).toBe(1);
    expect(body.certificates.expiring.map((c) => c.code)).toEqual(["STP-AAAA-2010", "STP-AAAA-2230"]);
  });
});
