import { execFile, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import jsQR from "jsqr";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import {
  auditLog,
  certificates,
  emailOutbox,
  memberships,
  moduleProgress,
  notifications,
  quizAttempts,
  submissions,
  supervisedCases,
  users,
} from "~/db/schema";
import { completeProgramme } from "~/modules/demo/seed.server";
import { getEnv } from "~/env.server";
import { certificationOverview, refresherFor, revokeCertificate, sendRenewalReminders, verifyCertificate } from "~/modules/certification/certificates.server";
import { expiryDate } from "~/modules/certification/eligibility";
import { countersignCase } from "~/modules/certification/countersigning.server";
import { currentCertificate, renewalRecords, settleCertification } from "~/modules/certification/issue.server";
import { findCourse, getCatalogue } from "~/modules/content/catalogue.server";
import { Conflict, NotFound } from "~/modules/errors";
import { gradeSubmission } from "~/modules/practicals/review.server";
import { completeModule, enrol } from "~/modules/progress/progress.server";
import { startAttempt, submitAttempt } from "~/modules/quiz/lifecycle.server";
import { finalExam } from "~/modules/quiz/quiz-definition.server";
import { action as certificateAction, loader as certificateLoader } from "~/routes/certificates.$id";
import { action as courseAction } from "~/routes/courses.$course._index";
import { loader as pdfLoader } from "~/routes/certificates.$id[.pdf]";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { contextFor, createTestDbFile } from "../helpers/db";
import { call, get, postForm } from "../helpers/http";
import { clinic, cohort, person, secondMarkingRate } from "../helpers/world";

const COURSE = "smp-practitioner";
const DAY = 24 * 60 * 60 * 1000;
const course = () => findCourse(COURSE);
const lastModule = () => course().modules.at(-1)!;

let db: Db;
let file: string;

beforeEach(() => {
  ({ db, file } = createTestDbFile());
});

/** Clinic A: learner, another learner, their instructor, the clinic admin. Clinic B: its admin and learner. */
function world() {
  const learner = person(db, "lena@a.example");
  const peer = person(db, "pia@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const adminA = person(db, "carl@a.example", "clinic_admin");
  const adminB = person(db, "bob@b.example", "clinic_admin");
  const learnerB = person(db, "otto@b.example");
  const platform = person(db, "ada@stipple.example", "admin");
  const a = clinic(db, "Clinic A", { technicians: [learner, peer], instructors: [instructor], admins: [adminA] });
  clinic(db, "Clinic B", { technicians: [learnerB], admins: [adminB] });
  cohort(db, a, "Autumn", { learners: [learner, peer], instructors: [instructor] });
  secondMarkingRate(db, a, 0); // certification on a single marker's grade; second marking has its own tests
  for (const who of [learner, peer, learnerB]) enrol(db, who.user.id, COURSE);
  return { learner, peer, instructor, adminA, adminB, learnerB, platform, clinicA: a };
}

/** Records meeting every requirement (dated before `at`) except the last module, not yet read. */
function allButLastModule(learnerId: string, supervisorId: string, at = Date.now()) {
  db.transaction((tx) => completeProgramme(tx, course(), learnerId, supervisorId, at));
  db.delete(moduleProgress)
    .where(and(eq(moduleProgress.userId, learnerId), eq(moduleProgress.moduleSlug, lastModule().slug)))
    .run();
}

function certificatesOf(userId: string) {
  return db.select().from(certificates).where(eq(certificates.userId, userId)).all();
}

/** A certified learner (issued at `at`), for the certificate-page tests. */
function certify(learnerId: string, supervisorId: string, at = Date.now()) {
  allButLastModule(learnerId, supervisorId, at - DAY);
  completeModule(db, learnerId, course(), lastModule(), at);
  return certificatesOf(learnerId)[0]!;
}

function bestScores(practicalSlug: string) {
  const practical = course().practicals.find((p) => p.slug === practicalSlug)!;
  return Object.fromEntries(
    practical.rubric.criteria.map((c) => [c.id, c.levels.reduce((best, level, i) => (level.points > c.levels[best]!.points ? i : best), 0)]),
  );
}

/** Runs actions in separate OS processes that all fire at the same moment. */
async function race(jobs: string[][]): Promise<{ ok: boolean; error?: string }[]> {
  const run = promisify(execFile);
  const goAt = Date.now() + 2500;
  const tsx = path.resolve("node_modules/.bin/tsx");
  const outputs = await Promise.all(
    jobs.map((job) => run(tsx, ["tests/helpers/certification-race.ts", file, ...job, String(goAt)], { env: { ...process.env } })),
  );
  return outputs.map((o) => JSON.parse(o.stdout.trim().split("\n").pop()!));
}

describe("issuing a certificate", () => {
  it("issues nothing while a requirement is missing, then exactly one certificate when reading the last module meets it", () => {
    const { learner, instructor } = world();
    allButLastModule(learner.user.id, instructor.user.id);
    expect(certificatesOf(learner.user.id)).toHaveLength(0);
    const before = certificationOverview(db, learner.user.id, course())!;
    expect(before.met).toBe(false);
    expect(before.requirements.find((r) => r.id === "modules")).toMatchObject({ met: false, missing: [lastModule().title] });

    const now = Date.UTC(2026, 10, 21, 12);
    completeModule(db, learner.user.id, course(), lastModule(), now);
    completeModule(db, learner.user.id, course(), lastModule(), now + 1000);

    const issued = certificatesOf(learner.user.id);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      holderName: "lena",
      programmeTitle: course().title,
      issuerName: "Clinic A",
      issuedAt: now,
      expiresAt: expiryDate(now, 24),
      supersedesId: null,
    });
    expect(issued[0]!.code).toMatch(/^STP-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, learner.user.id), eq(notifications.kind, "certificate-issued")))
        .all(),
    ).toHaveLength(1);
    expect(certificationOverview(db, learner.user.id, course())).toMatchObject({ met: true, certificate: { code: issued[0]!.code, state: "VALID" } });
  });

  it("issues it with the final exam pass that completes the programme, in the same transaction", () => {
    const { learner, instructor } = world();
    db.transaction((tx) => completeProgramme(tx, course(), learner.user.id, instructor.user.id, Date.now()));
    db.delete(quizAttempts)
      .where(and(eq(quizAttempts.userId, learner.user.id), eq(quizAttempts.quizKey, "exam")))
      .run();
    // Not yet: the exam is missing.
    expect(settleCertification(db, course(), learner.user.id)).toBeNull();
    const attemptId = startAttempt(db, learner.user.id, finalExam(course()));
    // A failed exam issues nothing.
    submitAttempt(db, learner.user.id, attemptId);
    expect(certificatesOf(learner.user.id)).toHaveLength(0);
    // A pass does (the pass mark is lowered so empty answers pass: the hook is what is tested).
    const second = startAttempt(db, learner.user.id, finalExam(course()), Date.now() + 2 * DAY);
    db.update(quizAttempts).set({ passMark: 0 }).where(eq(quizAttempts.id, second)).run();
    expect(submitAttempt(db, learner.user.id, second, Date.now() + 2 * DAY + 1000).passed).toBe(true);
    expect(certificatesOf(learner.user.id)).toHaveLength(1);
  });

  it("issues it when the instructor passes the last practical — not on a revise verdict", () => {
    const { learner, instructor } = world();
    db.transaction((tx) => completeProgramme(tx, course(), learner.user.id, instructor.user.id, Date.now()));
    const slug = course().certification!.practicals.at(-1)!;
    db.delete(submissions)
      .where(and(eq(submissions.learnerId, learner.user.id), eq(submissions.practicalSlug, slug)))
      .run();
    const submit = (version: number) =>
      db
        .insert(submissions)
        .values({
          learnerId: learner.user.id,
          courseSlug: COURSE,
          practicalSlug: slug,
          version,
          note: "",
          consentConfirmedAt: 1,
          briefHash: "x",
          createdAt: Date.now(),
        })
        .returning()
        .get().id;
    gradeSubmission(db, getCatalogue(), instructor.actor(), submit(1), {
      scores: bestScores(slug),
      pins: [],
      feedback: "Redo the left side.",
      verdict: "revise",
    });
    expect(certificatesOf(learner.user.id)).toHaveLength(0);
    gradeSubmission(db, getCatalogue(), instructor.actor(), submit(2), { scores: bestScores(slug), pins: [], feedback: "", verdict: "pass" });
    expect(certificatesOf(learner.user.id)).toHaveLength(1);
  });

  it("never counts cases that are not countersigned", () => {
    const { learner, instructor } = world();
    db.transaction((tx) => completeProgramme(tx, course(), learner.user.id, instructor.user.id, Date.now()));
    db.update(supervisedCases).set({ status: "returned" }).where(eq(supervisedCases.learnerId, learner.user.id)).run();
    expect(settleCertification(db, course(), learner.user.id)).toBeNull();
    expect(certificationOverview(db, learner.user.id, course())!.requirements.find((r) => r.id === "cases")).toMatchObject({ done: 0, met: false });
  });

  it("issues exactly one certificate when four processes complete the last requirement at the same moment", async () => {
    const { learner, instructor } = world();
    allButLastModule(learner.user.id, instructor.user.id);
    const outcomes = await race(Array.from({ length: 4 }, () => ["complete-module", learner.user.id, lastModule().slug]));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(certificatesOf(learner.user.id)).toHaveLength(1);
    expect(db.select().from(notifications).where(eq(notifications.kind, "certificate-issued")).all()).toHaveLength(1);
  }, 30_000);

  it("issues exactly one certificate when the last two requirements are met by different people at the same moment", async () => {
    const { learner, instructor } = world();
    allButLastModule(learner.user.id, instructor.user.id);
    const slug = course().certification!.practicals[0]!;
    db.delete(submissions)
      .where(and(eq(submissions.learnerId, learner.user.id), eq(submissions.practicalSlug, slug)))
      .run();
    const waiting = db
      .insert(submissions)
      .values({
        learnerId: learner.user.id,
        courseSlug: COURSE,
        practicalSlug: slug,
        version: 1,
        note: "",
        consentConfirmedAt: 1,
        briefHash: "x",
        createdAt: Date.now(),
      })
      .returning()
      .get();
    const outcomes = await race([
      ["complete-module", learner.user.id, lastModule().slug],
      ["pass-practical", instructor.user.id, `${waiting.id}:${slug}`],
    ]);
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
    // Whichever committed second saw both and issued; neither missed it, neither doubled it.
    expect(certificatesOf(learner.user.id)).toHaveLength(1);
  }, 30_000);
});

