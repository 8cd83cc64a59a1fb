import { and, eq, isNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { cohortInstructors, cohortLearners, emailOutbox, memberships, users } from "~/db/schema";
import { confirmSignup, requestSignup } from "~/modules/auth/accounts.server";
import { loadLearnerRef, whoAssesses } from "~/modules/auth/actor.server";
import { ACADEMY_COHORT_ID, ACADEMY_ID } from "~/modules/clinics/academy";
import { academyOverview, inviteAcademyInstructor, removeAcademyInstructor, revokeAcademyInvitation } from "~/modules/clinics/academy-admin.server";
import { backfillAcademy } from "~/modules/clinics/academy.server";
import { listClinics } from "~/modules/clinics/admin.server";
import { acceptInvitation, invite } from "~/modules/clinics/invitations.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { NotFound } from "~/modules/errors";
import { stagePhoto } from "~/modules/photos/staging.server";
import { PLATFORM_SCOPE, scopeOf } from "~/modules/practicals/marking.server";
import { reviewQueue } from "~/modules/practicals/review.server";
import { findPractical, submitPractical } from "~/modules/practicals/submissions.server";
import { enrol } from "~/modules/progress/progress.server";
import { getStorage } from "~/modules/storage/storage.server";
import { loader as rootLoader } from "~/root";
import { loader as adminLoader } from "~/routes/admin";
import { SESSION_COOKIE } from "~/http/session.server";
import { createSession } from "~/modules/auth/session.server";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { jpegWithGps } from "../helpers/images";
import { clinic, cohort, person } from "../helpers/world";

// Stipple Academy (decision 030): learners who sign up alone study there, platform admins invite
// its instructors, and its learners' work reaches those instructors' queues.

const COURSE = "smp-practitioner";
let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const lastLink = (kind: RegExp) => kind.exec([...db.select().from(emailOutbox).all()].pop()!.text)![1]!;
const activeMembership = (userId: string) =>
  db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
    .get();

/** A learner signed up through the public form and its emailed link, as a person does. */
async function signUpAlone(email: string, name: string) {
  await requestSignup(db, { name, email, password: "long enough passphrase" }, "192.0.2.10");
  const { user } = await confirmSignup(db, lastLink(/\/signup\/confirm\/([a-z2-7]{32})/));
  enrol(db, user.id, COURSE);
  return user;
}

/** A platform admin invites `email` to assess for the Academy; they accept as a new account. */
async function academyInstructor(admin: ReturnType<typeof person>, email: string, name: string) {
  inviteAcademyInstructor(db, admin.actor(), email);
  const { userId } = await acceptInvitation(db, lastLink(/\/invite\/([a-z2-7]{32})/), { signedInUserId: null, name, password: "another long passphrase" });
  return db.select().from(users).where(eq(users.id, userId)).get()!;
}

async function submitGrid(learnerId: string) {
  const course = findCourse(COURSE);
  const practical = findPractical(course, "dot-consistency-grid");
  for (let i = 0; i < practical.photos.min; i++) await stagePhoto(db, getStorage(), learnerId, course, practical, await jpegWithGps(400 + i, 300));
  return submitPractical(db, learnerId, course, practical, { note: "My grid", consent: true });
}

describe("Stipple Academy", () => {
  it("exists from the migration, apart from the clinics a platform admin lists", () => {
    const admin = person(db, "ada@stipple.example", "admin");
    clinic(db, "A");
    expect(listClinics(db, admin.actor()).map((c) => c.name)).toEqual(["A"]);
    expect(academyOverview(db, admin.actor())).toEqual({ instructors: [], invitations: [], learners: 0 });
  });

  it("takes a learner who signs up alone into its open cohort, and says who assesses them", async () => {
    const admin = person(db, "ada@stipple.example", "admin");
    const mina = await signUpAlone("mina@example.com", "Mina Patel");
    expect(activeMembership(mina.id)).toMatchObject({ organisationId: ACADEMY_ID, role: "technician" });
    expect(db.select().from(cohortLearners).where(eq(cohortLearners.userId, mina.id)).all()).toEqual([
      expect.objectContaining({ cohortId: ACADEMY_COHORT_ID }),
    ]);
    expect(whoAssesses(db, mina.id)).toEqual({ kind: "academy", names: [] });
    const aria = await academyInstructor(admin, "aria@example.com", "Aria Academy");
    expect(whoAssesses(db, mina.id)).toEqual({ kind: "academy", names: ["Aria Academy"] });
    expect(loadLearnerRef(db, mina.id).instructorIds).toEqual([aria.id]);
    expect(academyOverview(db, admin.actor())).toMatchObject({ learners: 1, instructors: [expect.objectContaining({ name: "Aria Academy" })] });
  });

  it("puts an Academy learner's practical in the Academy instructors' queue, and no clinic's", async () => {
    const admin = person(db, "ada@stipple.example", "admin");
    const clinicInstructor = person(db, "ines@a.example", "instructor");
    const a = clinic(db, "A", { instructors: [clinicInstructor] });
    cohort(db, a, "Autumn", { instructors: [clinicInstructor] });
    const mina = await signUpAlone("mina@example.com", "Mina Patel");
    const aria = await academyInstructor(admin, "aria@example.com", "Aria Academy");
    const id = await submitGrid(mina.id);
    const ariaActor = { id: aria.id, role: aria.role, clinicId: ACADEMY_ID, lead: false };
    expect(reviewQueue(db, ariaActor).map((q) => q.id)).toEqual([id]);
    expect(reviewQueue(db, clinicInstructor.actor()).map((q) => q.id)).toEqual([]);
    // Second marking and benchmarks for this work are the platform's.
    expect(scopeOf(loadLearnerRef(db, mina.id).clinicId)).toBe(PLATFORM_SCOPE);

    // Removed by the admin, Aria's queue empties; a forged id (a learner's membership) is refused.
    const [row] = academyOverview(db, admin.actor()).instructors;
    expect(() => removeAcademyInstructor(db, admin.actor(), activeMembership(mina.id)!.id)).toThrow(NotFound);
    removeAcademyInstructor(db, admin.actor(), row!.membershipId);
    expect(reviewQueue(db, { ...ariaActor, clinicId: null }).map((q) => q.id)).toEqual([]);
    expect(db.select().from(cohortInstructors).where(eq(cohortInstructors.userId, aria.id)).all()).toEqual([]);
  });

  it("lets only a platform admin invite or remove its instructors, and shows /admin to nobody else", async () => {
    const clinicAdmin = person(db, "carl@a.example", "clinic_admin");
    const instructor = person(db, "ines@a.example", "instructor");
    clinic(db, "A", { admins: [clinicAdmin], instructors: [instructor] });
    expect(() => inviteAcademyInstructor(db, clinicAdmin.actor(), "x@example.com")).toThrow(NotFound);
    expect(() => inviteAcademyInstructor(db, instructor.actor(), "x@example.com")).toThrow(NotFound);
    expect(db.select().from(emailOutbox).all()).toHaveLength(0);
    // A platform admin's invitation can be revoked by a platform admin only.
    const admin = person(db, "ada@stipple.example", "admin");
    inviteAcademyInstructor(db, admin.actor(), "x@example.com");
    const [waiting] = academyOverview(db, admin.actor()).invitations;
    expect(() => revokeAcademyInvitation(db, clinicAdmin.actor(), waiting!.id)).toThrow(NotFound);
    expect(academyOverview(db, admin.actor()).invitations).toHaveLength(1);
    revokeAcademyInvitation(db, admin.actor(), waiting!.id);
    expect(academyOverview(db, admin.actor()).invitations).toEqual([]);
    expect((await call(adminLoader, { request: get("/admin", instructor.cookie), params: {}, context: contextFor(db) })).status).toBe(404);
    expect((await call(adminLoader, { request: get("/admin", clinicAdmin.cookie), params: {}, context: contextFor(db) })).status).toBe(404);
  });

  it("lets a learner leave it for a clinic that invites them", async () => {
    const clinicAdmin = person(db, "carl@a.example", "clinic_admin");
    const a = clinic(db, "A", { admins: [clinicAdmin] });
    const autumn = cohort(db, a, "Autumn 2026");
    const mina = await signUpAlone("mina@example.com", "Mina Patel");
    invite(db, clinicAdmin.actor(), a.id, { email: "mina@example.com", role: "technician", cohortId: autumn.id });
    const accepted = await acceptInvitation(db, lastLink(/\/invite\/([a-z2-7]{32})/), { signedInUserId: mina.id });
    expect(accepted.role).toBe("learner");
    expect(activeMembership(mina.id)).toMatchObject({ organisationId: a.id });
    // The page they land on says what they joined.
    const minaCookie = `${SESSION_COOKIE}=${createSession(db, mina.id).token}`;
    const landed = await call(rootLoader, { request: get("/courses?joined=1", minaCookie), params: {}, context: contextFor(db) });
    expect(landed.body).toMatchObject({ joined: { clinic: "A", cohorts: ["Autumn 2026"] } });
    expect(db.select().from(cohortLearners).where(eq(cohortLearners.userId, mina.id)).all()).toEqual([expect.objectContaining({ cohortId: autumn.id })]);
    expect(whoAssesses(db, mina.id)).toEqual({ kind: "platform" });
  });

  it("takes in, at start-up, learners left with no clinic, and no one else", () => {
    const alone = person(db, "otto@example.com");
    const removed = person(db, "rex@a.example");
    const staying = person(db, "lena@a.example");
    const instructor = person(db, "ines@a.example", "instructor");
    const a = clinic(db, "A", { technicians: [removed, staying] });
    db.update(memberships).set({ removedAt: Date.now() }).where(eq(memberships.userId, removed.user.id)).run();
    expect(backfillAcademy(db)).toBe(2);
    expect(activeMembership(alone.user.id)?.organisationId).toBe(ACADEMY_ID);
    expect(activeMembership(removed.user.id)?.organisationId).toBe(ACADEMY_ID);
    expect(activeMembership(staying.user.id)?.organisationId).toBe(a.id);
    expect(activeMembership(instructor.user.id)).toBeUndefined();
    expect(backfillAcademy(db)).toBe(0);
  });
});
