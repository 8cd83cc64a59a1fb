import { eq } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Db, DbOrTx } from "~/db/client.server";
import {
  photoAnalyses,
  benchmarks,
  cohortInstructors,
  cohortLearners,
  cohorts,
  grades,
  memberships,
  standardisationRuns,
  standardisationScores,
  submissionPhotos,
  submissions,
  submissionScores,
  type GradeKind,
  type Verdict,
} from "~/db/schema";
import type { Course, PracticalMeta } from "~/modules/content/load-content.server";
import { enrol } from "~/modules/progress/progress.server";
import { needsModeration } from "~/modules/practicals/marking";
import { criticalFailures, rubricTotal, type RubricScores } from "~/modules/practicals/rubric";
import type { StoredPhoto } from "~/modules/photos/stored.server";
import type { DotAnalysis } from "~/modules/analysis/analyse";
import { analysePhotoBytes } from "~/modules/analysis/analyse-photo.server";
import { makeScene, renderScene, type SceneOptions } from "./practice-photos.server";
import type { Storage } from "~/modules/storage/storage.server";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Trainees of the demo clinic's assessed cohort: their dot grids were double-marked (enough
 * pairs for the agreement figures), three are benchmarks, and two pieces are still being marked.
 */
export const DEMO_TRAINEES = [
  "Amir Haddad",
  "Bea Lindqvist",
  "Chidi Okafor",
  "Dana Kowalski",
  "Elif Demir",
  "Femi Adeyemi",
  "Greta Novak",
  "Hana Sato",
  "Ivo Maric",
  "Jade Thompson",
  "Kai Muller",
  "Luz Romero",
  "Nia Patel",
  "Omar Farouk",
].map((name) => ({ name, email: `${name.toLowerCase().replace(/\s+/g, ".")}@trainee.demo.stipple` }));

/**
 * The generated practice photos each demo practical shows (app/modules/demo/practice-photos):
 * photos of dots with the calibration card, so the dot analysis has real work to measure — a
 * lattice on the grid (which it should call a grid), random and clustered work elsewhere.
 */
const GENERATED_PHOTOS: Record<string, Array<{ seed: number; options: SceneOptions }>> = {
  "dot-consistency-grid": [
    { seed: 101, options: { pattern: "grid", skinTone: 1, baseDiameterMm: 0.55, pxPerMm: 22 } },
    { seed: 102, options: { pattern: "poisson", skinTone: 3, baseDiameterMm: 0.5, pxPerMm: 24 } },
    { seed: 103, options: { pattern: "clustered", skinTone: 4, baseDiameterMm: 0.7, pxPerMm: 20 } },
  ],
  "density-layering": [
    { seed: 111, options: { pattern: "poisson", skinTone: 2, baseDiameterMm: 0.6, pxPerMm: 22 } },
    { seed: 112, options: { pattern: "clustered", skinTone: 5, baseDiameterMm: 0.5, pxPerMm: 24 } },
  ],
  "hairline-design": [{ seed: 121, options: { pattern: "poisson", skinTone: 0, baseDiameterMm: 0.45, pxPerMm: 26 } }],
};

/**
 * Demo photos of practice work, stored like uploads: generated practice photos where the
 * practical has some (measured by the dot analysis, as an upload is), otherwise the practical's
 * own example illustrations rendered as JPEGs (they are drawings, and the demo says so). `sets`
 * says how many submissions of each practical need photos: each gets its own stored files.
 */
export async function renderDemoPhotos(db: Db, storage: Storage, course: Course, sets: Record<string, number>): Promise<Map<string, StoredPhoto[][]>> {
  const out = new Map<string, StoredPhoto[][]>();
  for (const [slug, copies] of Object.entries(sets)) {
    const dir = path.join(course.dir, "practicals", slug);
    const rendered: { image: Buffer; thumb: Buffer; width: number; height: number; analysis: DotAnalysis | null }[] = [];
    for (const { seed, options } of GENERATED_PHOTOS[slug] ?? []) {
      const image = await renderScene(makeScene(seed, { widthPx: 1200, heightPx: 900, ...options }));
      const thumb = await sharp(image).resize({ width: 320 }).jpeg({ quality: 80 }).toBuffer();
      rendered.push({ image, thumb, width: 1200, height: 900, analysis: await analysePhotoBytes(image) });
    }
    const svgs = fs.existsSync(dir) ? (await fs.promises.readdir(dir)).filter((f) => f.endsWith(".svg")).sort() : [];
    for (const file of svgs.slice(0, Math.max(0, 3 - rendered.length))) {
      const image = await sharp(path.join(dir, file), { density: 200 })
        .resize({ width: 1200 })
        .flatten({ background: "#ffffff" })
        .jpeg({ quality: 85 })
        .toBuffer();
      const thumb = await sharp(image).resize({ width: 320 }).jpeg({ quality: 80 }).toBuffer();
      const meta = await sharp(image).metadata();
      rendered.push({ image, thumb, width: meta.width ?? 1200, height: meta.height ?? 800, analysis: null });
    }
    const all: StoredPhoto[][] = [];
    for (let i = 0; i < copies; i++) {
      const set: StoredPhoto[] = [];
      for (const r of rendered) {
        const storageKey = await storage.put(r.image, "image/jpeg");
        if (r.analysis)
          db.insert(photoAnalyses)
            .values({ storageKey, measured: r.analysis.ok, result: JSON.stringify(r.analysis), createdAt: Date.now() })
            .run();
        set.push({
          storageKey,
          thumbKey: await storage.put(r.thumb, "image/jpeg"),
          contentType: "image/jpeg",
          width: r.width,
          height: r.height,
          bytes: r.image.length,
        });
      }
      all.push(set);
    }
    out.set(slug, all);
  }
  return out;
}