const HAS_POPPLER = spawnSync("pdftoppm", ["-v"]).error === undefined;
const withPoppler = HAS_POPPLER || process.env.STIPPLE_REQUIRE_SYSTEM_TOOLS ? it : it.skip;

function decodeQr(pdf: Buffer): Promise<string | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-cert-"));
  const pdfFile = path.join(dir, "certificate.pdf");
  fs.writeFileSync(pdfFile, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "150", "-singlefile", pdfFile, path.join(dir, "page")]);
  return sharp(path.join(dir, "page.png"))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
    .then(({ data, info }) => jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null)
    .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

describe("the certificate, its PDF and who may see them", () => {
  async function pdfAs(cookie: string, id: string) {
    const response = await pdfLoader({ request: get(`/certificates/${id}.pdf`, cookie), params: { id }, context: contextFor(db) } as never).catch(
      (e: unknown) => e,
    );
    return response as Response | { init: { status: number } };
  }

  withPoppler("downloads as a PDF that pdf-lib loads, whose QR code opens a verify page saying VALID", async () => {
    const { learner, instructor } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    const response = (await pdfAs(learner.cookie, cert.id)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    const doc = await PDFDocument.load(bytes);
    // The certificate, then its transcript with the assessors' names.
    expect(doc.getPageCount()).toBe(2);
    const pages = execFileSync("pdftotext", ["-layout", "-", "-"], { input: bytes }).toString();
    expect(pages).toContain("Transcript");
    expect(pages).toContain("Assessed by ines");
    expect(pages).toContain("Countersigned by ines");
    const url = await decodeQr(bytes);
    expect(url).toBe(`${getEnv().appUrl}/verify/${cert.code}`);
    const pathname = new URL(url!).pathname;
    const page = await call(verifyLoader, { request: get(pathname), params: { code: pathname.split("/").pop()! }, context: contextFor(db) });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ found: true, certificate: { code: cert.code, state: "VALID", holderName: "lena" } });
  });

  it("will not print a revoked certificate, and the page offers no download", async () => {
    const { learner, instructor, adminA } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    revokeCertificate(db, adminA.actor(), cert.id, { reason: "misconduct", note: "" });
    const pdf = await pdfAs(learner.cookie, cert.id);
    expect(pdf instanceof Response ? pdf.status : pdf.init.status).toBe(409);
    const page = await call(certificateLoader, { request: get(`/certificates/${cert.id}`, learner.cookie), params: { id: cert.id }, context: contextFor(db) });
    expect(page.body).toMatchObject({ certificate: { state: "REVOKED" } });
  });

  it("lets the holder, their clinic's admin and a platform admin open it; anyone else gets 404 for the page and the PDF", async () => {
    const { learner, peer, instructor, adminA, adminB, learnerB, platform } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    const backTo: string[] = [];
    for (const who of [learner, adminA, platform, instructor]) {
      const page = await call(certificateLoader, { request: get(`/certificates/${cert.id}`, who.cookie), params: { id: cert.id }, context: contextFor(db) });
      expect(page.status).toBe(200);
      backTo.push((page.body as { back: { to: string } }).back.to);
    }
    expect(backTo).toEqual(["/certificates", "/clinic", "/admin", "/review"]);
    for (const who of [peer, adminB, learnerB]) {
      const page = await call(certificateLoader, { request: get(`/certificates/${cert.id}`, who.cookie), params: { id: cert.id }, context: contextFor(db) });
      expect(page.status).toBe(404);
      const pdf = await pdfAs(who.cookie, cert.id);
      expect(pdf instanceof Response ? pdf.status : pdf.init.status).toBe(404);
    }
    expect(((await pdfAs(adminA.cookie, cert.id)) as Response).status).toBe(200);
  });
});

