import { eq } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import {
  cohortInstructors,
  cohorts,
  emailOutbox,
  memberships,
  notifications,
  organisations,
  stagedPhotos,
  submissionPins,
  submissions,
  submissionScores,
} from "~/db/schema";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { claimSubmission, gradeSubmission, reviewQueue } from "~/modules/practicals/review.server";
import { listStaged, stagePhoto } from "~/modules/photos/staging.server";
import { findPractical, photoFile, submissionDetail, submitPractical } from "~/modules/practicals/submissions.server";
import { enrol } from "~/modules/progress/progress.server";
import { localDiskStorage, type Storage } from "~/modules/storage/storage.server";
import { loader as photoLoader } from "~/routes/photos.$photoId";
import { loader as submissionLoader } from "~/routes/submissions.$id";
import { contextFor, createTestDb } from "../helpers/db";
import { fileWith, jpegWithGps, pixelBomb } from "../helpers/images";
import { call, get } from "../helpers/http";
import { clinic, cohort, person, secondMarkingRate } from "../helpers/world";

const COURSE = "smp-practitioner";
const PRACTICAL = "dot-consistency-grid";
let db: Db;
let storage: Storage;
let storageRoot: string;

const course = () => findCourse(COURSE);
const practical = () => findPractical(course(), PRACTICAL);

