import { and, desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { caseSupervisors, cohortInstructors, emailOutbox, memberships, notifications, sessions, supervisedCases, users } from "~/db/schema";
import { caseDetail, logCase, ownLogbook, resubmitCase } from "~/modules/certification/cases.server";
import type { CaseInput } from "~/modules/certification/case-schema";
import { caseQueue, countersignCase, returnCase } from "~/modules/certification/countersigning.server";
import { countersignedCases } from "~/modules/certification/issue.server";
import {
  acceptSupervision,
  openSupervision,
  ownSupervisors,
  revokeSupervision,
  supervisionOverview,
  supervisorLinks,
  SUPERVISOR_INVITE_TTL_MS,
} from "~/modules/certification/supervision.server";
import { ACADEMY_COHORT_ID, ACADEMY_ID } from "~/modules/clinics/academy";
import { joinAcademy } from "~/modules/clinics/academy.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { enrol } from "~/modules/progress/progress.server";
import { loader as logbookLoader } from "~/routes/logbook";
import { loader as caseLoader } from "~/routes/logbook_.$caseId";
import { loader as practicalsLoader } from "~/routes/practicals._index";
import { loader as reviewLoader } from "~/routes/review._index";
import { action as acceptAction } from "~/routes/supervise.accept.$token";
import { loader as superviseLoader } from "~/routes/supervise._index";
import { contextFor, createTestDb } from "../helpers/db";
import { call, cookieFrom, get, postForm } from "../helpers/http";
import { clinic, cohort, person } from "../helpers/world";

const COURSE = "smp-practitioner";
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
let db: Db;
const course = () => findCourse(COURSE);

function fields(overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    performedOn: daysAgo(2),
    sessionNumber: 1,
    area: "hairline",
    hairLossScale: "norwood",
    hairLossStage: "III",
    fitzpatrick: 3,
    needle: "1203RL",
    pigment: "Neutral black",
    dilution: "1:2 with sterile water",
    durationMinutes: 180,
    notes: "",
    supervisorId: null,
    consent: true,
    ...overrides,
  };
}

const newSupervisor = (email = "sol@studio.example", name = "Sol Studio") => ({ supervisorLinkId: "new", supervisorName: name, supervisorEmail: email });

