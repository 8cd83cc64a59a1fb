import { execFileSync, spawnSync } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { loader as pdfLoader } from "~/routes/courses.$course.paperwork.$form[.pdf]";
import { loader as formLoader } from "~/routes/courses.$course.paperwork.$form";
import { loader as moduleLoader } from "~/routes/courses.$course.$module";
import { enrol } from "~/modules/progress/progress.server";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { clinic, person } from "../helpers/world";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const HAS_POPPLER = spawnSync("pdftotext", ["-v"]).error === undefined;
const withPoppler = HAS_POPPLER || process.env.STIPPLE_REQUIRE_SYSTEM_TOOLS ? it : it.skip;
const COURSE = "smp-practitioner";

describe("client paperwork", () => {
  withPoppler("downloads as a PDF headed with the person's clinic, and without a clinic leaves a line for it", async () => {
    const tech = person(db, "tech@harbour.example");
    clinic(db, "Harbour Street Clinic", { technicians: [tech] });
    const url = `/courses/${COURSE}/paperwork/informed-consent.pdf`;
    const params = { course: COURSE, form: "informed-consent" };
    const answer = await call(pdfLoader, { request: get(url, tech.cookie), params, context: contextFor(db) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/pdf");
    const independent = person(db, "solo@example.com");
    // The bytes themselves, as the browser downloads them.
    const solo = await pdfLoader({ request: get(url, independent.cookie), params, context: contextFor(db) } as never);
    const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(await (solo as Response).arrayBuffer()) }).toString();
    expect(text).not.toContain("Harbour Street Clinic");
    expect(text).toMatch(/Clinic\s*\n/);
    const clinicPdf = await pdfLoader({ request: get(url, tech.cookie), params, context: contextFor(db) } as never);
    const clinicText = execFileSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(await (clinicPdf as Response).arrayBuffer()) }).toString();
    expect(clinicText).toContain("Harbour Street Clinic");
  });

  it("answers 404 for a form the course does not have, and asks a visitor to sign in", async () => {
    const tech = person(db, "tech@harbour.example");
    const missing = await call(formLoader, {
      request: get(`/courses/${COURSE}/paperwork/nope`, tech.cookie),
      params: { course: COURSE, form: "nope" },
      context: contextFor(db),
    });
    expect(missing.status).toBe(404);
    const anonymous = await call(formLoader, {
      request: get(`/courses/${COURSE}/paperwork/informed-consent`),
      params: { course: COURSE, form: "informed-consent" },
      context: contextFor(db),
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });

  it("is linked from the modules that teach it", async () => {
    const learner = person(db, "lena@example.com");
    enrol(db, learner.user.id, COURSE);
    const slug = "safety-consultation-and-aftercare";
    const page = await call(moduleLoader, {
      request: get(`/courses/${COURSE}/${slug}`, learner.cookie),
      params: { course: COURSE, module: slug },
      context: contextFor(db),
    });
    expect((page.body as { paperwork: { slug: string }[] }).paperwork.map((p) => p.slug)).toEqual(expect.arrayContaining(["aftercare-sheet"]));
  });
});
