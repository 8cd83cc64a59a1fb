import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { certificates, healedReviews, notifications, supervisedCasePhotos, supervisedCases } from "~/db/schema";
import { caseDetail, logCase, ownLogbook } from "~/modules/certification/cases.server";
import type { CaseInput } from "~/modules/certification/case-schema";
import { caseQueue, countersignCase } from "~/modules/certification/countersigning.server";
import type { HealedReviewInput } from "~/modules/certification/healed-review-schema";
import {
  countersignHealedReview,
  healedReviewDetail,
  removeHealedPhoto,
  returnHealedReview,
  saveHealedReview,
  stageHealedPhoto,
} from "~/modules/certification/healed-reviews.server";
import { learnerRecords } from "~/modules/certification/issue.server";
import { casePhotoFile } from "~/modules/certification/case-photos.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import type { Catalogue, Course } from "~/modules/content/load-content.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { enrol } from "~/modules/progress/progress.server";
import { getStorage, type Storage } from "~/modules/storage/storage.server";
import { action as caseAction, loader as caseLoader } from "~/routes/logbook_.$caseId";
import { contextFor, createTestDb } from "../helpers/db";
import { jpegWithGps } from "../helpers/images";
import { call, get, postForm } from "../helpers/http";
import { clinic, cohort, person } from "../helpers/world";

// The healed-result review: a follow-up on a countersigned case 4 to 6 weeks after its session,
// with photos, countersigned like the case, and counted by certification.healedReviews.

const COURSE = "smp-practitioner";
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
const course = () => findCourse(COURSE);
let db: Db;
let storage: Storage;

beforeEach(() => {
  db = createTestDb();
  storage = getStorage();
});

