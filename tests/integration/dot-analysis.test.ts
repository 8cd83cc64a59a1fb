import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { photoAnalyses } from "~/db/schema";
import { measureStoredPhoto, stagedPhotosWithAnalysis, submissionPhotoSummaries } from "~/modules/analysis/photo-analysis.server";
import { stopAnalysisWorker } from "~/modules/analysis/run-analysis.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { stagePhoto } from "~/modules/photos/staging.server";
import { findPractical, submissionDetail, submitPractical } from "~/modules/practicals/submissions.server";
import { enrol } from "~/modules/progress/progress.server";
import { localDiskStorage, type Storage } from "~/modules/storage/storage.server";
import { loader as analysisLoader } from "~/routes/photos.$photoId_.analysis[.json]";
import { makeScene, renderScene, truthOf } from "~/modules/demo/practice-photos.server";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { clinic, cohort, person, secondMarkingRate } from "../helpers/world";

const COURSE = "smp-practitioner";
const course = () => findCourse(COURSE);
const practical = () => findPractical(course(), "dot-consistency-grid");
let db: Db;
let storage: Storage;

beforeEach(() => {
  db = createTestDb();
  storage = localDiskStorage(fs.mkdtempSync(path.join(process.env.STIPPLE_DATA_DIR!, "store-")));
});
afterAll(() => stopAnalysisWorker());

function world() {
  const learner = person(db, "lena@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const otherLearner = person(db, "otto@a.example");
  const outsider = person(db, "olga@b.example", "instructor");
  const a = clinic(db, "A", { technicians: [learner, otherLearner], instructors: [instructor] });
  clinic(db, "B", { instructors: [outsider] });
  cohort(db, a, "Autumn", { learners: [learner, otherLearner], instructors: [instructor] });
  secondMarkingRate(db, a, 0);
  enrol(db, learner.user.id, COURSE);
  return { learner, instructor, otherLearner, outsider };
}

/** A generated practice photo as an upload file. */
async function practicePhoto(seed: number, name: string) {
  const scene = makeScene(seed, { widthPx: 1000, heightPx: 750, pattern: "poisson", pxPerMm: 20, baseDiameterMm: 0.6 });
  const file = path.join(process.env.STIPPLE_DATA_DIR!, `${name}.jpg`);
  const bytes = await renderScene(scene);
  fs.writeFileSync(file, bytes);
  return { scene, upload: { path: file, size: bytes.length, name } };
}

describe("dot analysis of uploaded practice photos", () => {
  it("measures a photo after upload, keeps the result with the photo into the submission, and serves it as JSON to the learner and the grader only", async () => {
    const w = world();
    const { scene, upload } = await practicePhoto(21, "grid-1");
    const staged = await stagePhoto(db, storage, w.learner.user.id, course(), practical(), upload);
    await measureStoredPhoto(db, storage, staged.storageKey);
    const stored = db.select().from(photoAnalyses).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ storageKey: staged.storageKey, measured: true });

    // The learner sees the figures under the photo before submitting.
    const [shown] = stagedPhotosWithAnalysis(db, w.learner.user.id, course(), practical());
    expect(shown!.analysis).toMatchObject({ ok: true, count: truthOf(scene).centres.length, scaleSource: "card" });

    for (let i = 0; i < 2; i++) await stagePhoto(db, storage, w.learner.user.id, course(), practical(), (await practicePhoto(30 + i, `extra-${i}`)).upload);
    const id = submitPractical(db, w.learner.user.id, course(), practical(), { note: "Grid", consent: true });
    const photos = submissionDetail(db, w.learner.actor(), id).versions[0]!.photos;
    const photoId = photos.find((p) => p.position === 0)!.id;
    expect(submissionPhotoSummaries(db, [photoId])[photoId]).toMatchObject({ ok: true, count: truthOf(scene).centres.length });

    for (const who of [w.learner, w.instructor]) {
      const response = await call(analysisLoader, {
        request: get(`/photos/${photoId}/analysis.json`, who.cookie),
        params: { photoId },
        context: contextFor(db),
      });
      expect(response.status, who.user.email).toBe(200);
      const body = response.body as { photoId: string; analysis: { ok: boolean; count: number; spacingMm: { median: number } } };
      expect(body.analysis.ok).toBe(true);
      expect(body.analysis.count).toBe(truthOf(scene).centres.length);
      expect(body.analysis.spacingMm.median).toBeGreaterThan(0);
    }
    for (const who of [w.otherLearner, w.outsider]) {
      const response = await call(analysisLoader, {
        request: get(`/photos/${photoId}/analysis.json`, who.cookie),
        params: { photoId },
        context: contextFor(db),
      });
      expect(response.status, who.user.email).toBe(404);
    }
    const anonymous = await call(analysisLoader, { request: get(`/photos/${photoId}/analysis.json`), params: { photoId }, context: contextFor(db) });
    expect(anonymous.status).toBe(302);
  });

  it("keeps a photo it cannot measure with the reason, and the upload still succeeds", async () => {
    const w = world();
    const blank = path.join(process.env.STIPPLE_DATA_DIR!, "blank.jpg");
    const sharp = (await import("sharp")).default;
    fs.writeFileSync(
      blank,
      await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 210, g: 170, b: 140 } } })
        .jpeg()
        .toBuffer(),
    );
    const staged = await stagePhoto(db, storage, w.learner.user.id, course(), practical(), { path: blank, size: fs.statSync(blank).size, name: "blank.jpg" });
    const result = await measureStoredPhoto(db, storage, staged.storageKey);
    expect(result.ok).toBe(false);
    const [shown] = stagedPhotosWithAnalysis(db, w.learner.user.id, course(), practical());
    expect(shown!.analysis).toMatchObject({ ok: false });
    expect(shown!.analysis && !shown!.analysis.ok && shown!.analysis.reason).toMatch(/dark enough|dots were found/);
  });
});