describe("the transcript", () => {
  it("is copied onto the certificate at issue: modules and scores, each practical's assessor, the cases and who countersigned them", () => {
    const { learner, instructor } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    const t = cert.transcript!;
    expect(t.modules.map((m) => m.title)).toEqual(course().modules.map((m) => m.title));
    expect(t.modules.every((m) => m.quizPercent === 90)).toBe(true);
    expect(t.examPercent).toBe(90);
    expect(t.guidedHours).toBe(90);
    expect(t.practicals.map((p) => p.title).sort()).toEqual(
      course()
        .certification!.practicals.map((slug) => course().practicals.find((p) => p.slug === slug)!.title)
        .sort(),
    );
    expect(t.practicals.every((p) => p.assessor === "ines" && /^\d{4}-\d{2}-\d{2}$/.test(p.passedOn))).toBe(true);
    expect(t.cases).toMatchObject({ count: 5, countersignedBy: ["ines"] });
    // A copy: renaming the assessor later does not rewrite what the certificate says.
    db.update(users).set({ name: "Renamed" }).where(eq(users.id, instructor.user.id)).run();
    expect(certificatesOf(learner.user.id)[0]!.transcript!.practicals[0]!.assessor).toBe("ines");
  });

  it("stays off the public page until the holder shows it, and only the holder can", async () => {
    const { learner, instructor, adminA } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    const verify = () => call(verifyLoader, { request: get(`/verify/${cert.code}`), params: { code: cert.code }, context: contextFor(db) });
    expect((await verify()).body).toMatchObject({ certificate: { transcript: null } });
    expect(JSON.stringify((await verify()).body)).not.toContain("ines");

    const asAdmin = await call(certificateAction, {
      request: postForm(`/certificates/${cert.id}`, { intent: "transcript", show: "yes" }, adminA.cookie),
      params: { id: cert.id },
      context: contextFor(db),
    });
    expect(asAdmin.status).toBe(404);
    expect(certificatesOf(learner.user.id)[0]!.transcriptPublic).toBe(false);

    const bad = await call(certificateAction, {
      request: postForm(`/certificates/${cert.id}`, { intent: "transcript", show: "maybe" }, learner.cookie),
      params: { id: cert.id },
      context: contextFor(db),
    });
    expect(bad.status).toBe(400);
    expect(certificatesOf(learner.user.id)[0]!.transcriptPublic).toBe(false);

    const shown = await call(certificateAction, {
      request: postForm(`/certificates/${cert.id}`, { intent: "transcript", show: "yes" }, learner.cookie),
      params: { id: cert.id },
      context: contextFor(db),
    });
    expect(shown.status).toBe(200);
    expect((await verify()).body).toMatchObject({ certificate: { transcript: { cases: { count: 5, countersignedBy: ["ines"] } } } });

    await call(certificateAction, {
      request: postForm(`/certificates/${cert.id}`, { intent: "transcript", show: "no" }, learner.cookie),
      params: { id: cert.id },
      context: contextFor(db),
    });
    expect((await verify()).body).toMatchObject({ certificate: { transcript: null } });
  });
});

