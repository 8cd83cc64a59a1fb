import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import {
  auditLog,
  benchmarks,
  grades,
  memberships,
  notifications,
  organisations,
  secondMarkingRates,
  standardisationRuns,
  submissionPins,
  submissions,
  submissionScores,
} from "~/db/schema";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import { Conflict, Invalid, NotFound } from "~/modules/errors";
import { practicalRates, setSecondMarkingRates, STANDARDISATION_VALID_MS } from "~/modules/practicals/marking.server";
import { gradeSubmission, reviewQueue, type GradeInput } from "~/modules/practicals/review.server";
import { stagePhoto } from "~/modules/photos/staging.server";
import { findPractical, photoFile, submissionDetail, submitPractical } from "~/modules/practicals/submissions.server";
import { markBenchmark, scoreBenchmark, standardisation, startStandardisation } from "~/modules/practicals/standardisation.server";
import { enrol } from "~/modules/progress/progress.server";
import { localDiskStorage, type Storage } from "~/modules/storage/storage.server";
import { loader as reviewLoader } from "~/routes/review.$submissionId";
import { loader as queueLoader } from "~/routes/review._index";
import { loader as submissionLoader } from "~/routes/submissions.$id";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { jpegWithGps } from "../helpers/images";
import { clinic, cohort, person, secondMarkingRate, type Person } from "../helpers/world";

const COURSE = "smp-practitioner";
const PRACTICAL = "dot-consistency-grid";
let db: Db;
let storage: Storage;

const course = () => findCourse(COURSE);
const practical = () => findPractical(course(), PRACTICAL);
const criteria = () => practical().rubric.criteria;
const best = () => Object.fromEntries(criteria().map((c) => [c.id, c.levels.length - 1]));
const critical = () => criteria().find((c) => c.critical)!;

/**
 * Clinic A: a learner taught by two instructors (either can mark first or second), a lead
 * instructor who teaches no cohort, and a clinic admin. Clinic B has its own admin.
 */
function world() {
  const learner = person(db, "lena@a.example", "learner", { name: "Lena Learner" });
  const ines = person(db, "ines@a.example", "instructor", { name: "Ines First" });
  const ivan = person(db, "ivan@a.example", "instructor", { name: "Ivan Second" });
  const lea = person(db, "lea@a.example", "instructor", { name: "Lea Lead" });
  const admin = person(db, "carl@a.example", "clinic_admin");
  const otherAdmin = person(db, "bob@b.example", "clinic_admin");
  const a = clinic(db, "A", { technicians: [learner], instructors: [ines, ivan], leads: [lea], admins: [admin] });
  clinic(db, "B", { admins: [otherAdmin] });
  cohort(db, a, "Autumn", { learners: [learner], instructors: [ines, ivan] });
  enrol(db, learner.user.id, COURSE);
  return { learner, ines, ivan, lea, admin, otherAdmin, clinicA: a };
}

async function submitWork(learner: Person) {
  for (let i = 0; i < 3; i++) await stagePhoto(db, storage, learner.user.id, course(), practical(), await jpegWithGps());
  return submitPractical(db, learner.user.id, course(), practical(), { note: "My grid", consent: true });
}

const photoOf = (submissionId: string) => submissionDetail(db, { id: "x", role: "admin", clinicId: null }, submissionId).versions[0]!.photos[0]!.id;

function grade(who: Person, id: string, g: Partial<GradeInput> & Pick<GradeInput, "verdict">, draw = 0.5) {
  return gradeSubmission(db, getCatalogue(), who.actor(), id, { scores: best(), pins: [], feedback: "", ...g }, Date.now(), draw);
}

const submission = (id: string) =>
  db
    .select()
    .from(submissions)
    .all()
    .find((s) => s.id === id)!;
const learnerView = async (w: ReturnType<typeof world>, id: string) =>
  (await call(submissionLoader, { request: get(`/submissions/${id}`, w.learner.cookie), params: { id }, context: contextFor(db) })).body as {
    versions: {
      status: string;
      verdict: string | null;
      feedback: string | null;
      points: number | null;
      pins: { comment: string; number: number }[];
      assessors: { role: string; name: string; feedback: string }[];
    }[];
  };