function world() {
  const learner = person(db, "lena@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const otherLearner = person(db, "otto@a.example");
  const outsider = person(db, "olga@b.example", "instructor");
  const a = clinic(db, "A", { technicians: [learner, otherLearner], instructors: [instructor] });
  clinic(db, "B", { instructors: [outsider] });
  cohort(db, a, "Autumn", { learners: [learner, otherLearner], instructors: [instructor] });
  enrol(db, learner.user.id, COURSE);
  enrol(db, otherLearner.user.id, COURSE);
  return { learner, instructor, otherLearner, outsider };
}

function caseFields(performedOn: string): CaseInput {
  return {
    performedOn,
    sessionNumber: 1,
    area: "hairline",
    hairLossScale: "norwood",
    hairLossStage: "III",
    fitzpatrick: 4,
    needle: "1203RL",
    pigment: "Neutral black",
    dilution: "1:2 with sterile water",
    durationMinutes: 180,
    notes: "",
    supervisorId: null,
    consent: true,
  };
}

/** A case performed `days` ago, countersigned by the instructor. */
function countersignedCaseFrom(w: ReturnType<typeof world>, days: number, c: Course = course(), catalogue: Catalogue = getCatalogue()): string {
  const id = logCase(db, w.learner.user.id, c, caseFields(daysAgo(days)));
  countersignCase(db, catalogue, w.instructor.actor(), id);
  return id;
}

function review(overrides: Partial<HealedReviewInput> = {}): HealedReviewInput {
  return {
    reviewedOn: daysAgo(1),
    healedColour: "as-planned",
    retention: "patchy",
    spread: "none",
    reaction: false,
    nextStep: "top-up",
    notes: "Faded at the temples where the skin is thinner; top-up booked.",
    consent: true,
    ...overrides,
  };
}

const stage = async (learnerId: string, caseId: string) => stageHealedPhoto(db, storage, getCatalogue(), learnerId, caseId, await jpegWithGps(800, 600));
const reviewRow = (caseId: string) => db.select().from(healedReviews).where(eq(healedReviews.caseId, caseId)).get();

describe("logging a healed-result review", () => {
  it("waits for the case to be countersigned and for the 4-week mark", async () => {
    const w = world();
    const waiting = logCase(db, w.learner.user.id, course(), caseFields(daysAgo(30)));
    await expect(stage(w.learner.user.id, waiting)).rejects.toBeInstanceOf(Conflict);
    expect(() => saveHealedReview(db, getCatalogue(), w.learner.user.id, waiting, review())).toThrow(Conflict);

    const tooSoon = countersignedCaseFrom(w, 20);
    await expect(stage(w.learner.user.id, tooSoon)).rejects.toThrow(/window has not opened/);
    const detail = healedReviewDetail(db, w.learner.actor(), db.select().from(supervisedCases).where(eq(supervisedCases.id, tooSoon)).get()!);
    expect(detail.canWrite).toBe(false);
    expect(reviewRow(waiting)).toBeUndefined();
    expect(reviewRow(tooSoon)).toBeUndefined();
  });

  it("refuses a day outside 4 to 6 weeks, no photo, and a reaction without a medical referral, storing nothing", async () => {
    const w = world();
    const id = countersignedCaseFrom(w, 30);
    // 2 days after the session is not a healed result.
    const early = () => saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review({ reviewedOn: daysAgo(28) }));
    expect(early).toThrow(Invalid);
    expect(early).toThrow(/4 to 6 weeks/);
    try {
      saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review());
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ field: "photos" });
    }
    await stage(w.learner.user.id, id);
    try {
      saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review({ reaction: true, nextStep: "top-up" }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Invalid);
      expect(error).toMatchObject({ field: "nextStep" });
    }
    expect(reviewRow(id)).toBeUndefined();
    expect(db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, id)).all()).toHaveLength(0);
  });

  it("stores the review with its photos as the case's healed views, and puts it in the instructor's queue", async () => {
    const w = world();
    const id = countersignedCaseFrom(w, 31);
    await stage(w.learner.user.id, id);
    await stage(w.learner.user.id, id);
    saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review({ reaction: true, nextStep: "medical" }));
    expect(reviewRow(id)).toMatchObject({ status: "submitted", reaction: true, nextStep: "medical", reviewedOn: daysAgo(1) });
    const photos = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, id)).all();
    expect(photos.map((p) => p.stage)).toEqual(["healed", "healed"]);
    // The case's own photo list stays the session's.
    expect(caseDetail(db, w.learner.actor(), id).photos).toHaveLength(0);
    // The instructor sees it waiting, and may open its photos; another clinic's instructor may not.
    const queue = caseQueue(db, w.instructor.actor());
    expect(queue).toEqual([expect.objectContaining({ id, kind: "healed" })]);
    expect(caseQueue(db, w.outsider.actor())).toEqual([]);
    await expect(casePhotoFile(db, storage, w.instructor.actor(), photos[0]!.id, "thumb")).resolves.toBeTruthy();
    await expect(casePhotoFile(db, storage, w.outsider.actor(), photos[0]!.id, "thumb")).rejects.toBeInstanceOf(NotFound);
    const told = db.select().from(notifications).where(eq(notifications.userId, w.instructor.user.id)).all();
    expect(told.map((n) => n.kind)).toContain("healed-review-logged");
    // Logged once: a second review of the same case is refused while this one waits.
    expect(() => saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review())).toThrow(Conflict);
  });

  it("answers NotFound to another learner and to an instructor of another clinic", async () => {
    const w = world();
    const id = countersignedCaseFrom(w, 30);
    await expect(stage(w.otherLearner.user.id, id)).rejects.toBeInstanceOf(NotFound);
    expect(() => saveHealedReview(db, getCatalogue(), w.otherLearner.user.id, id, review())).toThrow(NotFound);
    await stage(w.learner.user.id, id);
    saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review());
    expect(() => countersignHealedReview(db, getCatalogue(), w.outsider.actor(), id)).toThrow(NotFound);
    expect(() => returnHealedReview(db, w.outsider.actor(), id, "No")).toThrow(NotFound);
    expect(() => countersignHealedReview(db, getCatalogue(), w.otherLearner.actor(), id)).toThrow(NotFound);
    expect(reviewRow(id)?.status).toBe("submitted");
  });
});