describe("claiming a certificate already earned", () => {
  it("issues it from the course page when the records meet a programme that changed, and refuses otherwise", async () => {
    const { learner, peer, instructor } = world();
    db.transaction((tx) => completeProgramme(tx, course(), learner.user.id, instructor.user.id, Date.now()));
    const claim = () =>
      call(courseAction, {
        request: postForm(`/courses/${COURSE}`, { intent: "claim-certificate" }, learner.cookie),
        params: { course: COURSE },
        context: contextFor(db),
      });
    // Records met, no certificate (as after course.yml lowered a requirement).
    expect(certificatesOf(learner.user.id)).toHaveLength(0);
    const first = await claim();
    const issued = certificatesOf(learner.user.id);
    expect(issued).toHaveLength(1);
    expect(first.headers.get("Location")).toBe(`/certificates/${issued[0]!.id}`);
    await claim();
    expect(certificatesOf(learner.user.id)).toHaveLength(1);

    const refused = await call(courseAction, {
      request: postForm(`/courses/${COURSE}`, { intent: "claim-certificate" }, peer.cookie),
      params: { course: COURSE },
      context: contextFor(db),
    });
    expect(refused.headers.get("Location")).toBe(`/courses/${COURSE}#certification-heading`);
    expect(certificatesOf(peer.user.id)).toHaveLength(0);
  });
});