const reviewPage = async (who: Person, id: string) => {
  const answer = await call(reviewLoader, { request: get(`/review/${id}`, who.cookie), params: { submissionId: id }, context: contextFor(db) });
  return answer.body as {
    mayMark: boolean;
    stage: string | null;
    grades: { kind: string; verdict: string; feedback: string }[];
    draft: unknown;
    blocked: string | null;
  };
};
let samples = 0;
const joinClinic = (w: ReturnType<typeof world>, who: Person) =>
  db.insert(memberships).values({ organisationId: w.clinicA.id, userId: who.user.id, role: "technician" }).run();
const audits = (action: string) =>
  db
    .select()
    .from(auditLog)
    .all()
    .filter((r) => r.action === action);

beforeEach(() => {
  db = createTestDb();
  storage = localDiskStorage(fs.mkdtempSync(path.join(process.env.STIPPLE_DATA_DIR!, "store-")));
});

describe("sampling for second marking", () => {
  it("at the default 100 % for a practical the certificate requires: the first grade waits for a blind second marker and the learner sees no verdict", async () => {
    const w = world();
    expect(course().certification?.practicals).toContain(PRACTICAL);
    expect(practicalRates(db, w.clinicA.id, course()).get(PRACTICAL)).toEqual({ rate: 100, isDefault: true });
    const id = await submitWork(w.learner);
    const pin = { photoId: photoOf(id), x: 0.4, y: 0.5, comment: "FIRST-MARKER pin comment", criterionId: null };
    const result = grade(w.ines, id, { verdict: "pass", feedback: "FIRST-MARKER feedback", pins: [pin] }, 0.99);
    expect(result.status).toBe("second_marking");
    expect(submission(id)).toMatchObject({ status: "second_marking", verdict: null, feedback: null, points: null, secondMarkingRate: 100, secondMarked: true });
    expect(db.select().from(submissionScores).all()).toHaveLength(0);
    expect(db.select().from(grades).all()).toMatchObject([{ kind: "first", verdict: "pass", markerId: w.ines.user.id }]);
    expect(audits("second-marking-draw").map((a) => a.detail)).toMatchObject([{ submissionId: id, rate: 100, drawn: true }]);
    const learnerNotices = db
      .select()
      .from(notifications)
      .all()
      .filter((n) => n.userId === w.learner.user.id);
    expect(learnerNotices.some((n) => n.kind === "submission-graded")).toBe(false);
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.kind === "second-marking")
        .map((n) => n.userId),
    ).toEqual([w.ivan.user.id]);
    const view = await learnerView(w, id);
    expect(view.versions[0]).toMatchObject({ status: "second_marking", verdict: null, feedback: null, points: null, pins: [], assessors: [] });
    expect(JSON.stringify(view)).not.toContain("FIRST-MARKER");
  });

  it("at 0 % the first grade is final and nothing is drawn", async () => {
    const w = world();
    secondMarkingRate(db, w.clinicA, 0);
    const id = await submitWork(w.learner);
    expect(grade(w.ines, id, { verdict: "pass" }, 0).status).toBe("passed");
    expect(submission(id)).toMatchObject({ status: "passed", verdict: "pass", gradedBy: w.ines.user.id, secondMarkingRate: 0, secondMarked: false });
    expect(audits("second-marking-draw").map((a) => a.detail)).toMatchObject([{ rate: 0, drawn: false }]);
  });

  it("in between, draws below the rate and records the draw", async () => {
    const w = world();
    const other = person(db, "otto@a.example");
    joinClinic(w, other);
    db.insert(secondMarkingRates).values({ scope: w.clinicA.id, courseSlug: COURSE, practicalSlug: PRACTICAL, rate: 20, updatedAt: 1 }).run();
    cohort(db, w.clinicA, "Winter", { learners: [other], instructors: [w.ines] });
    enrol(db, other.user.id, COURSE);
    const drawn = await submitWork(w.learner);
    const notDrawn = await submitWork(other);
    expect(grade(w.ines, drawn, { verdict: "pass" }, 0.1).status).toBe("second_marking");
    expect(grade(w.ines, notDrawn, { verdict: "pass" }, 0.6).status).toBe("passed");
    expect(audits("second-marking-draw").map((a) => a.detail)).toMatchObject([
      { submissionId: drawn, rate: 20, draw: 0.1, drawn: true },
      { submissionId: notDrawn, rate: 20, draw: 0.6, drawn: false },
    ]);
  });

  it("is set per practical by the clinic's admin only, 0–100, and a refused change changes nothing", () => {
    const w = world();
    expect(() => setSecondMarkingRates(db, w.admin.actor(), w.clinicA.id, course(), { [PRACTICAL]: 150 })).toThrow(Invalid);
    expect(() => setSecondMarkingRates(db, w.admin.actor(), w.clinicA.id, course(), { "no-such-practical": 10 })).toThrow(Invalid);
    expect(() => setSecondMarkingRates(db, w.otherAdmin.actor(), w.clinicA.id, course(), { [PRACTICAL]: 10 })).toThrow(NotFound);
    expect(() => setSecondMarkingRates(db, w.ines.actor(), w.clinicA.id, course(), { [PRACTICAL]: 10 })).toThrow(NotFound);
    expect(db.select().from(secondMarkingRates).all()).toHaveLength(0);
    setSecondMarkingRates(db, w.admin.actor(), w.clinicA.id, course(), { [PRACTICAL]: 35 });
    expect(practicalRates(db, w.clinicA.id, course()).get(PRACTICAL)).toEqual({ rate: 35, isDefault: false });
  });
});

