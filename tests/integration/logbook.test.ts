import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import {
  certificates,
  cohortInstructors,
  cohortLearners,
  cohorts,
  memberships,
  notifications,
  organisations,
  stagedPhotos,
  supervisedCasePhotos,
  supervisedCases,
} from "~/db/schema";
import { CONTACT_DETAILS_MESSAGE, looksLikeContactDetails, type CaseInput } from "~/modules/certification/case-schema";
import { learnerRecords } from "~/modules/certification/issue.server";
import { casePhotoFile, removeCasePhoto, stageCasePhoto, stagedCasePhotos } from "~/modules/certification/case-photos.server";
import { caseDetail, deleteCase, logCase, ownLogbook, resubmitCase } from "~/modules/certification/cases.server";
import { caseQueue, countersignCase, returnCase } from "~/modules/certification/countersigning.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import type { Catalogue, Course } from "~/modules/content/load-content.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { listStaged, pruneStagedPhotos } from "~/modules/photos/staging.server";
import { findPractical } from "~/modules/practicals/submissions.server";
import { enrol } from "~/modules/progress/progress.server";
import { getStorage, type Storage } from "~/modules/storage/storage.server";
import { action as logbookAction, loader as logbookLoader } from "~/routes/logbook";
import { action as caseAction, loader as caseLoader } from "~/routes/logbook_.$caseId";
import { loader as casePhotoLoader } from "~/routes/logbook_.photos.$photoId";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get, postForm } from "../helpers/http";
import { clinic, cohort, person } from "../helpers/world";
import { fileWith, jpegWithGps } from "../helpers/images";

const COURSE = "smp-practitioner";
let db: Db;
let storage: Storage;

const course = () => findCourse(COURSE);
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

/**
 * Clinic A: cohort Autumn (learner, other learner, instructor Ines) and cohort Spring (its own
 * instructor Ivan), a clinic admin; clinic B with its own instructor and admin; a platform admin.
 */
function world() {
  const learner = person(db, "lena@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const otherLearner = person(db, "otto@a.example");
  const springInstructor = person(db, "ivan@a.example", "instructor");
  const clinicAdmin = person(db, "carl@a.example", "clinic_admin");
  const outsider = person(db, "olga@b.example", "instructor");
  const otherAdmin = person(db, "bob@b.example", "clinic_admin");
  const admin = person(db, "ada@stipple.example", "admin");
  const a = clinic(db, "A", { technicians: [learner, otherLearner], instructors: [instructor, springInstructor], admins: [clinicAdmin] });
  clinic(db, "B", { instructors: [outsider], admins: [otherAdmin] });
  cohort(db, a, "Autumn", { learners: [learner, otherLearner], instructors: [instructor] });
  cohort(db, a, "Spring", { instructors: [springInstructor], startsOn: "2027-03-01" });
  enrol(db, learner.user.id, COURSE);
  enrol(db, otherLearner.user.id, COURSE);
  return { learner, instructor, otherLearner, springInstructor, clinicAdmin, outsider, otherAdmin, admin };
}

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
    notes: "Soft front edge, density built in two passes. Client booked 2nd session for 2026-03-14.",
    supervisorId: null,
    consent: true,
    ...overrides,
  };
}

/** The fields as the browser posts them. */
function formFields(overrides: Record<string, string> = {}): Record<string, string> {
  const f = fields();
  return {
    intent: "log",
    performedOn: f.performedOn,
    sessionNumber: "1",
    area: "hairline",
    hairLossScale: "norwood",
    hairLossStage: "III",
    fitzpatrick: "3",
    needle: f.needle,
    pigment: f.pigment,
    dilution: f.dilution,
    durationMinutes: "180",
    notes: f.notes ?? "",
    supervisorId: "",
    consent: "on",
    ...overrides,
  };
}

async function caseWithPhoto(learnerId: string, overrides: Partial<CaseInput> = {}) {
  await stageCasePhoto(db, storage, learnerId, course(), undefined, await jpegWithGps(800, 600));
  return logCase(db, learnerId, course(), fields(overrides));
}