/** The token of the newest supervisor invitation sent to `email`, read from the outbox as the person would from their inbox. */
function inviteToken(email: string): string {
  const mail = db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, email), eq(emailOutbox.kind, "supervisor-invitation")))
    .orderBy(desc(emailOutbox.createdAt))
    .all()[0];
  const token = mail?.text.match(/\/supervise\/accept\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no supervisor invitation to ${email}`);
  return token;
}

/**
 * Iris studies alone in Stipple Academy, taught by Aria (an Academy instructor); Lena is a clinic
 * learner taught by Ines; Max is another Academy learner; Ada is a platform admin.
 */
function world() {
  const iris = person(db, "iris@example.com", "learner", { name: "Iris Independent" });
  const max = person(db, "max@example.com", "learner", { name: "Max Alone" });
  const aria = person(db, "aria@example.com", "instructor", { name: "Aria Academy" });
  const lena = person(db, "lena@a.example");
  const ines = person(db, "ines@a.example", "instructor");
  const admin = person(db, "ada@stipple.example", "admin");
  for (const p of [iris, max]) {
    joinAcademy(db, p.user.id);
    enrol(db, p.user.id, COURSE);
  }
  db.insert(memberships).values({ organisationId: ACADEMY_ID, userId: aria.user.id, role: "instructor" }).run();
  db.insert(cohortInstructors).values({ cohortId: ACADEMY_COHORT_ID, userId: aria.user.id }).run();
  const a = clinic(db, "A", { technicians: [lena], instructors: [ines] });
  cohort(db, a, "Autumn", { learners: [lena], instructors: [ines] });
  enrol(db, lena.user.id, COURSE);
  return { iris, max, aria, lena, ines, admin };
}

/** Iris logs a case naming Sol by email, and Sol accepts with a new supervisor-only account. */
async function irisWithSol(w: ReturnType<typeof world>) {
  const caseId = logCase(db, w.iris.user.id, course(), fields(newSupervisor()));
  const { userId, sessionToken } = await acceptSupervision(db, inviteToken("sol@studio.example"), {
    signedInUserId: null,
    name: "Sol Studio",
    password: "a long and unusual passphrase 42",
    qualification: "Licensed tattooist, borough licence 1234",
  });
  const sol = db.select().from(users).where(eq(users.id, userId)).get()!;
  return { caseId, sol, actor: { id: sol.id, role: sol.role, clinicId: null, lead: false }, cookie: `stipple_session=${sessionToken}` };
}

beforeEach(() => {
  db = createTestDb();
});

describe("naming a supervisor by email", () => {
  it("stores the case naming the new supervisor, emails them an invitation and puts it in nobody's queue", () => {
    const w = world();
    const caseId = logCase(db, w.iris.user.id, course(), fields(newSupervisor()));
    const row = db.select().from(supervisedCases).where(eq(supervisedCases.id, caseId)).get()!;
    expect(row.supervisorId).toBeNull();
    const link = db.select().from(caseSupervisors).where(eq(caseSupervisors.id, row.supervisorLinkId!)).get()!;
    expect(link).toMatchObject({ learnerId: w.iris.user.id, email: "sol@studio.example", name: "Sol Studio", supervisorId: null, acceptedAt: null });
    expect(openSupervision(db, inviteToken("sol@studio.example"))?.learnerName).toBe("Iris Independent");
    // Only the named supervisor countersigns: not the Academy's instructor, not a platform admin.
    expect(caseQueue(db, w.aria.actor())).toEqual([]);
    expect(caseQueue(db, w.admin.actor())).toEqual([]);
    expect(db.select().from(notifications).all()).toEqual([]);
    expect(ownSupervisors(db, w.iris.user.id)).toEqual([{ id: link.id, name: "Sol Studio", email: "sol@studio.example", status: "invited" }]);
  });

  it("refuses a case without a supervisor, one naming the learner, or a link from a clinic learner, changing nothing", () => {
    const w = world();
    expect(() => logCase(db, w.iris.user.id, course(), fields())).toThrow(expect.objectContaining({ field: "supervisorLinkId" }));
    expect(() => logCase(db, w.iris.user.id, course(), fields(newSupervisor("IRIS@example.com")))).toThrow(
      expect.objectContaining({ field: "supervisorEmail" }),
    );
    expect(() => logCase(db, w.iris.user.id, course(), fields({ supervisorLinkId: "made-up" }))).toThrow(Invalid);
    expect(() => logCase(db, w.lena.user.id, course(), fields(newSupervisor()))).toThrow(expect.objectContaining({ field: "supervisorId" }));
    expect(db.select().from(supervisedCases).all()).toEqual([]);
    expect(db.select().from(caseSupervisors).all()).toEqual([]);
    expect(db.select().from(emailOutbox).all()).toEqual([]);
  });

  it("reuses the link when the same person is named again, and sends the invitation again once it expired", () => {
    const w = world();
    logCase(db, w.iris.user.id, course(), fields(newSupervisor("Sol@Studio.example")));
    logCase(db, w.iris.user.id, course(), fields({ ...newSupervisor(), sessionNumber: 2 }));
    expect(db.select().from(caseSupervisors).all()).toHaveLength(1);
    expect(db.select().from(emailOutbox).all()).toHaveLength(1);
    const [link] = db.select().from(caseSupervisors).all();
    const first = inviteToken("sol@studio.example");
    logCase(db, w.iris.user.id, course(), fields({ supervisorLinkId: link!.id, sessionNumber: 3 }), Date.now() + SUPERVISOR_INVITE_TTL_MS + DAY);
    expect(db.select().from(emailOutbox).all()).toHaveLength(2);
    expect(inviteToken("sol@studio.example")).not.toBe(first);
    expect(openSupervision(db, first)).toBeNull();
    // Another learner cannot name Iris's supervisor link.
    expect(() => logCase(db, w.max.user.id, course(), fields({ supervisorLinkId: link!.id }))).toThrow(expect.objectContaining({ field: "supervisorLinkId" }));
  });
});

describe("accepting and countersigning", () => {
  it("makes a supervisor-only account that countersigns the case, which then counts", async () => {
    const w = world();
    const { caseId, sol, actor } = await irisWithSol(w);
    expect(sol.role).toBe("supervisor");
    expect(db.select().from(caseSupervisors).get()).toMatchObject({ supervisorId: sol.id, qualification: "Licensed tattooist, borough licence 1234" });
    expect(db.select().from(notifications).where(eq(notifications.userId, w.iris.user.id)).all()).toEqual([
      expect.objectContaining({ kind: "supervisor-accepted" }),
    ]);
    expect(supervisionOverview(db, actor)).toEqual([
      expect.objectContaining({ learnerName: "Iris Independent", waiting: [expect.objectContaining({ id: caseId, kind: "case" })], countersigned: 0 }),
    ]);
    expect(caseDetail(db, actor, caseId)).toMatchObject({
      canReview: true,
      supervising: true,
      own: false,
      namedSupervisor: { name: "Sol Studio", status: "active" },
    });
    // The Academy's instructor and a platform admin may read the case, but not countersign it.
    expect(caseDetail(db, w.aria.actor(), caseId).canReview).toBe(false);
    expect(() => countersignCase(db, getCatalogue(), w.aria.actor(), caseId)).toThrow(Conflict);
    expect(() => countersignCase(db, getCatalogue(), w.admin.actor(), caseId)).toThrow(Conflict);
    countersignCase(db, getCatalogue(), actor, caseId);
    expect(countersignedCases(db, w.iris.user.id, COURSE)).toBe(1);
    expect(ownLogbook(db, w.iris.user.id, course()).countersigned).toBe(1);
  });

  it("asks for a qualification and a strong password, works once, and refuses the learner's own account", async () => {
    const w = world();
    logCase(db, w.iris.user.id, course(), fields(newSupervisor()));
    const token = inviteToken("sol@studio.example");
    const base = { signedInUserId: null, name: "Sol", password: "a long and unusual passphrase 42", qualification: "Licensed" };
    await expect(acceptSupervision(db, token, { ...base, qualification: "  " })).rejects.toMatchObject({ field: "qualification" });
    await expect(acceptSupervision(db, token, { ...base, password: "short" })).rejects.toMatchObject({ field: "password" });
    expect(db.select().from(users).where(eq(users.role, "supervisor")).all()).toEqual([]);
    await acceptSupervision(db, token, base);
    await expect(acceptSupervision(db, token, base)).rejects.toMatchObject({ field: "token" });
    // An address that became the learner's own (she changed her account's email after naming it) cannot accept as her.
    logCase(db, w.iris.user.id, course(), fields(newSupervisor("iris.work@example.com", "Me at work")));
    db.update(users).set({ email: "iris.work@example.com" }).where(eq(users.id, w.iris.user.id)).run();
    await expect(acceptSupervision(db, inviteToken("iris.work@example.com"), { ...base, signedInUserId: w.iris.user.id })).rejects.toThrow(
      "You cannot supervise your own cases.",
    );
  });

  it("lets an existing account accept only when signed in as it, keeping its role", async () => {
    const w = world();
    logCase(db, w.iris.user.id, course(), fields(newSupervisor("ines@a.example", "Ines")));
    const token = inviteToken("ines@a.example");
    await expect(acceptSupervision(db, token, { signedInUserId: null, qualification: "Clinic instructor" })).rejects.toMatchObject({ field: "account" });
    await acceptSupervision(db, token, { signedInUserId: w.ines.user.id, qualification: "Clinic instructor" });
    expect(db.select({ role: users.role }).from(users).where(eq(users.id, w.ines.user.id)).get()?.role).toBe("instructor");
    const [row] = db.select().from(supervisedCases).all();
    // Ines countersigns Iris's case because Iris named her, not because she teaches at clinic A.
    expect(caseDetail(db, w.ines.actor(), row!.id).canReview).toBe(true);
    countersignCase(db, getCatalogue(), w.ines.actor(), row!.id);
    expect(countersignedCases(db, w.iris.user.id, COURSE)).toBe(1);
  });

  it("shows a supervisor only the cases naming them: another learner's case, or Iris's case naming someone else, is NotFound", async () => {
    const w = world();
    const { actor } = await irisWithSol(w);
    const maxCase = logCase(db, w.max.user.id, course(), fields(newSupervisor("pat@studio.example", "Pat")));
    const irisOther = logCase(db, w.iris.user.id, course(), fields({ ...newSupervisor("pat@studio.example", "Pat"), sessionNumber: 2 }));
    const lenaCase = logCase(db, w.lena.user.id, course(), fields());
    for (const id of [maxCase, irisOther, lenaCase]) {
      expect(() => caseDetail(db, actor, id)).toThrow(NotFound);
      expect(() => countersignCase(db, getCatalogue(), actor, id)).toThrow(NotFound);
      expect(() => returnCase(db, actor, id, "No")).toThrow(NotFound);
    }
  });
});

describe("what a supervisor-only account can open", () => {
  it("answers 404 for learner and instructor pages, and opens /supervise and the case naming them", async () => {
    const w = world();
    const { caseId, cookie } = await irisWithSol(w);
    const context = contextFor(db);
    expect((await call(practicalsLoader, { request: get("/practicals", cookie), params: {}, context })).status).toBe(404);
    expect((await call(reviewLoader, { request: get("/review", cookie), params: {}, context })).status).toBe(404);
    expect((await call(logbookLoader, { request: get("/logbook", cookie), params: {}, context })).status).toBe(404);
    expect((await call(superviseLoader, { request: get("/supervise", cookie), params: {}, context })).status).toBe(200);
    const page = await call(caseLoader, { request: get(`/logbook/${caseId}`, cookie), params: { caseId }, context });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ canReview: true, supervising: true });
  });

  it("creates the account and signs it in through the invitation page, with errors next to the fields", async () => {
    const w = world();
    logCase(db, w.iris.user.id, course(), fields(newSupervisor()));
    const token = inviteToken("sol@studio.example");
    const context = contextFor(db);
    const bad = await call(acceptAction, {
      request: postForm(`/supervise/accept/${token}`, { name: "Sol", password: "a long and unusual passphrase 42", qualification: "" }),
      params: { token },
      context,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { qualification: expect.any(Array), pledge: expect.any(Array) } });
    expect(db.select().from(users).where(eq(users.role, "supervisor")).all()).toEqual([]);
    const ok = await call(acceptAction, {
      request: postForm(`/supervise/accept/${token}`, { name: "Sol", password: "a long and unusual passphrase 42", qualification: "Licensed", pledge: "on" }),
      params: { token },
      context,
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/supervise?accepted=1");
    const overview = await call(superviseLoader, { request: get("/supervise", cookieFrom(ok)), params: {}, context });
    expect(overview.body).toMatchObject({ learners: [expect.objectContaining({ learnerName: "Iris Independent" })] });
  });
});

describe("revoking a supervisor", () => {
  it("sends waiting cases back to the learner, ends the supervisor's access and sessions, and keeps past countersignatures", async () => {
    const w = world();
    const { caseId, sol, actor } = await irisWithSol(w);
    countersignCase(db, getCatalogue(), actor, caseId);
    const waiting = logCase(db, w.iris.user.id, course(), fields({ supervisorLinkId: db.select().from(caseSupervisors).get()!.id, sessionNumber: 2 }));
    const [link] = supervisorLinks(db, w.admin.actor());
    expect(link).toMatchObject({
      name: "Sol Studio",
      supervisorOnly: true,
      status: "active",
      countersigned: 1,
      qualification: "Licensed tattooist, borough licence 1234",
    });
    expect(() => supervisorLinks(db, w.aria.actor())).toThrow(NotFound);
    expect(() => revokeSupervision(db, w.aria.actor(), link!.id)).toThrow(NotFound);
    revokeSupervision(db, w.admin.actor(), link!.id);
    expect(() => revokeSupervision(db, w.admin.actor(), link!.id)).toThrow(Conflict);
    expect(db.select().from(supervisedCases).where(eq(supervisedCases.id, waiting)).get()).toMatchObject({ status: "returned" });
    expect(countersignedCases(db, w.iris.user.id, COURSE)).toBe(1);
    expect(() => caseDetail(db, actor, waiting)).toThrow(NotFound);
    expect(() => countersignCase(db, getCatalogue(), actor, waiting)).toThrow(NotFound);
    expect(db.select().from(sessions).where(eq(sessions.userId, sol.id)).all()).toEqual([]);
    expect(supervisionOverview(db, actor)).toEqual([]);
    // Iris names someone else and resubmits; the revoked link is no longer hers to choose.
    expect(() => resubmitCase(db, getCatalogue(), w.iris.user.id, waiting, fields({ supervisorLinkId: link!.id, sessionNumber: 2 }))).toThrow(
      expect.objectContaining({ field: "supervisorLinkId" }),
    );
    resubmitCase(db, getCatalogue(), w.iris.user.id, waiting, fields({ ...newSupervisor("pat@studio.example", "Pat"), sessionNumber: 2 }));
    expect(db.select().from(supervisedCases).where(eq(supervisedCases.id, waiting)).get()).toMatchObject({ status: "submitted" });
  });
});