describe("public verification", () => {
  const verify = (code: string, ip = "198.51.100.1") => call(verifyLoader, { request: get(`/verify/${code}`), params: { code }, context: contextFor(db, ip) });

  it("says VALID, then EXPIRED once the clock passes expiry, and REVOKED after revocation, at once", () => {
    const { learner, instructor, adminA } = world();
    const cert = certify(learner.user.id, instructor.user.id, Date.UTC(2026, 0, 31));
    expect(verifyCertificate(db, cert.code, Date.UTC(2026, 0, 31) + 1)!.state).toBe("VALID");
    expect(cert.expiresAt).toBe(Date.UTC(2028, 0, 31));
    expect(verifyCertificate(db, cert.code, cert.expiresAt - 1)!.state).toBe("VALID");
    expect(verifyCertificate(db, cert.code, cert.expiresAt)!.state).toBe("EXPIRED");
    const revokedAt = Date.UTC(2026, 5, 1);
    revokeCertificate(db, adminA.actor(), cert.id, { reason: "misconduct", note: "Client complaint #4411, internal" }, revokedAt);
    // The holder's name is on the public page: a reason like misconduct stays private unless the issuer publishes it.
    expect(verifyCertificate(db, cert.code, revokedAt)).toMatchObject({ state: "REVOKED", revokedAt, revocationReason: "Revoked by the issuer" });
    expect(JSON.stringify(verifyCertificate(db, cert.code, revokedAt))).not.toMatch(/misconduct/i);
    expect(verifyCertificate(db, cert.code, cert.expiresAt + DAY)!.state).toBe("REVOKED");
  });

  it("shows a found certificate's public facts only, and the same not-found page for any unknown or malformed code", async () => {
    const { learner, instructor, adminA } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    revokeCertificate(db, adminA.actor(), cert.id, { reason: "issued-in-error", note: "internal note: wrong learner", publishReason: true });
    const found = await verify(cert.code);
    const text = JSON.stringify(found.body);
    expect(found.body).toMatchObject({ found: true, certificate: { state: "REVOKED", revocationReason: "Issued in error" } });
    for (const secret of [learner.user.email, learner.user.id, "internal note", "score", "points", adminA.user.id, cert.id]) expect(text).not.toContain(secret);
    expect(found.headers.get("Cache-Control")).toContain("no-store");

    const answers = await Promise.all(["STP-2222-2222", "STP-ZZZZ-ZZZZ", "not a code", "<script>", "STP-DROP-TABLE"].map((c) => verify(c)));
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(Object.keys(answer.body as object).sort()).toEqual(["checkedAt", "found", "unavailable"]);
      expect((answer.body as { unavailable: unknown }).unavailable).toBeNull();
      expect((answer.body as { found: boolean }).found).toBe(false);
    }
  });

  it("accepts a code typed in lower case or without dashes by redirecting to its canonical address", async () => {
    const { learner, instructor } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    const typed = await verify(cert.code.toLowerCase().replace(/-/g, ""));
    expect(typed.status).toBe(302);
    expect(typed.headers.get("Location")).toBe(`/verify/${cert.code}`);
  });

  it("is rate-limited per address: the 31st check in ten minutes answers 429, another address still gets through", async () => {
    for (let i = 0; i < 30; i++) expect((await verify("STP-2222-2222")).status).toBe(404);
    const limited = await verify("STP-2222-2222");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await verify("STP-2222-2222", "198.51.100.2")).status).toBe(404);
  });

  it("counts IPv6 visitors by their /64, so rotating addresses inside it does not reset the limit", async () => {
    for (let i = 1; i <= 30; i++) expect((await verify("STP-2222-2222", `2001:db8:1:2::${i.toString(16)}`)).status).toBe(404);
    expect((await verify("STP-2222-2222", "2001:db8:1:2:ffff:ffff:ffff:ffff")).status).toBe(429);
    expect((await verify("STP-2222-2222", "2001:db8:1:3::1")).status).toBe(404);
  });
});

