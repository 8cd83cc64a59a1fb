import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "~/db/client.server";
import { cohortInstructors, cohortLearners, enrolments, memberships, organisations, users } from "~/db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/db/seed-demo.server";
import { resetEnvForTests } from "~/env.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { startup } from "~/startup.server";

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
  freshEnv({ STIPPLE_DEPLOYMENT: undefined, STIPPLE_CONTENT_DIR: path.resolve("content") });
});

describe("start-up", () => {
  it("in demo mode migrates and seeds the documented accounts, clinic and cohort, once", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    await startup();
    const db = getDb();
    const seeded = db.select().from(users).all();
    expect(seeded.map((u) => [u.email, u.role]).sort()).toEqual(DEMO_ACCOUNTS.map((a) => [a.email, a.role]).sort());
    expect(await verifyPassword(seeded[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(db.select().from(organisations).all()).toHaveLength(1);
    expect(db.select().from(memberships).all()).toHaveLength(3);
    const learner = seeded.find((u) => u.role === "learner")!;
    const instructor = seeded.find((u) => u.role === "instructor")!;
    expect(db.select().from(cohortLearners).get()?.userId).toBe(learner.id);
    expect(db.select().from(cohortInstructors).get()?.userId).toBe(instructor.id);
    expect(db.select().from(enrolments).get()).toMatchObject({ userId: learner.id, courseSlug: "smp-practitioner" });
  });

  it("in production seeds nothing", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "production" });
    await startup();
    expect(getDb().select().from(users).all()).toHaveLength(0);
  });

  it("in production refuses to start while demo accounts exist", async () => {
    freshEnv({ STIPPLE_DEPLOYMENT: "demo" });
    await startup();
    const dir = process.env.STIPPLE_DATA_DIR!;
    closeDb();
    process.env.STIPPLE_DEPLOYMENT = "production";
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