describe("what the assessors are told", () => {
  it("clears a request from every assessor's bell once the grade it asked for is saved, and the queue says who hears next", async () => {
    const w = world();
    const id = await submitWork(w.learner);
    const unreadFor = (who: Person, kind: string) =>
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.userId === who.user.id && n.kind === kind && n.readAt === null).length;
    // Both instructors were asked; Ines grades first: neither bell still counts the request.
    expect([unreadFor(w.ines, "submission-received"), unreadFor(w.ivan, "submission-received")]).toEqual([1, 1]);
    grade(w.ines, id, { verdict: "pass" }, 0.99);
    expect([unreadFor(w.ines, "submission-received"), unreadFor(w.ivan, "submission-received")]).toEqual([0, 0]);
    expect(unreadFor(w.ivan, "second-marking")).toBe(1);
    const afterFirst = await call(queueLoader, { request: get(`/review?graded=${id}`, w.ines.cookie), params: {}, context: contextFor(db) });
    expect(afterFirst.body).toMatchObject({ graded: { learnerName: "Lena Learner", next: "second" } });
    // Ivan's second grade agrees: the learner hears, and Ivan's request is settled.
    grade(w.ivan, id, { verdict: "pass" });
    expect(unreadFor(w.ivan, "second-marking")).toBe(0);
    const afterSecond = await call(queueLoader, { request: get(`/review?graded=${id}`, w.ivan.cookie), params: {}, context: contextFor(db) });
    expect(afterSecond.body).toMatchObject({ graded: { learnerName: "Lena Learner", practicalTitle: practical().title, next: null } });
    // Another clinic's admin typing the address learns nothing.
    const outsider = person(db, "olga@b.example", "instructor");
    const typed = await call(queueLoader, { request: get(`/review?graded=${id}`, outsider.cookie), params: {}, context: contextFor(db) });
    expect((typed.body as { graded: unknown }).graded).toBeNull();
  });
});

