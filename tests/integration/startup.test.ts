import { supervisionOverview } from "~/modules/certification/supervision.server";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "~/db/client.server";
import { eq } from "drizzle-orm";
import {
  benchmarks,
  cohortInstructors,
  cohortLearners,
  enrolments,
  healedReviews,
  memberships,
  organisations,
  submissionPhotos,
  submissions,
  supervisedCasePhotos,
  users,
} from "~/db/schema";
import { loadActor } from "~/modules/auth/actor.server";
import { ownLogbook } from "~/modules/certification/cases.server";
import { caseQueue } from "~/modules/certification/countersigning.server";
import { healedWindowOpen } from "~/modules/certification/healed-review-schema";
import { DEMO_TRAINEES } from "~/modules/demo/assessment-seed.server";
import { markedPairs, MIN_PAIRS } from "~/modules/practicals/agreement.server";
import { getStorage } from "~/modules/storage/storage.server";
import { DEMO_ACCOUNTS, DEMO_CERTIFICATES, DEMO_PASSWORD } from "~/modules/demo/seed.server";
import { resetEnvForTests } from "~/env.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { certificationOverview, verifyCertificate } from "~/modules/certification/certificates.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { startup } from "~/startup.server";
import { signingKeys } from "~/db/schema";
import { currentSigner, DEMO_KEY_FILE, newSigningKeyPem } from "~/modules/credentials/keys.server";

async function keyFile(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stipple-key-")), "signing.pem");
  fs.writeFileSync(file, await newSigningKeyPem(), { mode: 0o600 });
  return file;
}

