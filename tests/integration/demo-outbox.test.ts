import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { users } from "~/db/schema";
import { resetEnvForTests } from "~/env.server";
import { queueEmail } from "~/modules/notifications/outbox.server";
import { loader } from "~/routes/dev.outbox";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { person } from "../helpers/world";

let db: Db;

beforeEach(() => {
  db = createTestDb();
  queueEmail(db, { to: "someone@clinic.example", subject: "Reset your password", text: "http://localhost:3000/reset-password/secret", kind: "reset" });
});

afterEach(() => {
  delete process.env.STIPPLE_DEPLOYMENT;
  resetEnvForTests();
});

const open = (cookie?: string) => call(loader, { request: get("/dev/outbox", cookie), params: {}, context: contextFor(db) });

function demoPerson(email: string) {
  const p = person(db, email);
  db.update(users).set({ isDemo: true }).where(eq(users.id, p.user.id)).run();
  return p;
}

describe("the demo outbox", () => {
  it("shows the emails to someone signed in with a demo account", async () => {
    const demo = demoPerson("learner@demo.stipple");
    const page = await open(demo.cookie);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ emails: [{ to: "someone@clinic.example", text: "http://localhost:3000/reset-password/secret" }] });
  });

  it("is not there for anyone else: a visitor, or a signed-in account that is not a demo account", async () => {
    const anonymous = await open();
    expect(anonymous.status).toBe(404);
    expect(JSON.stringify(anonymous.body)).not.toContain("reset-password");
    const real = person(db, "real@clinic.example", "admin");
    const signedIn = await open(real.cookie);
    expect(signedIn.status).toBe(404);
    expect(JSON.stringify(signedIn.body)).not.toContain("reset-password");
  });

  it("is not there on a production deployment, even for a demo account", async () => {
    const demo = demoPerson("admin@demo.stipple");
    process.env.STIPPLE_DEPLOYMENT = "production";
    resetEnvForTests();
    expect((await open(demo.cookie)).status).toBe(404);
  });
});