describe("blind second marking", () => {
  it("gives the second marker's page none of the first grade until theirs is saved, then shows both", async () => {
    const w = world();
    const id = await submitWork(w.learner);
    const pin = { photoId: photoOf(id), x: 0.4, y: 0.5, comment: "FIRST-MARKER pin comment", criterionId: null };
    grade(w.ines, id, { verdict: "pass", feedback: "FIRST-MARKER feedback", pins: [pin] });
    const blind = await reviewPage(w.ivan, id);
    expect(blind).toMatchObject({ mayMark: true, stage: "second", grades: [] });
    const text = JSON.stringify(blind);
    for (const secret of ["FIRST-MARKER", '"verdict":"pass"', "Ines First"]) expect(text).not.toContain(secret);

    const firstMarker = await reviewPage(w.ines, id);
    expect(firstMarker.mayMark).toBe(false);
    expect(firstMarker.blocked).toMatch(/Another instructor marks it second/);
    expect(() => grade(w.ines, id, { verdict: "pass" })).toThrow(Conflict);

    grade(w.ivan, id, { verdict: "pass", feedback: "SECOND-MARKER feedback" });
    const after = await reviewPage(w.ivan, id);
    expect(after.grades.map((g) => [g.kind, g.feedback])).toEqual([
      ["first", "FIRST-MARKER feedback"],
      ["second", "SECOND-MARKER feedback"],
    ]);
  });

  it("when the two agree, the first grade stands and the learner sees the verdict with both markers' feedback and pins", async () => {
    const w = world();
    const id = await submitWork(w.learner);
    const photoId = photoOf(id);
    grade(w.ines, id, { verdict: "pass", feedback: "Even rows.", pins: [{ photoId, x: 0.1, y: 0.1, comment: "Good dot", criterionId: null }] });
    const lower = { ...best(), [criteria().find((c) => !c.critical)!.id]: 0 };
    const result = grade(w.ivan, id, {
      verdict: "pass",
      scores: lower,
      feedback: "Agree.",
      pins: [{ photoId, x: 0.2, y: 0.2, comment: "Check this", criterionId: null }],
    });
    expect(result.status).toBe("passed");
    expect(submission(id)).toMatchObject({ status: "passed", verdict: "pass", feedback: "Even rows.", gradedBy: w.ines.user.id });
    const scores = Object.fromEntries(
      db
        .select()
        .from(submissionScores)
        .all()
        .map((s) => [s.criterionId, s.levelIndex]),
    );
    expect(scores).toEqual(best());
    const view = (await learnerView(w, id)).versions[0]!;
    expect(view.verdict).toBe("pass");
    expect(view.assessors).toEqual([
      { role: "First assessor", name: "Ines First", feedback: "Even rows." },
      { role: "Second assessor", name: "Ivan Second", feedback: "Agree." },
    ]);
    expect(view.pins.map((p) => [p.number, p.comment])).toEqual([
      [1, "Good dot"],
      [2, "Check this"],
    ]);
    expect(
      db
        .select()
        .from(submissionPins)
        .all()
        .every((p) => p.gradeId !== null),
    ).toBe(true);
  });
});

describe("moderation", () => {
  it("follows differing verdicts: the learner sees nothing final, a lead who marked neither records the final grade with a reason", async () => {
    const w = world();
    const id = await submitWork(w.learner);
    grade(w.ines, id, { verdict: "pass", feedback: "Fine." });
    const result = grade(w.ivan, id, { verdict: "revise", feedback: "Rows 3 and 4 drift: redo them." });
    expect(result.status).toBe("moderation");
    expect(submission(id)).toMatchObject({ status: "moderation", verdict: null });
    expect(audits("second-mark-compared").map((a) => a.detail)).toMatchObject([
      { submissionId: id, moderation: true, reasons: ["verdicts differ (pass and revise)"] },
    ]);
    expect(
      db
        .select()
        .from(notifications)
        .all()
        .filter((n) => n.kind === "moderation")
        .map((n) => n.userId),
    ).toEqual([w.lea.user.id]);
    const waiting = (await learnerView(w, id)).versions[0]!;
    expect(waiting).toMatchObject({ status: "moderation", verdict: null, feedback: null, assessors: [] });

    // Neither marker may moderate; the lead sees both grades side by side.
    for (const marker of [w.ines, w.ivan]) expect(() => grade(marker, id, { verdict: "pass", reason: "I insist on my grade." })).toThrow(Conflict);
    const leadPage = await reviewPage(w.lea, id);
    expect(leadPage).toMatchObject({ mayMark: true, stage: "moderation" });
    expect(leadPage.grades.map((g) => g.verdict)).toEqual(["pass", "revise"]);
    expect(reviewQueue(db, w.lea.actor()).map((q) => [q.id, q.stage])).toEqual([[id, "moderation"]]);
    expect(reviewQueue(db, w.ines.actor()).map((q) => q.id)).not.toContain(id);

    expect(() => grade(w.lea, id, { verdict: "revise", feedback: "Redo rows 3 and 4.", reason: "" })).toThrow(Invalid);
    expect(submission(id).status).toBe("moderation");
    const scores = { ...best(), [critical().id]: 0 };
    expect(() => grade(w.lea, id, { verdict: "pass", scores, reason: "Forged pass over a failed must-pass criterion." })).toThrow(/A pass is not possible/);
    grade(w.lea, id, { verdict: "revise", feedback: "Redo rows 3 and 4.", reason: "Rows 3–4 drift beyond the 2 mm the rubric allows." });
    expect(submission(id)).toMatchObject({ status: "revise", verdict: "revise", gradedBy: w.lea.user.id, feedback: "Redo rows 3 and 4." });
    expect(audits("moderated").map((a) => a.detail)).toMatchObject([{ submissionId: id, verdict: "revise" }]);
    const final = (await learnerView(w, id)).versions[0]!;
    expect(final.verdict).toBe("revise");
    expect(final.assessors.map((a) => a.role)).toEqual(["First assessor", "Second assessor", "Lead assessor (moderation)"]);
    expect(JSON.stringify(final)).not.toContain("beyond the 2 mm"); // the moderation reason is for the markers, not the learner
  });

  it("follows a must-pass criterion scored differently even when the verdicts agree", async () => {
    const w = world();
    const id = await submitWork(w.learner);
    const c = critical();
    grade(w.ines, id, { verdict: "revise", feedback: "Tidy the spacing.", scores: { ...best(), [c.id]: c.levels.length - 1 } });
    expect(grade(w.ivan, id, { verdict: "revise", feedback: "Blow-outs: redo.", scores: { ...best(), [c.id]: 0 } }).status).toBe("moderation");
  });
});