function freshEnv(vars: Record<string, string | undefined>) {
  closeDb();
  process.env.STIPPLE_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-start-"));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

afterEach(() => {
  freshEnv({ STIPPLE_DEPLOYMENT: undefined, APP_URL: undefined, STIPPLE_SIGNING_KEY_FILE: undefined, STIPPLE_CONTENT_DIR: path.resolve("content") });
});

describe("start-up", () => {
  it("in demo mode migrates and seeds the documented accounts, clinic and cohort, once", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    await startup();
    const db = getDb();
    const seeded = db.select().from(users).all();
    expect(seeded.map((u) => [u.email, u.role]).sort()).toEqual(
      [...DEMO_ACCOUNTS.map((a) => [a.email, a.role]), ...DEMO_TRAINEES.map((t) => [t.email, "learner"])].sort(),
    );
    expect(await verifyPassword(seeded[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    // Demo Clinic, and Stipple Academy (from its migration).
    expect(
      db
        .select()
        .from(organisations)
        .all()
        .map((o) => o.name)
        .sort(),
    ).toEqual(["Demo Clinic", "Stipple Academy"]);
    // The original seven, the second and lead instructors, the assessed cohort's trainees, the Academy's instructor and its independent learner.
    expect(db.select().from(memberships).all()).toHaveLength(7 + 2 + DEMO_TRAINEES.length + 1 + 1);
    expect(
      db
        .select()
        .from(memberships)
        .all()
        .filter((m) => m.lead),
    ).toHaveLength(1);
    const learner = seeded.find((u) => u.email === "learner@demo.stipple")!;
    const instructor = seeded.find((u) => u.role === "instructor")!;
    expect(
      db
        .select()
        .from(cohortLearners)
        .all()
        .map((r) => r.userId),
    ).toContain(learner.id);
    expect(db.select().from(cohortInstructors).get()?.userId).toBe(instructor.id);
    expect(db.select().from(enrolments).all()).toContainEqual(expect.objectContaining({ userId: learner.id, courseSlug: "smp-practitioner" }));
    const readme = fs.readFileSync("README.md", "utf8");
    for (const account of DEMO_ACCOUNTS) expect(readme).toContain(account.email);
    // The supervisor-only account sees the independent learner's session waiting for him.
    const supervisor = seeded.find((u) => u.email === "supervisor@demo.stipple")!;
    expect(supervisionOverview(db, { id: supervisor.id, role: supervisor.role, clinicId: null })).toEqual([
      expect.objectContaining({ learnerName: "Iris Independent", waiting: [expect.objectContaining({ kind: "case" })] }),
    ]);
  });

  it("in demo mode seeds assessment a clinic can look at: double-marked pairs, benchmarks, blind second marking and moderation waiting", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    const db = getDb();
    const pairs = markedPairs(db, null).filter((p) => p.practicalSlug === "dot-consistency-grid");
    expect(pairs.length).toBeGreaterThanOrEqual(MIN_PAIRS);
    expect(db.select().from(benchmarks).all()).toHaveLength(3);
    expect(
      db
        .select()
        .from(submissions)
        .all()
        .map((s) => s.status),
    ).toEqual(expect.arrayContaining(["second_marking", "moderation"]));
    const photos = db.select().from(submissionPhotos).all();
    expect(photos.length).toBeGreaterThan(0);
    expect(await getStorage().get(photos[0]!.storageKey)).not.toBeNull();
  });

  it("in demo mode seeds one valid, one revoked and one expired certificate under the README's codes, earned by real records", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    const db = getDb();
    expect(verifyCertificate(db, DEMO_CERTIFICATES.valid)).toMatchObject({ state: "VALID", holderName: "Cora Certified", issuerName: "Demo Clinic" });
    expect(verifyCertificate(db, DEMO_CERTIFICATES.revoked)).toMatchObject({ state: "REVOKED", revocationReason: "Revoked by the issuer" });
    expect(verifyCertificate(db, DEMO_CERTIFICATES.expired)).toMatchObject({ state: "EXPIRED" });
    expect(verifyCertificate(db, DEMO_CERTIFICATES.renewing)).toMatchObject({ state: "VALID" });
    const readme = fs.readFileSync("README.md", "utf8");
    for (const code of [DEMO_CERTIFICATES.valid, DEMO_CERTIFICATES.revoked, DEMO_CERTIFICATES.expired]) expect(readme).toContain(`/verify/${code}`);
    // The holder's records meet the programme by themselves: the checklist agrees with the certificate.
    const holder = db
      .select()
      .from(users)
      .all()
      .find((u) => u.email === "certified@demo.stipple")!;
    const overview = certificationOverview(db, holder.id, getCatalogue().bySlug.get("smp-practitioner")!);
    expect(overview?.met).toBe(true);
    expect(overview?.certificate?.code).toBe(DEMO_CERTIFICATES.valid);
    expect(overview?.requirements.find((r) => r.id === "healed")).toMatchObject({ done: 2, total: 2, met: true });
  });

  it("in demo mode seeds healed-result reviews to try: the demo learner's is due now, a trainee's waits for the instructor", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    const db = getDb();
    const byEmail = (email: string) => db.select().from(users).where(eq(users.email, email)).get()!;
    const course = getCatalogue().bySlug.get("smp-practitioner")!;
    const book = ownLogbook(db, byEmail("learner@demo.stipple").id, course);
    const due = book.cases.find((c) => c.status === "countersigned" && c.healedStatus === null);
    expect(due).toBeDefined();
    expect(healedWindowOpen(due!.performedOn)).toBe(true);
    const instructor = byEmail("instructor@demo.stipple");
    const queue = caseQueue(db, loadActor(db, instructor));
    expect(queue).toContainEqual(expect.objectContaining({ kind: "healed", learnerName: "Nia Patel" }));
    const waiting = db.select().from(healedReviews).where(eq(healedReviews.status, "submitted")).all();
    expect(waiting).toHaveLength(1);
    const photos = db.select().from(supervisedCasePhotos).where(eq(supervisedCasePhotos.caseId, waiting[0]!.caseId)).all();
    expect(photos.length).toBeGreaterThan(0);
    expect(photos.every((p) => p.stage === "healed")).toBe(true);
  });

  it("in production seeds nothing", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "production", APP_URL: "https://stipple.example", STIPPLE_SIGNING_KEY_FILE: await keyFile() });
    await startup();
    expect(getDb().select().from(users).all()).toHaveLength(0);
  });

  it("in production refuses to start without a signing key file, and makes none up", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "production", APP_URL: "https://stipple.example" });
    await expect(startup()).rejects.toThrow(/Refusing to start: set STIPPLE_SIGNING_KEY_FILE/);
    expect(fs.existsSync(path.join(process.env.STIPPLE_DATA_DIR!, DEMO_KEY_FILE))).toBe(false);
  });

  it("in demo mode creates the signing key in the data folder on first start and keeps it", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    const file = path.join(process.env.STIPPLE_DATA_DIR!, DEMO_KEY_FILE);
    const first = fs.readFileSync(file, "utf8");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await startup();
    expect(fs.readFileSync(file, "utf8")).toBe(first);
    expect(getDb().select().from(signingKeys).all()).toEqual([expect.objectContaining({ kid: currentSigner().kid, retiredAt: null })]);
  });

  it("in production refuses to start without APP_URL, which emailed links need", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "production", APP_URL: undefined });
    await expect(startup()).rejects.toThrow(/Refusing to start: set APP_URL/);
  });

  it("in production refuses to start while demo accounts exist", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    const dir = process.env.STIPPLE_DATA_DIR!;
    closeDb();
    process.env.STIPPLE_DEPLOYMENT = "production";
    process.env.APP_URL = "https://stipple.example";
    process.env.STIPPLE_DATA_DIR = dir;
    resetEnvForTests();
    await expect(startup()).rejects.toThrow(/Refusing to start: this database holds demo accounts/);
  });

  it("stops on bad content, naming the file, the field and the reason", async () => {
    const content = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-bad-content-"));
    fs.cpSync(path.resolve("tests/fixtures/content-good"), content, { recursive: true });
    fs.writeFileSync(path.join(content, "demo-course/course.yml"), "title: Demo\nmodules: [first-module]\n");
    freshEnv({ STIPPLE_DEPLOYMENT: "demo", STIPPLE_CONTENT_DIR: content });
    await expect(startup()).rejects.toThrow(/demo-course\/course\.yml: summary: /);
  });
});