/** A small deterministic generator, so every demo start draws the same marks. */
function generator(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function verdictFor(practical: PracticalMeta, scores: RubricScores): Verdict {
  const total = rubricTotal(practical.rubric, scores);
  return total.ratio >= practical.passMark && criticalFailures(practical.rubric, scores).length === 0 ? "pass" : "revise";
}

export type DemoStaff = { instructor: string; instructor2: string; lead: string };

/**
 * The demo clinic's assessment records: a second instructor and a lead instructor, an assessed
 * cohort whose dot grids were double-marked (some moderated), three of them benchmarks with the
 * three instructors' standardisation done, one hairline waiting for a blind second marker and
 * one density piece in moderation.
 */
export function seedAssessment(
  tx: DbOrTx,
  course: Course,
  clinicId: string,
  staff: DemoStaff,
  trainees: Record<string, string>,
  photos: Map<string, StoredPhoto[][]>,
  now: number,
): void {
  tx.insert(memberships)
    .values([
      { organisationId: clinicId, userId: staff.instructor2, role: "instructor" },
      { organisationId: clinicId, userId: staff.lead, role: "instructor", lead: true },
    ])
    .run();
  const cohort = tx.insert(cohorts).values({ organisationId: clinicId, name: "Spring 2026 (assessed)", startsOn: "2026-03-02" }).returning().get();
  tx.insert(cohortInstructors)
    .values([
      { cohortId: cohort.id, userId: staff.instructor },
      { cohortId: cohort.id, userId: staff.instructor2 },
    ])
    .run();
  const practical = (slug: string) => course.practicals.find((p) => p.slug === slug)!;
  const grid = practical("dot-consistency-grid");
  const random = generator(20261205);
  const pick = (levels: number) => Math.floor(random() * levels);

  const submit = (learnerId: string, p: PracticalMeta, at: number) => {
    const row = tx
      .insert(submissions)
      .values({
        learnerId,
        courseSlug: course.slug,
        practicalSlug: p.slug,
        version: 1,
        note: "Demo work: the photos are the practical's example illustrations.",
        consentConfirmedAt: at,
        benchmarkConsentAt: at,
        briefHash: "demo",
        status: "submitted",
        createdAt: at,
      })
      .returning()
      .get();
    for (const [position, photo] of (photos.get(p.slug)?.pop() ?? []).entries())
      tx.insert(submissionPhotos)
        .values({ submissionId: row.id, position, ...photo })
        .run();
    return row.id;
  };
  const grade = (
    submissionId: string,
    p: PracticalMeta,
    kind: GradeKind,
    markerId: string,
    scores: RubricScores,
    at: number,
    feedback: string,
    reason?: string,
  ) => {
    const total = rubricTotal(p.rubric, scores);
    return tx
      .insert(grades)
      .values({
        submissionId,
        markerId,
        kind,
        verdict: verdictFor(p, scores),
        scores,
        points: total.points,
        maxPoints: total.maxPoints,
        feedback,
        reason,
        createdAt: at,
      })
      .returning()
      .get();
  };
  const finalise = (submissionId: string, p: PracticalMeta, final: ReturnType<typeof grade>, at: number) => {
    tx.update(submissions)
      .set({
        status: final.verdict === "pass" ? "passed" : "revise",
        verdict: final.verdict,
        feedback: final.feedback,
        points: final.points,
        maxPoints: final.maxPoints,
        gradedBy: final.markerId,
        gradedAt: at,
        secondMarkingRate: 100,
        secondMarked: true,
      })
      .where(eqId(submissionId))
      .run();
    tx.insert(submissionScores)
      .values(
        Object.entries(final.scores).map(([criterionId, levelIndex]) => ({
          submissionId,
          criterionId,
          levelIndex,
          points: p.rubric.criteria.find((c) => c.id === criterionId)!.levels[levelIndex]!.points,
        })),
      )
      .run();
  };
  const nudge = (level: number, max: number) => {
    const r = random();
    return Math.min(max, Math.max(0, level + (r < 0.15 ? -1 : r > 0.85 ? 1 : 0)));
  };

  // Twelve dot grids, each marked by both instructors (first marker alternating).
  DEMO_TRAINEES.slice(0, 12).forEach((t, i) => {
    const learnerId = trainees[t.email]!;
    tx.insert(memberships).values({ organisationId: clinicId, userId: learnerId, role: "technician" }).run();
    tx.insert(cohortLearners).values({ cohortId: cohort.id, userId: learnerId }).run();
    enrol(tx, learnerId, course.slug, now - 200 * DAY);
    const at = now - (90 - i * 5) * DAY;
    const id = submit(learnerId, grid, at);
    const truth = Object.fromEntries(
      grid.rubric.criteria.map((c) => [c.id, c.critical ? (random() < 0.85 ? c.levels.length - 1 : 0) : 1 + pick(c.levels.length - 1)]),
    );
    const [first, second] = i % 2 === 0 ? [staff.instructor, staff.instructor2] : [staff.instructor2, staff.instructor];
    const a = Object.fromEntries(grid.rubric.criteria.map((c) => [c.id, c.critical ? truth[c.id]! : nudge(truth[c.id]!, c.levels.length - 1)]));
    const b = Object.fromEntries(grid.rubric.criteria.map((c) => [c.id, nudge(truth[c.id]!, c.levels.length - 1)]));
    const g1 = grade(id, grid, "first", first, a, at + DAY, "Spacing and size are judged against the ruler in photo 2.");
    const g2 = grade(id, grid, "second", second, b, at + 2 * DAY, "Checked rows 1–6 against the ruler.");
    const split = needsModeration(grid.rubric.criteria, g1, g2).needed;
    const final = split
      ? grade(
          id,
          grid,
          "moderation",
          staff.lead,
          truth,
          at + 3 * DAY,
          "Agreed after looking at the close-ups.",
          "Read the close-up in photo 3 at 100%: the levels follow the dot count there.",
        )
      : g1;
    finalise(id, grid, final, at + (split ? 3 : 2) * DAY);
    if (i < 3) {
      tx.insert(benchmarks)
        .values({
          submissionId: id,
          organisationId: clinicId,
          courseSlug: course.slug,
          practicalSlug: grid.slug,
          scores: final.scores,
          verdict: final.verdict,
          note: "Demo benchmark.",
          createdBy: staff.lead,
          createdAt: at + 4 * DAY,
        })
        .run();
    }
  });

  // The three instructors standardised on the dot grid a month ago.
  const agreed = tx.select().from(benchmarks).all();
  for (const [n, instructorId] of [staff.instructor, staff.instructor2, staff.lead].entries()) {
    const at = now - (30 - n) * DAY;
    const run = tx
      .insert(standardisationRuns)
      .values({ instructorId, organisationId: clinicId, courseSlug: course.slug, practicalSlug: grid.slug, startedAt: at, completedAt: at + 3600_000 })
      .returning()
      .get();
    for (const b of agreed) {
      const scores = Object.fromEntries(grid.rubric.criteria.map((c) => [c.id, nudge(b.scores[c.id]!, c.levels.length - 1)]));
      tx.insert(standardisationScores)
        .values({ runId: run.id, benchmarkId: b.id, scores, verdict: verdictFor(grid, scores), createdAt: at })
        .run();
    }
  }

  // Still being marked: a hairline waiting for a blind second marker, a density piece in moderation.
  const waiting = (email: string, slug: string, days: number) => {
    const learnerId = trainees[email]!;
    tx.insert(memberships).values({ organisationId: clinicId, userId: learnerId, role: "technician" }).run();
    tx.insert(cohortLearners).values({ cohortId: cohort.id, userId: learnerId }).run();
    enrol(tx, learnerId, course.slug, now - 120 * DAY);
    return submit(learnerId, practical(slug), now - days * DAY);
  };
  const hairline = practical("hairline-design");
  const h = waiting(DEMO_TRAINEES[12]!.email, hairline.slug, 3);
  grade(
    h,
    hairline,
    "first",
    staff.instructor,
    Object.fromEntries(hairline.rubric.criteria.map((c) => [c.id, c.levels.length - 2])),
    now - 2 * DAY,
    "A natural, irregular edge; the temples sit well.",
  );
  tx.update(submissions).set({ status: "second_marking", secondMarkingRate: 100, secondMarked: true }).where(eqId(h)).run();

  const density = practical("density-layering");
  const d = waiting(DEMO_TRAINEES[13]!.email, density.slug, 5);
  const best = Object.fromEntries(density.rubric.criteria.map((c) => [c.id, c.levels.length - 1]));
  grade(d, density, "first", staff.instructor, best, now - 4 * DAY, "Three clear stages of density; placement is random.");
  grade(
    d,
    density,
    "second",
    staff.instructor2,
    { ...best, "random-placement": 0 },
    now - 3 * DAY,
    "In session 3 the dots line up in diagonal rows across the count square: redo that layer.",
  );
  tx.update(submissions).set({ status: "moderation", secondMarkingRate: 100, secondMarked: true }).where(eqId(d)).run();
}

const eqId = (id: string) => eq(submissions.id, id);
