import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { memberships, moduleProgress, users } from "~/db/schema";
import { findCourse } from "~/modules/content/catalogue.server";
import { NotFound } from "~/modules/errors";
import { completeModule, learnerCourseProgress } from "~/modules/progress/progress.server";
import { action as courseAction, loader as courseLoader } from "~/routes/courses.$course._index";
import { action as moduleAction, loader as moduleLoader } from "~/routes/courses.$course.$module";
import { loader as catalogueLoader } from "~/routes/courses._index";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get, postForm } from "../helpers/http";
import { clinic, cohort, person, type Person } from "../helpers/world";

const COURSE = "smp-practitioner";
const MODULE = "skin-anatomy-and-puncture-depth";
let db: Db;

beforeEach(() => {
  db = createTestDb();
});

const ctx = () => contextFor(db);
const enrol = (cookie: string) => call(courseAction, { request: postForm(`/courses/${COURSE}`, {}, cookie), params: { course: COURSE }, context: ctx() });
const complete = (cookie: string, module = MODULE) =>
  call(moduleAction, { request: postForm(`/courses/${COURSE}/${module}`, { intent: "complete" }, cookie), params: { course: COURSE, module }, context: ctx() });

describe("reading and completing a module", () => {
  it("sends a signed-out visitor to sign in and back", async () => {
    const result = await call(moduleLoader, { request: get(`/courses/${COURSE}/${MODULE}`), params: { course: COURSE, module: MODULE }, context: ctx() });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/courses/${COURSE}/${MODULE}`)}`);
  });

  it("sends a learner who is not enrolled to the course page, then lets them in after enrolling", async () => {
    const { cookie } = person(db, "a@clinic.example");
    const before = await call(moduleLoader, {
      request: get(`/courses/${COURSE}/${MODULE}`, cookie),
      params: { course: COURSE, module: MODULE },
      context: ctx(),
    });
    expect(before.headers.get("Location")).toBe(`/courses/${COURSE}`);
    const enrolled = await enrol(cookie);
    expect(enrolled.headers.get("Location")).toBe(`/courses/${COURSE}/${MODULE}`);
    const page = await call(moduleLoader, { request: get(`/courses/${COURSE}/${MODULE}`, cookie), params: { course: COURSE, module: MODULE }, context: ctx() });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      module: { title: "Skin anatomy and puncture depth" },
      completed: false,
      progress: { completed: 0, total: findCourse(COURSE).modules.length },
    });
    // Opening the module records it as started, once.
    await call(moduleLoader, { request: get(`/courses/${COURSE}/${MODULE}`, cookie), params: { course: COURSE, module: MODULE }, context: ctx() });
    expect(db.select().from(moduleProgress).all()).toHaveLength(1);
    const overview = await call(courseLoader, { request: get(`/courses/${COURSE}`, cookie), params: { course: COURSE }, context: ctx() });
    expect((overview.body as { modules: { slug: string; status: string }[] }).modules[0]).toMatchObject({ slug: MODULE, status: "started" });
  });

  it("stores completion and moves the course progress on the course page and the catalogue", async () => {
    const { user, cookie } = person(db, "a@clinic.example");
    await enrol(cookie);
    expect((await complete(cookie)).body).toEqual({ completed: true });
    const row = db
      .select()
      .from(moduleProgress)
      .where(and(eq(moduleProgress.userId, user.id), eq(moduleProgress.moduleSlug, MODULE)))
      .get()!;
    expect(row.completedAt).toBeTypeOf("number");
    expect(row.contentHash).toBe(findCourse(COURSE).modules[0]!.hash);
    const overview = await call(courseLoader, { request: get(`/courses/${COURSE}`, cookie), params: { course: COURSE }, context: ctx() });
    const total = findCourse(COURSE).modules.length;
    expect(overview.body).toMatchObject({ progress: { completed: 1, total, percent: Math.round(100 / total) } });
    const catalogue = await call(catalogueLoader, { request: get("/courses", cookie), params: {}, context: ctx() });
    expect((catalogue.body as { courses: { progress: { completed: number } }[] }).courses[0]!.progress.completed).toBe(1);
  });

  it("keeps the first completion date when completed twice", async () => {
    const { cookie } = person(db, "a@clinic.example");
    await enrol(cookie);
    await complete(cookie);
    const first = db.select().from(moduleProgress).get()!.completedAt;
    await new Promise((r) => setTimeout(r, 5));
    await complete(cookie);
    expect(db.select().from(moduleProgress).all()).toHaveLength(1);
    expect(db.select().from(moduleProgress).get()!.completedAt).toBe(first);
  });

  it("refuses to complete an outline module and one in a course the learner has not joined", async () => {
    const { cookie } = person(db, "a@clinic.example");
    expect((await complete(cookie)).status).toBe(404);
    await enrol(cookie);
    // An outline module (being written) cannot be completed yet.
    const course = findCourse(COURSE);
    const outline = { ...course.modules[1]!, status: "outline" as const };
    const user = db.select().from(users).get()!;
    expect(() => completeModule(db, user.id, course, outline)).toThrow(/still an outline/);
    expect(db.select().from(moduleProgress).where(eq(moduleProgress.moduleSlug, outline.slug)).get()).toBeUndefined();
  });

  it("answers 404 for a course or module that does not exist", async () => {
    const { cookie } = person(db, "a@clinic.example");
    await enrol(cookie);
    expect(
      (await call(moduleLoader, { request: get(`/courses/${COURSE}/nope`, cookie), params: { course: COURSE, module: "nope" }, context: ctx() })).status,
    ).toBe(404);
    expect((await call(courseLoader, { request: get("/courses/nope", cookie), params: { course: "nope" }, context: ctx() })).status).toBe(404);
  });
});