describe("revocation", () => {
  const revokeAs = (cookie: string, id: string, fields: Record<string, string>) =>
    call(certificateAction, { request: postForm(`/certificates/${id}`, { intent: "revoke", ...fields }, cookie), params: { id }, context: contextFor(db) });

  it("is for platform admins and the issuing clinic's admins; audit-logged; never undone by later records", async () => {
    const { learner, instructor, adminA, adminB, peer } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    const form = { reason: "requirements-not-met", note: "case 3 logged twice", confirm: "yes" };
    for (const who of [learner, adminB, peer, instructor]) expect((await revokeAs(who.cookie, cert.id, form)).status).toBe(404);
    expect(db.select().from(certificates).where(eq(certificates.id, cert.id)).get()!.revokedAt).toBeNull();

    expect((await revokeAs(adminA.cookie, cert.id, { ...form, confirm: "" })).status).toBe(400);
    expect((await revokeAs(adminA.cookie, cert.id, { ...form, reason: "because" })).status).toBe(400);
    expect(db.select().from(certificates).where(eq(certificates.id, cert.id)).get()!.revokedAt).toBeNull();

    expect((await revokeAs(adminA.cookie, cert.id, form)).status).toBe(200);
    expect((await revokeAs(adminA.cookie, cert.id, form)).status).toBe(409);
    const log = db.select().from(auditLog).where(eq(auditLog.action, "certificate-revoked")).all();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorId: adminA.user.id, detail: { certificateId: cert.id, reason: "requirements-not-met", note: "case 3 logged twice" } });
    expect(db.select().from(notifications).where(eq(notifications.kind, "certificate-revoked")).all()).toHaveLength(1);

    // More records later do not silently hand the learner a new certificate.
    expect(settleCertification(db, course(), learner.user.id)).toBeNull();
    expect(certificatesOf(learner.user.id)).toHaveLength(1);
  });

  it("shows the public a neutral 'revoked by the issuer' unless the issuer ticks 'publish the reason'", async () => {
    const { learner, instructor, adminA, peer } = world();
    const kept = certify(learner.user.id, instructor.user.id);
    // A failed submit keeps the choice to publish, and changes nothing.
    const refused = await revokeAs(adminA.cookie, kept.id, { reason: "misconduct", note: "", publishReason: "yes" });
    expect(refused).toMatchObject({ status: 400, body: { initialValue: { publishReason: "yes" }, error: { confirm: [expect.any(String)] } } });
    expect(verifyCertificate(db, kept.code)!.state).toBe("VALID");
    expect((await revokeAs(adminA.cookie, kept.id, { reason: "misconduct", note: "", confirm: "yes" })).status).toBe(200);
    expect(verifyCertificate(db, kept.code)).toMatchObject({ state: "REVOKED", revocationReason: "Revoked by the issuer" });
    const published = certify(peer.user.id, instructor.user.id);
    expect((await revokeAs(adminA.cookie, published.id, { reason: "issued-in-error", note: "", confirm: "yes", publishReason: "yes" })).status).toBe(200);
    expect(verifyCertificate(db, published.code)).toMatchObject({ state: "REVOKED", revocationReason: "Issued in error" });
  });

  it("stays with the issuing clinic: an admin of a clinic the holder later joins cannot revoke it", () => {
    const { learner, instructor, adminB, clinicA } = world();
    const cert = certify(learner.user.id, instructor.user.id);
    db.update(memberships)
      .set({ removedAt: Date.now() })
      .where(and(eq(memberships.userId, learner.user.id), eq(memberships.organisationId, clinicA.id)))
      .run();
    const b = db.select().from(memberships).where(eq(memberships.userId, adminB.user.id)).get()!;
    db.insert(memberships).values({ organisationId: b.organisationId, userId: learner.user.id, role: "technician" }).run();
    expect(() => revokeCertificate(db, adminB.actor(), cert.id, { reason: "other", note: "" })).toThrow(NotFound);
  });
});

/** Copies of one of the learner's cases, performed on `days` and countersigned at `countersignedAt`. */
function casesOn(learnerId: string, days: string[], countersignedAt: number, status: "countersigned" | "submitted" = "countersigned") {
  const template = db.select().from(supervisedCases).where(eq(supervisedCases.learnerId, learnerId)).get()!;
  const { id: _id, ...rest } = template;
  return days.map(
    (day) =>
      db
        .insert(supervisedCases)
        .values({ ...rest, performedOn: day, status, countersignedAt: status === "countersigned" ? countersignedAt : null })
        .returning()
        .get().id,
  );
}

/** A passed refresher attempt for `certificateId`, as if taken at `at`. */
function passedRefresher(learnerId: string, certificateId: string, at: number) {
  db.insert(quizAttempts)
    .values({
      userId: learnerId,
      courseSlug: COURSE,
      quizKey: `refresher:${certificateId}`,
      bankHash: "x",
      seed: "x",
      questions: [],
      passMark: 0.8,
      startedAt: at,
      deadlineAt: at + 60_000,
      submittedAt: at + 1000,
      score: 9,
      maxScore: 10,
      passed: true,
    })
    .run();
}