describe("standardisation before grades count", () => {
  async function withBenchmarks(w: ReturnType<typeof world>, count = 3) {
    for (let i = 0; i < count; i++) {
      const sample = person(db, `sample${++samples}@a.example`);
      joinClinic(w, sample);
      cohort(db, w.clinicA, `Sample ${i}`, { learners: [sample], instructors: [w.ines] });
      enrol(db, sample.user.id, COURSE);
      const sid = await submitWork(sample);
      db.insert(benchmarks)
        .values({
          submissionId: sid,
          organisationId: w.clinicA.id,
          courseSlug: COURSE,
          practicalSlug: PRACTICAL,
          scores: best(),
          verdict: "pass",
          note: "",
          createdAt: 1,
        })
        .run();
    }
  }

  it("refuses the grade of an instructor who has not done the practical's standardisation, while the clinic requires it", async () => {
    const w = world();
    await withBenchmarks(w);
    const id = await submitWork(w.learner);
    expect(() => grade(w.ines, id, { verdict: "pass" })).toThrow(/standardisation exercise/);
    expect(db.select().from(grades).all()).toHaveLength(0);
    expect(submission(id).status).toBe("submitted");

    // Done more than six months ago: due again.
    const old = Date.now() - STANDARDISATION_VALID_MS - 1000;
    db.insert(standardisationRuns)
      .values({ instructorId: w.ines.user.id, organisationId: w.clinicA.id, courseSlug: COURSE, practicalSlug: PRACTICAL, startedAt: old, completedAt: old })
      .run();
    expect(() => grade(w.ines, id, { verdict: "pass" })).toThrow(/standardisation exercise/);

    db.insert(standardisationRuns)
      .values({
        instructorId: w.ines.user.id,
        organisationId: w.clinicA.id,
        courseSlug: COURSE,
        practicalSlug: PRACTICAL,
        startedAt: Date.now(),
        completedAt: Date.now(),
      })
      .run();
    expect(grade(w.ines, id, { verdict: "pass" }).status).toBe("second_marking");
  });

  it("does not block when the clinic turned the requirement off, or the practical has fewer than three benchmarks", async () => {
    const w = world();
    await withBenchmarks(w, 2);
    const id = await submitWork(w.learner);
    expect(grade(w.ines, id, { verdict: "pass" }).status).toBe("second_marking");
    await withBenchmarks(w, 1);
    db.update(organisations).set({ requireStandardisation: false }).run();
    expect(grade(w.ivan, id, { verdict: "pass" }).status).toBe("passed");
  });
});