/** Clinic A with a cohort: the learner, their instructor; clinic B with its own instructor and admin. */
function world() {
  const learner = person(db, "lena@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const otherLearner = person(db, "otto@a.example");
  const outsider = person(db, "olga@b.example", "instructor");
  const otherAdmin = person(db, "bob@b.example", "clinic_admin");
  const a = clinic(db, "A", { technicians: [learner, otherLearner], instructors: [instructor] });
  clinic(db, "B", { instructors: [outsider], admins: [otherAdmin] });
  cohort(db, a, "Autumn", { learners: [learner, otherLearner], instructors: [instructor] });
  secondMarkingRate(db, a, 0); // single marking here; second marking is tested in second-marking.test.ts
  enrol(db, learner.user.id, COURSE);
  enrol(db, otherLearner.user.id, COURSE);
  return { learner, instructor, otherLearner, outsider, otherAdmin };
}

async function submitWork(learnerId: string, photos = 3) {
  for (let i = 0; i < photos; i++) await stagePhoto(db, storage, learnerId, course(), practical(), await jpegWithGps());
  return submitPractical(db, learnerId, course(), practical(), { note: "First grid", consent: true });
}

const fullMarks = () => Object.fromEntries(practical().rubric.criteria.map((c) => [c.id, c.levels.length - 1]));

beforeEach(() => {
  db = createTestDb();
  storageRoot = fs.mkdtempSync(path.join(process.env.STIPPLE_DATA_DIR!, "store-"));
  storage = localDiskStorage(storageRoot);
});

/** Every file the store holds. */
const storedFiles = () => fs.readdirSync(storageRoot, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

describe("uploading photos", () => {
  it("re-encodes a JPEG: the stored photo and thumbnail carry no EXIF or GPS, and the upload file is gone", async () => {
    const { learner } = world();
    const upload = await jpegWithGps();
    const before = await sharp(upload.path).metadata();
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer is there before
    const staged = await stagePhoto(db, storage, learner.user.id, course(), practical(), upload);
    expect(fs.existsSync(upload.path)).toBe(false);
    for (const key of [staged.storageKey, staged.thumbKey]) {
      const file = (await storage.get(key))!;
      const meta = await sharp(file.bytes).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(file.bytes.includes(Buffer.from("PhoneCo"))).toBe(false);
    }
    expect(staged).toMatchObject({ width: 1600, height: 1200, contentType: "image/jpeg" });
  });

  it("refuses an SVG, an HTML page and a text file named .jpg, storing nothing", async () => {
    const { learner } = world();
    for (const fake of [
      fileWith("grid.jpg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      fileWith("grid.jpg", "<!DOCTYPE html><html><body>hi</body></html>"),
      fileWith("grid.jpeg", "plain words"),
    ]) {
      await expect(stagePhoto(db, storage, learner.user.id, course(), practical(), fake)).rejects.toThrow(/not a JPEG, PNG, WebP or HEIC/);
      expect(fs.existsSync(fake.path)).toBe(false);
    }
    expect(db.select().from(stagedPhotos).all()).toHaveLength(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it("refuses an oversized file and a pixel bomb, storing nothing", async () => {
    const { learner } = world();
    const big = await jpegWithGps();
    await expect(stagePhoto(db, storage, learner.user.id, course(), practical(), { ...big, size: 16 * 1024 * 1024 })).rejects.toThrow(/at most 15 MB/);
    await expect(stagePhoto(db, storage, learner.user.id, course(), practical(), pixelBomb())).rejects.toThrow(/too many pixels/);
    expect(db.select().from(stagedPhotos).all()).toHaveLength(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it("refuses more photos than the brief allows and a submission without consent or enough photos", async () => {
    const { learner } = world();
    const max = practical().photos.max;
    for (let i = 0; i < max; i++) await stagePhoto(db, storage, learner.user.id, course(), practical(), await jpegWithGps(400, 300));
    await expect(stagePhoto(db, storage, learner.user.id, course(), practical(), await jpegWithGps(400, 300))).rejects.toThrow(/at most/);
    expect(() => submitPractical(db, learner.user.id, course(), practical(), { note: "", consent: false })).toThrow(/agreed/);
    expect(db.select().from(submissions).all()).toHaveLength(0);
    expect(listStaged(db, learner.user.id, course(), practical())).toHaveLength(max);
  });
});

describe("who may see a submission", () => {
  it("answers 404 to another learner, an instructor of another clinic, another clinic's admin and a signed-out visitor", async () => {
    const w = world();
    const id = await submitWork(w.learner.user.id);
    const photoId = submissionDetail(db, w.learner.actor(), id).versions[0]!.photos[0]!.id;
    for (const who of [w.otherLearner, w.outsider, w.otherAdmin]) {
      expect(() => submissionDetail(db, who.actor(), id), who.user.email).toThrow(NotFound);
      await expect(photoFile(db, storage, who.actor(), photoId, "full")).rejects.toThrow(NotFound);
      const page = await call(submissionLoader, { request: get(`/submissions/${id}`, who.cookie), params: { id }, context: contextFor(db) });
      expect(page.status).toBe(404);
      const photo = await call(photoLoader, { request: get(`/photos/${photoId}`, who.cookie), params: { photoId }, context: contextFor(db) });
      expect(photo.status).toBe(404);
    }
    const anonymous = await call(photoLoader, { request: get(`/photos/${photoId}`), params: { photoId }, context: contextFor(db) });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });

  it("serves the learner and their instructor the photo", async () => {
    const w = world();
    const id = await submitWork(w.learner.user.id);
    const photoId = submissionDetail(db, w.learner.actor(), id).versions[0]!.photos[0]!.id;
    for (const who of [w.learner, w.instructor]) {
      const file = await photoFile(db, storage, who.actor(), photoId, "thumb");
      expect(file.contentType).toBe("image/jpeg");
      expect((await sharp(file.bytes).metadata()).width).toBeLessThanOrEqual(480);
    }
  });
});

describe("grading", () => {
  it("puts new work in the cohort instructor's queue (only theirs) and notifies them", async () => {
    const w = world();
    const id = await submitWork(w.learner.user.id);
    expect(reviewQueue(db, w.instructor.actor()).map((q) => q.id)).toEqual([id]);
    expect(reviewQueue(db, w.outsider.actor())).toEqual([]);
    expect(() => reviewQueue(db, w.learner.actor())).toThrow(NotFound);
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .map((n) => n.userId),
    ).toEqual([w.instructor.user.id]);
    expect(
      db
        .select()
        .from(emailOutbox)
        .all()
        .map((m) => m.to),
    ).toEqual(["ines@a.example"]);
  });

  it("stores scores, pins, verdict and feedback together, and tells the learner", async () => {
    const w = world();
    const id = await submitWork(w.learner.user.id);
    const photoId = submissionDetail(db, w.instructor.actor(), id).versions[0]!.photos[0]!.id;
    claimSubmission(db, w.instructor.actor(), id);
    const result = gradeSubmission(db, getCatalogue(), w.instructor.actor(), id, {
      scores: fullMarks(),
      pins: [
        { photoId, x: 0.2, y: 0.3, comment: "Crisp dots here", criterionId: practical().rubric.criteria[0]!.id },
        { photoId, x: 0.7, y: 0.6, comment: "Spacing widens", criterionId: null },
      ],
      verdict: "pass",
      feedback: "Consistent work.",
    });
    expect(result.status).toBe("passed");
    expect(db.select().from(submissionScores).all()).toHaveLength(practical().rubric.criteria.length);
    expect(
      db
        .select()
        .from(submissionPins)
        .all()
        .map((p) => p.number),
    ).toEqual([1, 2]);
    const learnerNotice = db
      .select()
      .from(notifications)
      .all()
      .find((n) => n.userId === w.learner.user.id);
    expect(learnerNotice?.link).toBe(`/submissions/${id}`);
  });

  it("refuses a pass below the pass mark and writes nothing", async () => {
    const w = world();
    const id = await submitWork(w.learner.user.id);
    const zero = Object.fromEntries(practical().rubric.criteria.map((c) => [c.id, 0]));
    expect(() => gradeSubmission(db, getCatalogue(), w.instructor.actor(), id, { scores: zero, pins: [], verdict: "pass", feedback: "" })).toThrow(Invalid);
    expect(db.select().from(submissionScores).all()).toHaveLength(0);
    expect(db.select().from(submissions).get()!.status).toBe("submitted");
  });

  it("refuses a pass when a must-pass criterion is at its lowest level, however high the total", async () => {
    const w = world();
    const id = await submitWork(w.learner.user.id);
    const critical = practical().rubric.criteria.find((c) => c.critical)!;
    expect(critical).toBeDefined();
    const scores = { ...fullMarks(), [critical.id]: 0 };
    expect(() => gradeSubmission(db, getCatalogue(), w.instructor.actor(), id, { scores, pins: [], verdict: "pass", feedback: "" })).toThrow(
      /A pass is not possible/,
    );
    expect(db.select().from(submissionScores).all()).toHaveLength(0);
    expect(db.select().from(submissions).get()!.status).toBe("submitted");
    gradeSubmission(db, getCatalogue(), w.instructor.actor(), id, { scores, pins: [], verdict: "revise", feedback: "Two blow-outs in row 4: redo the grid." });
    expect(db.select().from(submissions).get()!.status).toBe("revise");
  });

  it("lets one of two graders win; the other is told and changes nothing", async () => {
    const w = world();
    const second = person(db, "ivan@a.example", "instructor");
    db.insert(memberships)
      .values({ organisationId: db.select().from(organisations).where(eq(organisations.name, "A")).get()!.id, userId: second.user.id, role: "instructor" })
      .run();
    db.insert(cohortInstructors)
      .values({ cohortId: db.select().from(cohorts).where(eq(cohorts.name, "Autumn")).get()!.id, userId: second.user.id })
      .run();
    const id = await submitWork(w.learner.user.id);
    expect(claimSubmission(db, w.instructor.actor(), id).claimedByOther).toBeNull();
    expect(claimSubmission(db, second.actor(), id).claimedByOther).toBe("ines");
    expect(() => gradeSubmission(db, getCatalogue(), second.actor(), id, { scores: fullMarks(), pins: [], verdict: "pass", feedback: "" })).toThrow(
      /Another instructor/,
    );
    gradeSubmission(db, getCatalogue(), w.instructor.actor(), id, { scores: fullMarks(), pins: [], verdict: "pass", feedback: "" });
    expect(() =>
      gradeSubmission(db, getCatalogue(), w.instructor.actor(), id, { scores: fullMarks(), pins: [], verdict: "fail", feedback: "Changed my mind." }),
    ).toThrow(Conflict);
    expect(db.select().from(submissions).get()!.status).toBe("passed");
    expect(db.select().from(submissionScores).all()).toHaveLength(practical().rubric.criteria.length);
  });

  it("keeps every version and its feedback through revise and resubmit", async () => {
    const w = world();
    const first = await submitWork(w.learner.user.id);
    await expect(submitWork(w.learner.user.id)).rejects.toThrow(/still waiting/);
    gradeSubmission(db, getCatalogue(), w.instructor.actor(), first, {
      scores: Object.fromEntries(practical().rubric.criteria.map((c) => [c.id, 1])),
      pins: [],
      verdict: "revise",
      feedback: "Rows drift in the lower half.",
    });
    db.delete(stagedPhotos).run();
    const second = await submitWork(w.learner.user.id);
    const detail = submissionDetail(db, w.learner.actor(), second);
    expect(detail.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "submitted"],
      [1, "revise"],
    ]);
    expect(detail.versions[1]!.feedback).toBe("Rows drift in the lower half.");
    expect(detail.versions[1]!.photos).toHaveLength(3);
  });
});

describe("the photo route", () => {
  it("answers with the stored type, nosniff, private caching and a sandbox", async () => {
    const w = world();
    const id = await submitWork(w.learner.user.id);
    const photoId = submissionDetail(db, w.learner.actor(), id).versions[0]!.photos[0]!.id;
    // The route reads from the configured store; point it at this test's files.
    const { photoResponse } = await import("~/http/photo-response.server");
    const response = photoResponse(await photoFile(db, storage, w.learner.actor(), photoId, "full"));
    expect(response.headers.get("Content-Type")).toBe("image/jpeg");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toMatch(/^private/);
    expect(response.headers.get("Content-Security-Policy")).toMatch(/sandbox/);
    expect(photoResponse({ bytes: Buffer.from("<svg/>"), contentType: "image/svg+xml" }).status).toBe(404);
  });
});

describe("phone formats", () => {
  it("turns a photo the right way up from its EXIF orientation, then drops the tag", async () => {
    const { learner } = world();
    const file = path.join(fs.mkdtempSync(path.join(process.env.STIPPLE_DATA_DIR!, "rot-")), "sideways.jpg");
    // Stored landscape, tagged "rotate 90° clockwise to view": a phone held upright.
    await sharp({ create: { width: 400, height: 200, channels: 3, background: "#c0a890" } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toFile(file);
    const staged = await stagePhoto(db, storage, learner.user.id, course(), practical(), { path: file, size: fs.statSync(file).size, name: "sideways.jpg" });
    expect([staged.width, staged.height]).toEqual([200, 400]);
    const meta = await sharp((await storage.get(staged.storageKey))!.bytes).metadata();
    expect(meta.orientation).toBeUndefined();
  });

  it("converts an HEVC-coded HEIC from a phone to a plain JPEG", async () => {
    const { learner } = world();
    // Made with libheif's heif-enc (x265): the codec iPhones use, which libvips here cannot read.
    const copy = path.join(fs.mkdtempSync(path.join(process.env.STIPPLE_DATA_DIR!, "heic-")), "IMG_0002.HEIC");
    fs.copyFileSync(path.resolve("tests/fixtures/photos/tiny-hevc.heic"), copy);
    const staged = await stagePhoto(db, storage, learner.user.id, course(), practical(), { path: copy, size: fs.statSync(copy).size, name: "IMG_0002.HEIC" });
    const stored = (await storage.get(staged.storageKey))!;
    const meta = await sharp(stored.bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([96, 64]);
    // The dark square drawn at (20, 20) survived decoding.
    const { data } = await sharp(stored.bytes).extract({ left: 24, top: 24, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]!).toBeLessThan(80);
  });

  it("accepts a HEIF photo (AV1-coded here) and stores it as a plain JPEG", async () => {
    const { learner } = world();
    const dir = fs.mkdtempSync(path.join(process.env.STIPPLE_DATA_DIR!, "heif-"));
    const file = path.join(dir, "IMG_4032.HEIC");
    await sharp({ create: { width: 800, height: 600, channels: 3, background: "#b8a090" } })
      .heif({ compression: "av1" })
      .toFile(file);
    const staged = await stagePhoto(db, storage, learner.user.id, course(), practical(), { path: file, size: fs.statSync(file).size, name: "IMG_4032.HEIC" });
    const stored = (await storage.get(staged.storageKey))!;
    expect((await sharp(stored.bytes).metadata()).format).toBe("jpeg");
    expect(staged).toMatchObject({ width: 800, height: 600, contentType: "image/jpeg" });
  });
});