describe("whose progress is visible", () => {
  it("shows each learner only their own progress", async () => {
    const a = person(db, "a@clinic.example");
    const b = person(db, "b@clinic.example");
    await enrol(a.cookie);
    await enrol(b.cookie);
    await complete(a.cookie);
    const bView = await call(courseLoader, { request: get(`/courses/${COURSE}`, b.cookie), params: { course: COURSE }, context: ctx() });
    expect(bView.body).toMatchObject({ progress: { completed: 0 } });
  });

  it("lets the learner's cohort instructor and clinic admin see it, and nobody else", async () => {
    const learner = person(db, "learner@clinic.example");
    const stranger = person(db, "stranger@clinic.example");
    const instructor = person(db, "teacher@clinic.example", "instructor");
    const otherInstructor = person(db, "other-teacher@clinic.example", "instructor");
    const admin = person(db, "boss@clinic.example", "clinic_admin");
    const otherAdmin = person(db, "boss@other.example", "clinic_admin");
    const a = clinic(db, "A", { technicians: [learner], instructors: [instructor, otherInstructor], admins: [admin] });
    clinic(db, "B", { admins: [otherAdmin] });
    cohort(db, a, "C", { learners: [learner], instructors: [instructor], startsOn: "2026-01-01" });
    await enrol(learner.cookie);
    await complete(learner.cookie);

    const course = findCourse(COURSE);
    const view = (who: Person) => learnerCourseProgress(db, who.actor(), learner.user.id, course);
    expect(view(learner).completed).toBe(1);
    expect(view(instructor).completed).toBe(1);
    expect(view(admin).completed).toBe(1);
    for (const outsider of [stranger, otherInstructor, otherAdmin]) {
      expect(() => view(outsider), outsider.user.email).toThrow(NotFound);
    }
    // Removing the admin from the clinic ends their access.
    db.update(memberships).set({ removedAt: Date.now() }).where(eq(memberships.userId, admin.user.id)).run();
    expect(() => view(admin)).toThrow(NotFound);
  });
});
