import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { certificates, users } from "~/db/schema";
import { SESSION_COOKIE } from "~/http/session.server";
import { createSession } from "~/modules/auth/session.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { DEMO_CERTIFICATES, seedDemo } from "~/modules/demo/seed.server";
import { loader as certificateLoader } from "~/routes/certificates.$id";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";

let db: Db;

beforeAll(async () => {
  db = createTestDb();
  await seedDemo(db, getCatalogue().courses);
});

type Renewal = {
  open: boolean;
  windowDays: number;
  validityMonths: number;
  asks: string[];
  requirements: { id: string; done: number; total: number }[];
} | null;

/** The certificate page's data, as its holder opens it. */
async function holderPage(code: string) {
  const cert = db.select().from(certificates).where(eq(certificates.code, code)).get()!;
  const holder = db.select().from(users).where(eq(users.id, cert.userId)).get()!;
  const cookie = `${SESSION_COOKIE}=${createSession(db, holder.id).token}`;
  const page = await call(certificateLoader, { request: get(`/certificates/${cert.id}`, cookie), params: { id: cert.id }, context: contextFor(db) });
  expect(page.status).toBe(200);
  return (page.body as { certificate: { renewal: Renewal } }).certificate.renewal;
}

describe("renewal on the certificate page", () => {
  it("before the window opens, says when it opens, how long a renewal lasts and what it will need, with no progress", async () => {
    const renewal = await holderPage(DEMO_CERTIFICATES.valid);
    const rule = getCatalogue().courses.find((c) => c.certification)!.certification!;
    expect(renewal).toMatchObject({ open: false, windowDays: rule.renewal!.windowDays, validityMonths: rule.validityMonths, requirements: [] });
    expect(renewal!.asks).toEqual([
      "pass the refresher quiz",
      `have ${rule.renewal!.casesSinceIssue} supervised cases countersigned since this certificate was issued`,
    ]);
  });

  it("once the window is open, shows the progress towards each requirement", async () => {
    const renewal = await holderPage(DEMO_CERTIFICATES.renewing);
    expect(renewal).toMatchObject({ open: true });
    // The demo holder has one of the two cases renewal asks for.
    expect(renewal!.requirements).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "quizzes", done: 0, total: 1 }), expect.objectContaining({ id: "cases", done: 1, total: 2 })]),
    );
  });
});
