import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { supervisedCasePhotos, supervisedCases } from "~/db/schema";
import { getEnv, resetEnvForTests } from "~/env.server";
import type { CaseInput } from "~/modules/certification/case-schema";
import { expiryDate } from "~/modules/certification/eligibility";
import { stageCasePhoto } from "~/modules/certification/case-photos.server";
import { logCase } from "~/modules/certification/cases.server";
import { countersignCase } from "~/modules/certification/countersigning.server";
import { pruneCasePhotos } from "~/modules/certification/photo-retention.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import { enrol } from "~/modules/progress/progress.server";
import { getStorage, type Storage } from "~/modules/storage/storage.server";
import { loader as caseLoader } from "~/routes/logbook_.$caseId";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { jpegWithGps } from "../helpers/images";
import { clinic, cohort, person } from "../helpers/world";

const COURSE = "smp-practitioner";
const DAY = 24 * 60 * 60 * 1000;
let db: Db;
let storage: Storage;

beforeEach(() => {
  db = createTestDb();
  storage = getStorage();
});

/** Clinic A: the learner in cohort Autumn with their instructor. */
function world() {
  const learner = person(db, "lena@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const a = clinic(db, "A", { technicians: [learner], instructors: [instructor] });
  cohort(db, a, "Autumn", { learners: [learner], instructors: [instructor], startsOn: "2024-01-01" });
  enrol(db, learner.user.id, COURSE);
  return { learner, instructor };
}

/** A case with one photo, logged at `at` (performed two days earlier) and countersigned then, if asked. */
async function caseAt(w: ReturnType<typeof world>, at: number, countersign: boolean) {
  const course = findCourse(COURSE);
  await stageCasePhoto(db, storage, w.learner.user.id, course, undefined, await jpegWithGps(640, 480), at);
  const input: CaseInput = {
    performedOn: new Date(at - 2 * DAY).toISOString().slice(0, 10),
    sessionNumber: 1,
    area: "crown",
    hairLossScale: "norwood",
    hairLossStage: "V",
    fitzpatrick: 4,
    needle: "1003RL",
    pigment: "Neutral black",
    dilution: "1:3",
    durationMinutes: 150,
    notes: "",
    supervisorId: null,
    consent: true,
  };
  const id = logCase(db, w.learner.user.id, course, input, at);
  if (countersign) countersignCase(db, getCatalogue(), w.instructor.actor(), id, at);
  const photo = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, id)).get()!;
  return { id, keys: [photo.storageKey, photo.thumbKey] };
}

const photosOf = (caseId: string) => db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, caseId)).all();

describe("retention of logbook photos", () => {
  it("deletes the photos of cases countersigned more than 24 months ago, files and rows, and notes it on the case", async () => {
    const w = world();
    const now = Date.UTC(2026, 4, 15, 12);
    const old = await caseAt(w, expiryDate(now, -24) - DAY, true);
    const young = await caseAt(w, expiryDate(now, -24) + DAY, true);
    const waiting = await caseAt(w, expiryDate(now, -30), false);

    expect(await pruneCasePhotos(db, storage, 24, now)).toBe(1);

    expect(photosOf(old.id)).toEqual([]);
    for (const key of old.keys) expect(await storage.get(key)).toBeNull();
    expect(db.select().from(supervisedCases).where(eq(supervisedCases.id, old.id)).get()).toMatchObject({
      status: "countersigned",
      photosDeletedAt: now,
      photosRetentionMonths: 24,
    });
    // The younger case and the one never countersigned keep theirs.
    for (const kept of [young, waiting]) {
      expect(photosOf(kept.id)).toHaveLength(1);
      for (const key of kept.keys) expect(await storage.get(key)).not.toBeNull();
      expect(db.select().from(supervisedCases).where(eq(supervisedCases.id, kept.id)).get()!.photosDeletedAt).toBeNull();
    }

    // The case page says what happened, to the learner and to the instructor.
    for (const who of [w.learner, w.instructor]) {
      const page = await call(caseLoader, { request: get(`/logbook/${old.id}`, who.cookie), params: { caseId: old.id }, context: contextFor(db) });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ case: { photosDeleted: { on: "2026-05-15", months: 24 } }, photos: [] });
    }
    const youngPage = await call(caseLoader, { request: get(`/logbook/${young.id}`, w.learner.cookie), params: { caseId: young.id }, context: contextFor(db) });
    expect(youngPage.body).toMatchObject({ case: { photosDeleted: null }, photos: [expect.any(Object)] });

    // A second sweep finds nothing; the young case goes once its time comes.
    expect(await pruneCasePhotos(db, storage, 24, now)).toBe(0);
    expect(await pruneCasePhotos(db, storage, 24, now + 2 * DAY)).toBe(1);
    expect(photosOf(young.id)).toEqual([]);
    expect(photosOf(waiting.id)).toHaveLength(1);
  });

  it("takes the period from STIPPLE_CASE_PHOTO_RETENTION_MONTHS, 24 by default", () => {
    expect(getEnv().STIPPLE_CASE_PHOTO_RETENTION_MONTHS).toBe(24);
    process.env.STIPPLE_CASE_PHOTO_RETENTION_MONTHS = "36";
    resetEnvForTests();
    try {
      expect(getEnv().STIPPLE_CASE_PHOTO_RETENTION_MONTHS).toBe(36);
      process.env.STIPPLE_CASE_PHOTO_RETENTION_MONTHS = "0";
      resetEnvForTests();
      expect(() => getEnv()).toThrow(/STIPPLE_CASE_PHOTO_RETENTION_MONTHS/);
    } finally {
      delete process.env.STIPPLE_CASE_PHOTO_RETENTION_MONTHS;
      resetEnvForTests();
    }
  });
});