describe("countersigning a healed-result review", () => {
  it("returns it with a comment, takes the learner's changes and a new photo, then counts it once countersigned", async () => {
    const w = world();
    const id = countersignedCaseFrom(w, 35);
    await stage(w.learner.user.id, id);
    saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review());
    expect(() => returnHealedReview(db, w.instructor.actor(), id, "  ")).toThrow(Invalid);
    returnHealedReview(db, w.instructor.actor(), id, "The photos are in different light from the session's: retake them by the window.");
    expect(reviewRow(id)).toMatchObject({ status: "returned" });
    expect(() => countersignHealedReview(db, getCatalogue(), w.instructor.actor(), id)).toThrow(Conflict);

    // The learner swaps the photo and resubmits.
    const old = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, id)).get()!;
    await removeHealedPhoto(db, storage, w.learner.user.id, old.id);
    await stage(w.learner.user.id, id);
    saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review({ notes: "Retaken by the window, as the session's were." }));
    expect(reviewRow(id)).toMatchObject({ status: "submitted", notes: "Retaken by the window, as the session's were." });
    expect(db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, id)).all()).toHaveLength(1);

    expect(learnerRecords(db, w.learner.user.id, COURSE).countersignedHealedReviews).toBe(0);
    countersignHealedReview(db, getCatalogue(), w.instructor.actor(), id);
    expect(reviewRow(id)).toMatchObject({ status: "countersigned", reviewedBy: w.instructor.user.id });
    expect(learnerRecords(db, w.learner.user.id, COURSE).countersignedHealedReviews).toBe(1);
    const book = ownLogbook(db, w.learner.user.id, course());
    expect(book).toMatchObject({ healedCountersigned: 1, healedRequired: course().certification!.healedReviews });
    expect(() => countersignHealedReview(db, getCatalogue(), w.instructor.actor(), id)).toThrow(Conflict);
    // A countersigned review no longer changes, nor do its photos.
    expect(() => saveHealedReview(db, getCatalogue(), w.learner.user.id, id, review())).toThrow(Conflict);
  });

  it("issues the certificate when the healed-result review was the last requirement", async () => {
    const w = world();
    const real = course();
    const onlyCases: Course = {
      ...real,
      modules: [],
      practicals: [],
      exam: null,
      certification: { ...real.certification!, practicals: [], finalExam: false, supervisedCases: 1, healedReviews: 1 },
    };
    const catalogue: Catalogue = { courses: [onlyCases], bySlug: new Map([[COURSE, onlyCases]]) };
    const id = countersignedCaseFrom(w, 30, onlyCases, catalogue);
    // The case alone is not enough any more.
    expect(db.select().from(certificates).all()).toHaveLength(0);
    await stageHealedPhoto(db, storage, catalogue, w.learner.user.id, id, await jpegWithGps(800, 600));
    saveHealedReview(db, catalogue, w.learner.user.id, id, review());
    const result = countersignHealedReview(db, catalogue, w.instructor.actor(), id);
    const cert = db.select().from(certificates).get()!;
    expect(result.certificateId).toBe(cert.id);
    expect(cert.transcript?.healedReviews).toMatchObject({ count: 1, dates: [daysAgo(1)] });
  });
});

describe("the case page", () => {
  it("offers the form to the learner once the window opens, countersigning to the instructor, and 404 to others", async () => {
    const w = world();
    const id = countersignedCaseFrom(w, 30);
    const page = await call(caseLoader, { request: get(`/logbook/${id}`, w.learner.cookie), params: { caseId: id }, context: contextFor(db) });
    expect(page.body).toMatchObject({ healed: { review: null, write: { staged: [] }, window: { from: daysAgo(2), to: daysAgo(-12) } } });

    // A bad form answers 400 with the error next to its field and stores nothing.
    const bad = await call(caseAction, {
      request: postForm(
        `/logbook/${id}`,
        { intent: "healed", reviewedOn: daysAgo(29), healedColour: "as-planned", retention: "even", spread: "none", nextStep: "none", consent: "on" },
        w.learner.cookie,
      ),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("4 to 6 weeks");
    expect(reviewRow(id)).toBeUndefined();

    await stage(w.learner.user.id, id);
    const ok = await call(caseAction, {
      request: postForm(
        `/logbook/${id}`,
        { intent: "healed", reviewedOn: daysAgo(0), healedColour: "lighter", retention: "even", spread: "few", nextStep: "top-up", consent: "on" },
        w.learner.cookie,
      ),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(ok.status).toBe(302);
    expect(reviewRow(id)).toMatchObject({ status: "submitted", healedColour: "lighter", spread: "few", reaction: false });

    const forOther = await call(caseAction, {
      request: postForm(`/logbook/${id}`, { intent: "countersign-healed" }, w.outsider.cookie),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(forOther.status).toBe(404);
    const instructorPage = await call(caseLoader, { request: get(`/logbook/${id}`, w.instructor.cookie), params: { caseId: id }, context: contextFor(db) });
    expect(instructorPage.body).toMatchObject({ healed: { canReview: true, write: null, review: { status: "submitted" } } });
    const sign = await call(caseAction, {
      request: postForm(`/logbook/${id}`, { intent: "countersign-healed" }, w.instructor.cookie),
      params: { caseId: id },
      context: contextFor(db),
    });
    expect(sign.status).toBe(302);
    expect(reviewRow(id)?.status).toBe("countersigned");
  });
});