describe("expiry reminders and renewal", () => {
  it("reminds the holder 90 and 30 days before expiry, in-app and by email, once each", () => {
    const { learner, instructor } = world();
    const cert = certify(learner.user.id, instructor.user.id, Date.UTC(2026, 0, 10));
    const reminders = () => db.select().from(notifications).where(eq(notifications.kind, "certificate-renewal-reminder")).all();
    expect(sendRenewalReminders(db, cert.expiresAt - 91 * DAY)).toBe(0);
    expect(sendRenewalReminders(db, cert.expiresAt - 90 * DAY)).toBe(1);
    expect(sendRenewalReminders(db, cert.expiresAt - 89 * DAY)).toBe(0);
    expect(reminders()[0]!.title).toContain("expires in 90 days");
    expect(sendRenewalReminders(db, cert.expiresAt - 30 * DAY)).toBe(1);
    expect(sendRenewalReminders(db, cert.expiresAt - 10 * DAY)).toBe(0);
    expect(sendRenewalReminders(db, cert.expiresAt + DAY)).toBe(0);
    expect(reminders()).toHaveLength(2);
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.kind, "certificate-renewal-reminder")).all()).toHaveLength(2);
  });

  it("renews with a refresher pass and new countersigned cases inside the window: a new certificate supersedes the old", () => {
    const { learner, instructor } = world();
    const issuedAt = Date.UTC(2026, 0, 10);
    const old = certify(learner.user.id, instructor.user.id, issuedAt);
    const opens = old.expiresAt - 90 * DAY;
    expect(() => refresherFor(db, learner.user.id, course(), opens - DAY)).toThrow(NotFound);

    // Two cases performed after issue, countersigned.
    casesOn(learner.user.id, ["2027-03-01", "2027-06-01"], Date.UTC(2027, 6, 1));
    expect(settleCertification(db, course(), learner.user.id, opens + DAY)).toBeNull(); // no refresher yet

    const quiz = refresherFor(db, learner.user.id, course(), opens + DAY);
    const attemptId = startAttempt(db, learner.user.id, quiz, opens + DAY);
    db.update(quizAttempts).set({ passMark: 0 }).where(eq(quizAttempts.id, attemptId)).run();
    submitAttempt(db, learner.user.id, attemptId, opens + DAY + 60_000);

    const all = certificatesOf(learner.user.id);
    expect(all).toHaveLength(2);
    const renewed = all.find((c) => c.id !== old.id)!;
    expect(renewed).toMatchObject({ supersedesId: old.id, issuedAt: opens + DAY + 60_000, expiresAt: expiryDate(old.expiresAt, 24) });
    expect(currentCertificate(db, learner.user.id, COURSE)!.id).toBe(renewed.id);
    expect(verifyCertificate(db, old.code, opens + 2 * DAY)).toMatchObject({ state: "VALID", renewedAs: renewed.code });
    // The refresher belonged to the old certificate: it is not open again for the new one.
    expect(() => refresherFor(db, learner.user.id, course(), opens + 2 * DAY)).toThrow(NotFound);
    expect(() =>
      db
        .insert(certificates)
        .values({ ...renewed, id: "x", code: "STP-2222-3333" })
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("does not renew before the window opens, even with everything done; does once it is open", () => {
    const { learner, instructor } = world();
    const old = certify(learner.user.id, instructor.user.id, Date.UTC(2026, 0, 10));
    const opens = old.expiresAt - 90 * DAY;
    casesOn(learner.user.id, ["2027-03-01", "2027-06-01"], Date.UTC(2027, 6, 1));
    passedRefresher(learner.user.id, old.id, Date.UTC(2027, 6, 2));
    expect(settleCertification(db, course(), learner.user.id, opens - 1)).toBeNull();
    expect(certificatesOf(learner.user.id)).toHaveLength(1);
    expect(settleCertification(db, course(), learner.user.id, opens)).toMatchObject({ supersedesId: old.id });
  });

  it("renews when the countersignature of the last case needed arrives, in that transaction", () => {
    const { learner, instructor } = world();
    const old = certify(learner.user.id, instructor.user.id, Date.UTC(2026, 0, 10));
    const inWindow = old.expiresAt - 30 * DAY;
    passedRefresher(learner.user.id, old.id, inWindow - 5 * DAY);
    casesOn(learner.user.id, ["2027-03-01"], Date.UTC(2027, 3, 1));
    const [waiting] = casesOn(learner.user.id, ["2027-12-01"], 0, "submitted");
    countersignCase(db, getCatalogue(), instructor.actor(), waiting!, inWindow);
    expect(certificatesOf(learner.user.id).find((c) => c.supersedesId === old.id)).toMatchObject({ issuedAt: inWindow });
  });

  it("never counts the case that completed a certificate towards renewing it", () => {
    const { learner, instructor } = world();
    const issuedAt = Date.UTC(2026, 0, 10, 15);
    allButLastModule(learner.user.id, instructor.user.id, issuedAt - DAY);
    // The fifth case was performed on the day of issue and is still waiting for its countersignature.
    const sameDay = db.select().from(supervisedCases).where(eq(supervisedCases.learnerId, learner.user.id)).get()!.id;
    db.update(supervisedCases).set({ status: "submitted", countersignedAt: null, performedOn: "2026-01-10" }).where(eq(supervisedCases.id, sameDay)).run();
    completeModule(db, learner.user.id, course(), lastModule(), issuedAt - 500);
    expect(certificatesOf(learner.user.id)).toHaveLength(0); // one case short
    countersignCase(db, getCatalogue(), instructor.actor(), sameDay, issuedAt);
    const cert = certificatesOf(learner.user.id)[0]!;
    expect(cert.issuedAt).toBe(issuedAt);
    expect(renewalRecords(db, cert).casesSinceIssue).toBe(0);
  });

  it("revoking any certificate of a renewal chain revokes the whole chain", () => {
    const { learner, instructor, adminA } = world();
    const old = certify(learner.user.id, instructor.user.id, Date.UTC(2026, 0, 10));
    casesOn(learner.user.id, ["2027-03-01", "2027-06-01"], Date.UTC(2027, 6, 1));
    passedRefresher(learner.user.id, old.id, Date.UTC(2027, 6, 2));
    const renewed = settleCertification(db, course(), learner.user.id, old.expiresAt - 10 * DAY)!;
    const at = old.expiresAt - 9 * DAY;
    revokeCertificate(db, adminA.actor(), renewed.id, { reason: "misconduct", note: "" }, at);
    expect(verifyCertificate(db, old.code, at)!.state).toBe("REVOKED");
    expect(verifyCertificate(db, renewed.code, at)!.state).toBe("REVOKED");
    expect(() => revokeCertificate(db, adminA.actor(), old.id, { reason: "other", note: "" }, at)).toThrow(Conflict);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "certificate-revoked")).all()).toHaveLength(1);
  });

  it("sends no reminders for a revoked or a replaced certificate", () => {
    const { learner, peer, instructor, adminA } = world();
    const revoked = certify(learner.user.id, instructor.user.id, Date.UTC(2026, 0, 10));
    revokeCertificate(db, adminA.actor(), revoked.id, { reason: "other", note: "" }, Date.UTC(2026, 2, 1));
    const replaced = certify(peer.user.id, instructor.user.id, Date.UTC(2026, 0, 10));
    db.update(certificates)
      .set({ supersededAt: Date.UTC(2027, 11, 1) })
      .where(eq(certificates.id, replaced.id))
      .run();
    expect(sendRenewalReminders(db, revoked.expiresAt - 60 * DAY)).toBe(0);
    expect(sendRenewalReminders(db, revoked.expiresAt - 20 * DAY)).toBe(0);
  });

  it("does not renew a revoked certificate", () => {
    const { learner, instructor, adminA } = world();
    const old = certify(learner.user.id, instructor.user.id, Date.UTC(2026, 0, 10));
    casesOn(learner.user.id, ["2027-03-01", "2027-06-01"], Date.UTC(2027, 6, 1));
    const quiz = refresherFor(db, learner.user.id, course(), old.expiresAt - 10 * DAY);
    const attemptId = startAttempt(db, learner.user.id, quiz, old.expiresAt - 10 * DAY);
    db.update(quizAttempts).set({ passMark: 0 }).where(eq(quizAttempts.id, attemptId)).run();
    revokeCertificate(db, adminA.actor(), old.id, { reason: "misconduct", note: "" }, old.expiresAt - 10 * DAY);
    submitAttempt(db, learner.user.id, attemptId, old.expiresAt - 10 * DAY + 1000);
    expect(certificatesOf(learner.user.id)).toHaveLength(1);
    expect(() => refresherFor(db, learner.user.id, course(), old.expiresAt - 9 * DAY)).toThrow(NotFound);
    expect(() => revokeCertificate(db, adminA.actor(), old.id, { reason: "misconduct", note: "" })).toThrow(Conflict);
  });
});