const eqId = (id: string) => eq(supervisedCases.id, id);
const statusOf = (id: string) => db.select({ status: supervisedCases.status }).from(supervisedCases).where(eqId(id)).get()?.status;

beforeEach(() => {
  db = createTestDb();
  storage = getStorage();
});

describe("logging a case", () => {
  it("stores the case with its staged photo, re-encoded, and tells the learner's instructors", async () => {
    const w = world();
    const upload = await jpegWithGps(800, 600);
    const staged = await stageCasePhoto(db, storage, w.learner.user.id, course(), undefined, upload);
    expect(fs.existsSync(upload.path)).toBe(false);
    // The logbook's slot is its own: no practical sees the photo.
    expect(listStaged(db, w.learner.user.id, course(), findPractical(course(), "dot-consistency-grid"))).toHaveLength(0);
    const id = logCase(db, w.learner.user.id, course(), fields());
    const row = db.select().from(supervisedCases).where(eqId(id)).get()!;
    expect(row).toMatchObject({
      status: "submitted",
      hairLossScale: "norwood",
      hairLossStage: "III",
      fitzpatrick: 3,
      durationMinutes: 180,
      supervisorId: null,
    });
    expect(row.consentConfirmedAt).toBeGreaterThan(0);
    const photos = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, id)).all();
    expect(photos.map((p) => p.storageKey)).toEqual([staged.storageKey]);
    expect(db.select().from(stagedPhotos).all()).toHaveLength(0);
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => [n.userId, n.link]),
    ).toEqual([[w.instructor.user.id, `/logbook/${id}`]]);
  });

  it("notifies only the named supervisor, and refuses a supervisor who does not teach the learner", () => {
    const w = world();
    for (const tampered of [w.outsider.user.id, w.springInstructor.user.id, w.otherLearner.user.id, "no-such-user"]) {
      expect(() => logCase(db, w.learner.user.id, course(), fields({ supervisorId: tampered })), tampered).toThrow(
        expect.objectContaining({ constructor: Invalid, field: "supervisorId" }),
      );
    }
    expect(db.select().from(supervisedCases).all()).toHaveLength(0);
    const second = person(db, "iris@a.example", "instructor");
    db.insert(memberships)
      .values({ organisationId: db.select().from(organisations).where(eq(organisations.name, "A")).get()!.id, userId: second.user.id, role: "instructor" })
      .run();
    db.insert(cohortInstructors)
      .values({ cohortId: db.select().from(cohorts).where(eq(cohorts.name, "Autumn")).get()!.id, userId: second.user.id })
      .run();
    logCase(db, w.learner.user.id, course(), fields({ supervisorId: second.user.id }));
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.userId),
    ).toEqual([second.user.id]);
  });

  it.each([
    ["a date in the future", { performedOn: new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10) }, "performedOn", /future/],
    ["a date years ago", { performedOn: daysAgo(3 * 365) }, "performedOn", /last 2 years/],
    ["a date that does not exist", { performedOn: "2026-02-30" }, "performedOn", /real date/],
    ["an eleventh session", { sessionNumber: 11 }, "sessionNumber", /1 to 10/],
    ["an unknown area", { area: "eyebrows" as never }, "area", /area/],
    ["a Ludwig stage IV", { hairLossScale: "ludwig" as const, hairLossStage: "IV" }, "hairLossStage", /not a Ludwig stage/],
    ["a Norwood stage that does not exist", { hairLossStage: "VIII" }, "hairLossStage", /not a Norwood stage/],
    ["Fitzpatrick VII", { fitzpatrick: 7 }, "fitzpatrick", /I to VI/],
    ["four minutes", { durationMinutes: 4 }, "durationMinutes", /at least 5/],
    ["eleven hours", { durationMinutes: 660 }, "durationMinutes", /at most 600/],
    ["notes that are too long", { notes: "x".repeat(2001) }, "notes", /2000/],
    ["an email address in the notes", { notes: "Client: sam.p@mail.example, happy" }, "notes", CONTACT_DETAILS_MESSAGE],
    ["a phone number in the notes", { notes: "Call back on +44 7700 900123 after healing" }, "notes", CONTACT_DETAILS_MESSAGE],
    ["a phone number in the pigment", { pigment: "Ask 07700-900-123" }, "pigment", CONTACT_DETAILS_MESSAGE],
    ["no needle", { needle: "  " }, "needle", /needle/],
    ["no consent", { consent: false as never }, "consent", /client agreed/],
  ])("refuses %s next to its field and stores nothing", (_what, overrides, field, message) => {
    const w = world();
    let thrown: unknown;
    try {
      logCase(db, w.learner.user.id, course(), fields(overrides as Partial<CaseInput>));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Invalid);
    expect((thrown as Invalid).field).toBe(field);
    expect((thrown as Invalid).message).toMatch(message);
    expect(db.select().from(supervisedCases).all()).toHaveLength(0);
    expect(db.select().from(notifications).all()).toHaveLength(0);
  });

  it("accepts a Ludwig stage for the Ludwig scale and the craft's own numbers in notes", () => {
    const w = world();
    logCase(
      db,
      w.learner.user.id,
      course(),
      fields({ hairLossScale: "ludwig", hairLossStage: "II", notes: "1203RL at 120 Hz, 1:3 dilution, 45 min rest, seen 14.03.2026" }),
    );
    logCase(db, w.learner.user.id, course(), fields({ hairLossStage: "III vertex" }));
    expect(db.select().from(supervisedCases).all()).toHaveLength(2);
    for (const ok of ["1203RL", "1:3 with water", "2026-03-14", "0.30 mm, 3 passes, 10 11 12"]) expect(looksLikeContactDetails(ok), ok).toBe(false);
    for (const bad of ["sam@example.org", "(020) 7946 0958", "+1 555-010-4477", "0612345678"]) expect(looksLikeContactDetails(bad), bad).toBe(true);
  });

  it("refuses a learner not enrolled in the course and a seventh photo", async () => {
    const w = world();
    const stranger = person(db, "sid@a.example");
    expect(() => logCase(db, stranger.user.id, course(), fields())).toThrow(NotFound);
    for (let i = 0; i < 6; i++) await stageCasePhoto(db, storage, w.learner.user.id, course(), undefined, await jpegWithGps(200, 150));
    const seventh = await jpegWithGps(200, 150);
    await expect(stageCasePhoto(db, storage, w.learner.user.id, course(), undefined, seventh)).rejects.toThrow(/at most 6 photos/);
    expect(fs.existsSync(seventh.path)).toBe(false);
    await expect(stageCasePhoto(db, storage, w.learner.user.id, course(), undefined, fileWith("scalp.jpg", "<svg/>"))).rejects.toThrow(Invalid);
    expect(stagedCasePhotos(db, w.learner.user.id, course())).toHaveLength(6);
  });

  it("answers a bad form with 400, the error next to the field and what was typed, storing nothing", async () => {
    const w = world();
    const notes = "Lovely client, ring her on 07700 900 123";
    const response = await call(logbookAction, {
      request: postForm("/logbook", formFields({ notes, hairLossScale: "ludwig", hairLossStage: "IIIa" }), w.learner.cookie),
      params: {},
      context: contextFor(db),
    });
    expect(response.status).toBe(400);
    const reply = response.body as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.error.notes).toEqual([CONTACT_DETAILS_MESSAGE]);
    expect(reply.error.hairLossStage?.[0]).toMatch(/not a Ludwig stage/);
    expect(reply.initialValue).toMatchObject({ notes, needle: "1203RL", durationMinutes: "180" });
    expect(db.select().from(supervisedCases).all()).toHaveLength(0);
    const ok = await call(logbookAction, { request: postForm("/logbook", formFields(), w.learner.cookie), params: {}, context: contextFor(db) });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/logbook/${db.select().from(supervisedCases).get()!.id}`);
  });
});

describe("what counts", () => {
  it("counts only countersigned cases, as certification reads them", async () => {
    const w = world();
    const a = await caseWithPhoto(w.learner.user.id);
    const b = logCase(db, w.learner.user.id, course(), fields({ sessionNumber: 2 }));
    logCase(db, w.learner.user.id, course(), fields({ sessionNumber: 3 }));
    expect(learnerRecords(db, w.learner.user.id, COURSE).countersignedCases).toBe(0);
    countersignCase(db, getCatalogue(), w.instructor.actor(), a);
    returnCase(db, w.instructor.actor(), b, "Add the pigment brand.");
    expect(learnerRecords(db, w.learner.user.id, COURSE).countersignedCases).toBe(1);
    const book = ownLogbook(db, w.learner.user.id, course());
    expect(book).toMatchObject({ countersigned: 1, required: course().certification!.supervisedCases });
    expect(book.cases.map((c) => [c.sessionNumber, c.status, c.photos]).sort()).toEqual([
      [1, "countersigned", 1],
      [2, "returned", 0],
      [3, "submitted", 0],
    ]);
    const page = await call(logbookLoader, { request: get("/logbook", w.learner.cookie), params: {}, context: contextFor(db) });
    expect(page.body).toMatchObject({ current: { countersigned: 1, required: 5 } });
  });

  it("issues the certificate in the countersigning transaction when the case was the last requirement", () => {
    const w = world();
    const real = course();
    const onlyCases: Course = {
      ...real,
      modules: [],
      practicals: [],
      exam: null,
      certification: { ...real.certification!, practicals: [], finalExam: false, supervisedCases: 1, healedReviews: 0 },
    };
    const catalogue: Catalogue = { courses: [onlyCases], bySlug: new Map([[COURSE, onlyCases]]) };
    const id = logCase(db, w.learner.user.id, onlyCases, fields());
    expect(db.select().from(certificates).all()).toHaveLength(0);
    const result = countersignCase(db, catalogue, w.instructor.actor(), id);
    const cert = db.select().from(certificates).get()!;
    expect(result.certificateId).toBe(cert.id);
    expect(cert).toMatchObject({ userId: w.learner.user.id, courseSlug: COURSE });
    const kinds = db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, w.learner.user.id))
      .all()
      .map((n) => n.kind);
    expect(kinds.sort()).toEqual(["case-countersigned", "certificate-issued"]);
  });
});

describe("who may see and countersign", () => {
  it("answers 404 to another learner, another clinic's instructor and admin, for the case, its photo and countersigning", async () => {
    const w = world();
    const id = await caseWithPhoto(w.learner.user.id);
    const photoId = db.select().from(supervisedCasePhotos).get()!.id;
    for (const who of [w.otherLearner, w.outsider, w.otherAdmin]) {
      expect(() => caseDetail(db, who.actor(), id), who.user.email).toThrow(NotFound);
      await expect(casePhotoFile(db, storage, who.actor(), photoId, "full")).rejects.toThrow(NotFound);
      expect(() => countersignCase(db, getCatalogue(), who.actor(), id)).toThrow(NotFound);
      expect(() => returnCase(db, who.actor(), id, "No.")).toThrow(NotFound);
      const page = await call(caseLoader, { request: get(`/logbook/${id}`, who.cookie), params: { caseId: id }, context: contextFor(db) });
      expect(page.status).toBe(404);
      const photo = await call(casePhotoLoader, { request: get(`/logbook/photos/${photoId}`, who.cookie), params: { photoId }, context: contextFor(db) });
      expect(photo.status).toBe(404);
      const sign = await call(caseAction, {
        request: postForm(`/logbook/${id}`, { intent: "countersign" }, who.cookie),
        params: { caseId: id },
        context: contextFor(db),
      });
      expect(sign.status).toBe(404);
    }
    expect(statusOf(id)).toBe("submitted");
    const anonymous = await call(casePhotoLoader, { request: get(`/logbook/photos/${photoId}`), params: { photoId }, context: contextFor(db) });
    expect(anonymous.status).toBe(302);
  });

  it("shows the case and its photo to the learner, their instructor and their clinic's admin, who may not countersign", async () => {
    const w = world();
    const id = await caseWithPhoto(w.learner.user.id);
    const photoId = db.select().from(supervisedCasePhotos).get()!.id;
    for (const who of [w.learner, w.instructor, w.clinicAdmin, w.admin]) {
      expect(caseDetail(db, who.actor(), id).case.id).toBe(id);
      const photo = await call(casePhotoLoader, {
        request: get(`/logbook/photos/${photoId}?size=thumb`, who.cookie),
        params: { photoId },
        context: contextFor(db),
      });
      expect(photo.status, who.user.email).toBe(200);
      expect(photo.headers.get("Content-Type")).toBe("image/jpeg");
      expect(photo.headers.get("X-Content-Type-Options")).toBe("nosniff");
    }
    expect(caseDetail(db, w.instructor.actor(), id).canReview).toBe(true);
    expect(caseDetail(db, w.clinicAdmin.actor(), id).canReview).toBe(false);
    expect(caseDetail(db, w.learner.actor(), id).canReview).toBe(false);
    for (const who of [w.learner, w.clinicAdmin]) expect(() => countersignCase(db, getCatalogue(), who.actor(), id)).toThrow(NotFound);
    expect(statusOf(id)).toBe("submitted");
  });

  it("keeps an instructor of another cohort in the same clinic out of the queue and from countersigning", () => {
    const w = world();
    const id = logCase(db, w.learner.user.id, course(), fields());
    expect(caseQueue(db, w.instructor.actor()).map((c) => c.id)).toEqual([id]);
    expect(caseQueue(db, w.admin.actor()).map((c) => c.id)).toEqual([id]);
    expect(caseQueue(db, w.springInstructor.actor())).toEqual([]);
    expect(caseQueue(db, w.outsider.actor())).toEqual([]);
    expect(() => caseQueue(db, w.learner.actor())).toThrow(NotFound);
    // A learner in two of the instructor's cohorts is listed once.
    const spring = db.select().from(cohorts).where(eq(cohorts.name, "Spring")).get()!;
    db.insert(cohortLearners)
      .values({ cohortId: spring.id, userId: w.learner.user.id, createdAt: Date.now() + 60_000 })
      .run();
    db.insert(cohortInstructors).values({ cohortId: spring.id, userId: w.instructor.user.id }).run();
    expect(caseQueue(db, w.instructor.actor()).map((c) => [c.id, c.cohortName])).toEqual([[id, "Autumn"]]);
    db.delete(cohortInstructors)
      .where(and(eq(cohortInstructors.cohortId, spring.id), eq(cohortInstructors.userId, w.instructor.user.id)))
      .run();
    db.delete(cohortLearners)
      .where(and(eq(cohortLearners.cohortId, spring.id), eq(cohortLearners.userId, w.learner.user.id)))
      .run();
    expect(() => countersignCase(db, getCatalogue(), w.springInstructor.actor(), id)).toThrow(NotFound);
    expect(() => caseDetail(db, w.springInstructor.actor(), id)).toThrow(NotFound);
    expect(statusOf(id)).toBe("submitted");
  });
});

describe("deleting a case and clearing abandoned uploads", () => {
  it("lets the learner delete their own waiting or returned case with its photo files, never a countersigned one or someone else's", async () => {
    const w = world();
    const id = await caseWithPhoto(w.learner.user.id);
    const photo = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, id)).get()!;
    expect(await storage.get(photo.storageKey)).toBeTruthy();
    await expect(deleteCase(db, storage, w.otherLearner.user.id, id)).rejects.toThrow(NotFound);
    const viaRoute = await call(caseAction, {
      request: postForm(`/logbook/${id}`, { intent: "delete" }, w.learner.cookie),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(viaRoute.headers.get("Location")).toBe("/logbook?deleted=1");
    expect(statusOf(id)).toBeUndefined();
    expect(db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, id)).all()).toHaveLength(0);
    expect(await storage.get(photo.storageKey)).toBeNull();

    const signed = logCase(db, w.learner.user.id, course(), fields());
    countersignCase(db, getCatalogue(), w.instructor.actor(), signed);
    await expect(deleteCase(db, storage, w.learner.user.id, signed)).rejects.toThrow(Conflict);
    expect(statusOf(signed)).toBe("countersigned");
  });

  it("prunes photos staged more than two weeks ago, with their files, and keeps recent ones", async () => {
    const w = world();
    const now = Date.now();
    await stageCasePhoto(db, storage, w.learner.user.id, course(), undefined, await jpegWithGps(400, 300), now - 15 * DAY);
    await stageCasePhoto(db, storage, w.learner.user.id, course(), undefined, await jpegWithGps(400, 300), now - DAY);
    const [old, recent] = db.select().from(stagedPhotos).orderBy(stagedPhotos.createdAt).all();
    expect(await pruneStagedPhotos(db, storage, 14 * DAY, now)).toBe(1);
    expect(
      db
        .select()
        .from(stagedPhotos)
        .all()
        .map((s) => s.id),
    ).toEqual([recent!.id]);
    expect(await storage.get(old!.storageKey)).toBeNull();
    expect(await storage.get(recent!.storageKey)).toBeTruthy();
  });
});

describe("countersigning and returning", () => {
  it("leaves a case that names its supervisor to them (or a platform admin) while they still teach the learner", () => {
    const w = world();
    const autumn = db.select().from(cohorts).where(eq(cohorts.name, "Autumn")).get()!;
    const named = person(db, "iris@a.example", "instructor");
    db.insert(memberships).values({ organisationId: autumn.organisationId, userId: named.user.id, role: "instructor" }).run();
    db.insert(cohortInstructors).values({ cohortId: autumn.id, userId: named.user.id }).run();
    const first = logCase(db, w.learner.user.id, course(), fields({ supervisorId: named.user.id }));
    const second = logCase(db, w.learner.user.id, course(), fields({ supervisorId: named.user.id, sessionNumber: 2 }));

    expect(() => countersignCase(db, getCatalogue(), w.instructor.actor(), first)).toThrow(Conflict);
    expect(() => returnCase(db, w.instructor.actor(), first, "Redo")).toThrow(Conflict);
    expect(caseQueue(db, w.instructor.actor()).map((c) => c.id)).not.toContain(first);
    expect(caseQueue(db, named.actor()).map((c) => c.id)).toContain(first);
    expect(statusOf(first)).toBe("submitted");
    countersignCase(db, getCatalogue(), named.actor(), first);
    expect(statusOf(first)).toBe("countersigned");

    // Once the named supervisor no longer teaches the learner, the cohort's other instructors may.
    db.delete(cohortInstructors).where(eq(cohortInstructors.userId, named.user.id)).run();
    countersignCase(db, getCatalogue(), w.instructor.actor(), second);
    expect(statusOf(second)).toBe("countersigned");
  });

  it("refuses a second countersignature with Conflict and changes nothing", async () => {
    const w = world();
    const id = logCase(db, w.learner.user.id, course(), fields());
    const first = Date.now();
    countersignCase(db, getCatalogue(), w.instructor.actor(), id, first);
    expect(() => countersignCase(db, getCatalogue(), w.admin.actor(), id, first + 1000)).toThrow(Conflict);
    expect(() => returnCase(db, w.instructor.actor(), id, "Too late")).toThrow(Conflict);
    const row = db.select().from(supervisedCases).where(eqId(id)).get()!;
    expect(row).toMatchObject({ status: "countersigned", countersignedAt: first, reviewedBy: w.instructor.user.id, returnComment: null });
    const again = await call(caseAction, {
      request: postForm(`/logbook/${id}`, { intent: "countersign" }, w.instructor.cookie),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: "error", error: { "": ["This case is already countersigned."] } });
  });

  it("needs a comment to return a case", async () => {
    const w = world();
    const id = logCase(db, w.learner.user.id, course(), fields());
    expect(() => returnCase(db, w.instructor.actor(), id, "   ")).toThrow(expect.objectContaining({ constructor: Invalid, field: "comment" }));
    const response = await call(caseAction, {
      request: postForm(`/logbook/${id}`, { intent: "return", comment: "" }, w.instructor.cookie),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(response.status).toBe(400);
    expect((response.body as { error: Record<string, string[]> }).error.comment).toEqual(["Say what the learner should change"]);
    expect(statusOf(id)).toBe("submitted");
    expect(db.select().from(notifications).where(eq(notifications.userId, w.learner.user.id)).all()).toHaveLength(0);
  });

  it("lets the learner change and resubmit a returned case, then it can be countersigned", async () => {
    const w = world();
    const id = await caseWithPhoto(w.learner.user.id, { supervisorId: w.instructor.user.id });
    expect(() => resubmitCase(db, getCatalogue(), w.learner.user.id, id, fields())).toThrow(Conflict);
    const returned = await call(caseAction, {
      request: postForm(`/logbook/${id}`, { intent: "return", comment: "The dilution is missing the ratio." }, w.instructor.cookie),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(returned.status).toBe(302);
    expect(db.select().from(supervisedCases).where(eqId(id)).get()).toMatchObject({ status: "returned", returnComment: "The dilution is missing the ratio." });
    const notice = db.select().from(notifications).where(eq(notifications.userId, w.learner.user.id)).get()!;
    expect(notice).toMatchObject({ kind: "case-returned", link: `/logbook/${id}` });
    expect(() => countersignCase(db, getCatalogue(), w.instructor.actor(), id)).toThrow(Conflict);

    // Nobody else can change it, and the learner cannot sneak contact details in.
    expect(() => resubmitCase(db, getCatalogue(), w.otherLearner.user.id, id, fields())).toThrow(NotFound);
    expect(() => resubmitCase(db, getCatalogue(), w.learner.user.id, id, fields({ notes: "mail me: x@y.example" }))).toThrow(Invalid);

    // A photo removed, another added through the case's own slot, the dilution corrected.
    const oldPhoto = db.select().from(supervisedCasePhotos).get()!;
    await removeCasePhoto(db, storage, w.learner.user.id, oldPhoto.id);
    expect(await storage.get(oldPhoto.storageKey)).toBeNull();
    await stageCasePhoto(db, storage, w.learner.user.id, course(), id, await jpegWithGps(640, 480));
    expect(stagedCasePhotos(db, w.learner.user.id, course())).toHaveLength(0);
    const response = await call(caseAction, {
      request: postForm(
        `/logbook/${id}`,
        { ...formFields({ dilution: "1:3 with the maker's diluent", supervisorId: w.instructor.user.id }), intent: "resubmit" },
        w.learner.cookie,
      ),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(response.status).toBe(302);
    const row = db.select().from(supervisedCases).where(eqId(id)).get()!;
    expect(row).toMatchObject({ status: "submitted", dilution: "1:3 with the maker's diluent" });
    expect(
      db
        .select()
        .from(supervisedCasePhotos)
        .all()
        .map((p) => p.width),
    ).toEqual([640]);
    expect(db.select().from(stagedPhotos).all()).toHaveLength(0);
    expect(
      db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, w.instructor.user.id))
        .all()
        .map((n) => n.kind),
    ).toEqual(["case-logged", "case-resubmitted"]);
    await expect(removeCasePhoto(db, storage, w.learner.user.id, db.select().from(supervisedCasePhotos).get()!.id)).rejects.toThrow(Conflict);

    countersignCase(db, getCatalogue(), w.instructor.actor(), id);
    expect(statusOf(id)).toBe("countersigned");
    expect(learnerRecords(db, w.learner.user.id, COURSE).countersignedCases).toBe(1);
  });
});