describe("benchmarks and the standardisation exercise", () => {
  it("lets a lead make consented, finally graded work a benchmark — nobody else, and not work still being marked", async () => {
    const w = world();
    secondMarkingRate(db, w.clinicA, 0);
    const id = await submitWork(w.learner);
    expect(() => markBenchmark(db, w.lea.actor(), id, "")).toThrow(Conflict); // not graded yet
    grade(w.ines, id, { verdict: "pass" });
    expect(() => markBenchmark(db, w.ines.actor(), id, "")).toThrow(NotFound);
    expect(() => markBenchmark(db, w.admin.actor(), id, "")).toThrow(NotFound);
    db.update(submissions).set({ benchmarkConsentAt: null }).run();
    expect(() => markBenchmark(db, w.lea.actor(), id, "")).toThrow(/did not agree/);
    expect(db.select().from(benchmarks).all()).toHaveLength(0);
    db.update(submissions).set({ benchmarkConsentAt: 1 }).run();
    const b = markBenchmark(db, w.lea.actor(), id, "Clear example of even rows.");
    expect(b).toMatchObject({ organisationId: w.clinicA.id, verdict: "pass", scores: best() });
    expect(audits("benchmark-set")).toHaveLength(1);
    expect(() => markBenchmark(db, w.lea.actor(), id, "")).toThrow(/already a benchmark/);
  });

  it("has an instructor grade every benchmark, then shows their levels against the agreed ones; their grades count from then", async () => {
    const w = world();
    secondMarkingRate(db, w.clinicA, 0);
    const outsider = person(db, "nora@a.example", "instructor"); // teaches none of the benchmark learners
    db.insert(memberships).values({ organisationId: w.clinicA.id, userId: outsider.user.id, role: "instructor" }).run();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sample = person(db, `bench${i}@a.example`);
      joinClinic(w, sample);
      cohort(db, w.clinicA, `Bench ${i}`, { learners: [sample], instructors: [w.ines] });
      enrol(db, sample.user.id, COURSE);
      const sid = await submitWork(sample);
      grade(w.ines, sid, { verdict: "pass" });
      ids.push(markBenchmark(db, w.lea.actor(), sid, "").id);
    }
    const photo = submissionDetail(db, w.lea.actor(), db.select().from(benchmarks).get()!.submissionId).versions[0]!.photos[0]!.id;
    await expect(photoFile(db, storage, outsider.actor(), photo, "thumb")).resolves.toBeTruthy();
    await expect(photoFile(db, storage, person(db, "x@b.example", "instructor").actor(), photo, "thumb")).rejects.toThrow(NotFound);

    expect(() => scoreBenchmark(db, outsider.actor(), course(), practical(), { benchmarkId: ids[0]!, scores: best(), verdict: "pass" })).toThrow(
      /Start the exercise/,
    );
    startStandardisation(db, outsider.actor(), course(), practical());
    expect(() => scoreBenchmark(db, outsider.actor(), course(), practical(), { benchmarkId: ids[0]!, scores: {}, verdict: "pass" })).toThrow(Invalid);
    const lenient = { ...best(), [criteria().find((c) => !c.critical)!.id]: 0 };
    for (const benchmarkId of ids) {
      const state = standardisation(db, outsider.actor(), course(), practical());
      expect(state.next?.id).toBe(benchmarkId);
      scoreBenchmark(db, outsider.actor(), course(), practical(), { benchmarkId, scores: lenient, verdict: "pass" });
    }
    const done = standardisation(db, outsider.actor(), course(), practical());
    expect(done.current).not.toBeNull();
    const changed = criteria().find((c) => !c.critical)!;
    expect(done.result!.map((b) => b.criteria.find((c) => c.id === changed.id)!.deviation)).toEqual([
      -(changed.levels.length - 1),
      -(changed.levels.length - 1),
      -(changed.levels.length - 1),
    ]);
    expect(done.result![0]!.criteria.filter((c) => c.id !== changed.id).every((c) => c.deviation === 0)).toBe(true);
    expect(audits("standardisation-completed")).toHaveLength(1);
  });
});
