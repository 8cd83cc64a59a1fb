// Issue 11, "Nothing lost": disk full and a read-only database. Requests go through Remix itself
// (the app's entry, root ErrorBoundary and routes, behind the perimeter's handler as the server
// wires it): a write answers 503 with Retry-After and the page saying nothing saved is lost,
// reads keep answering 200, /healthz tells the operator, and what was saved before is intact.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq } from "drizzle-orm";
import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionOf, type Db } from "~/db/client.server";
import * as schema from "~/db/schema";
import { quizAnswers, quizAttempts, sessions, supervisedCases, users } from "~/db/schema";
import { databaseWritable } from "~/db/health.server";
import { isStorageUnavailable } from "~/db/unavailable.server";
import { postCeiling, remixHandler } from "~/http/perimeter.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { enrol } from "~/modules/progress/progress.server";
import { saveAnswer, startAttempt } from "~/modules/quiz/lifecycle.server";
import { moduleQuiz } from "~/modules/quiz/quiz-definition.server";
import type { DrawnQuestion } from "~/modules/quiz/types";
import { createTestDbFile } from "../../helpers/db";
import { testBuild } from "../../helpers/remix-build";
import { person } from "../../helpers/world";

const COURSE = "smp-practitioner";

let db: Db;
let file: string;
/** The connection the server's requests get, switched by each test. */
let served: Db;
let server: Server;
let base = "";
let cookie = "";
let attemptId = "";
/** A single-choice question of the attempt: the autosaves answer it. */
let position = "";

beforeEach(async () => {
  ({ db, file } = createTestDbFile());
  served = db;
  const lena = person(db, "lena@a.example", "learner", { name: "Lena" });
  const learner = lena.user;
  enrol(db, learner.id, COURSE);
  cookie = lena.cookie;
  const course = findCourse(COURSE);
  attemptId = startAttempt(db, learner.id, moduleQuiz(course, course.modules[0]!.slug));
  const questions = db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()!.questions as DrawnQuestion[];
  position = String(questions.findIndex((q) => q.type === "single"));
  saveAnswer(db, learner.id, attemptId, Number(position), "0");

  const app = express();
  app.use(postCeiling({ db: () => served, max: 600, windowMs: 60_000 }));
  app.all(
    "*",
    remixHandler({ build: testBuild(), mode: "production", getLoadContext: () => ({ db: served, cspNonce: "test-nonce", clientIp: "203.0.113.7" }) }),
  );
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

function caseForm(notes = "Soft front edge, density built in two passes."): Record<string, string> {
  return {
    intent: "log",
    performedOn: daysAgo(2),
    sessionNumber: "1",
    area: "hairline",
    hairLossScale: "norwood",
    hairLossStage: "III",
    fitzpatrick: "3",
    needle: "1203RL",
    pigment: "Neutral black",
    dilution: "1:2 with sterile water",
    durationMinutes: "180",
    notes,
    // Lena studies without a clinic, so she names the practitioner who supervised her (decision 038).
    supervisorLinkId: "new",
    supervisorName: "Sol Studio",
    supervisorEmail: "sol@studio.example",
    consent: "on",
  };
}

function post(pathname: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const getPage = (pathname: string) => fetch(`${base}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual" });

/** The answer of a document request refused for storage: the 503 page a person can act on. */
async function expectUnavailablePage(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("Retry-After")).toBe("120");
  const html = await response.text();
  expect(html).toContain("Stipple can’t save changes right now");
  expect(html).toContain("Nothing you saved before is lost");
  expect(html).toMatch(/Error (<!-- -->)?503/);
}

function readOnlyReopen(): Db {
  return drizzle(new Database(file, { readonly: true, fileMustExist: true }), { schema });
}

describe("a read-only database", () => {
  it("refuses writes with the 503 page, keeps reads working, and loses nothing saved before", async () => {
    const answersBefore = db.select().from(quizAnswers).all();
    const casesBefore = db.select().from(supervisedCases).all();
    // A session due for its sliding renewal: the renewal is a write, and must not break reading.
    db.update(sessions)
      .set({ expiresAt: Date.now() + 60_000 })
      .run();
    served = readOnlyReopen();

    // Reads: the course page and the running attempt.
    const page = await getPage(`/courses/${COURSE}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(findCourse(COURSE).title);
    expect((await getPage(`/attempts/${attemptId}`)).status).toBe(200);

    // A document form post (no JavaScript): the logbook.
    await expectUnavailablePage(await post(`/logbook?course=${COURSE}`, caseForm()));

    // A fetcher's autosave (single fetch, `.data`): 503 with Retry-After, and the message in the payload.
    const autosave = await post(`/attempts/${attemptId}.data`, { intent: "autosave", position, response: "1" });
    expect(autosave.status).toBe(503);
    expect(autosave.headers.get("Retry-After")).toBe("120");
    expect(await autosave.text()).toContain("Nothing you saved before is lost");

    // The operator's check says why.
    const health = await getPage("/healthz");
    expect(health.status).toBe(503);
    expect(await health.text()).toBe("database is read-only: writes fail");

    expect(db.select().from(quizAnswers).all()).toEqual(answersBefore);
    expect(answersBefore).toMatchObject([{ position: Number(position), response: "0" }]);
    expect(db.select().from(supervisedCases).all()).toEqual(casesBefore);

    // Writable again: the same autosave and case go through.
    served = db;
    expect((await getPage("/healthz")).status).toBe(200);
    expect((await post(`/attempts/${attemptId}.data`, { intent: "autosave", position, response: "1" })).status).toBe(200);
    const logged = await post(`/logbook?course=${COURSE}`, caseForm());
    expect(logged.status).toBe(302);
    expect(db.select().from(supervisedCases).all()).toHaveLength(1);
  }, 30_000);

  it("PRAGMA query_only on the live connection is reported by /healthz and refuses the autosave", async () => {
    connectionOf(db).pragma("query_only = ON");
    expect(databaseWritable(db)).toEqual({ ok: false, problem: "read-only" });
    expect((await getPage("/healthz")).status).toBe(503);
    const autosave = await post(`/attempts/${attemptId}.data`, { intent: "autosave", position, response: "1" });
    expect(autosave.status).toBe(503);
    connectionOf(db).pragma("query_only = OFF");
    expect(databaseWritable(db)).toEqual({ ok: true });
  });
});

describe("a full disk", () => {
  it("acknowledges cases until the database cannot grow, then answers 503; every acknowledged case survives a reopen", async () => {
    const sqlite = connectionOf(db);
    // SQLite's own page limit, a few pages above the current size: once those are used, a write
    // that needs another page gets SQLITE_FULL, as it would from a full disk.
    const pages = sqlite.pragma("page_count", { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages + 4}`);

    const acknowledged: string[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const response = await post(`/logbook?course=${COURSE}`, caseForm(`Case ${i}. ${"Even impressions, no blowouts. ".repeat(60)}`.slice(0, 2000)));
      if (response.status === 302) acknowledged.push(response.headers.get("Location")!.replace("/logbook/", ""));
      else refused = response;
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused).not.toBeNull();
    await expectUnavailablePage(refused!);
    expect(await (await getPage("/healthz")).text()).toBe("database is full: writes fail");

    // Reads still work while full.
    expect((await getPage(`/courses/${COURSE}`)).status).toBe(200);

    // Every acknowledged case is there for a new connection, whole.
    const reopened = new Database(file, { readonly: true });
    expect(reopened.pragma("integrity_check", { simple: true })).toBe("ok");
    const ids = reopened.prepare("select id from supervised_cases").pluck().all() as string[];
    reopened.close();
    expect(ids.sort()).toEqual([...acknowledged].sort());

    // Space again: the refused case can be sent again.
    sqlite.pragma("max_page_count = 1073741823");
    expect((await post(`/logbook?course=${COURSE}`, caseForm())).status).toBe(302);
    expect(
      db
        .select()
        .from(supervisedCases)
        .where(eq(supervisedCases.learnerId, db.select().from(users).get()!.id))
        .all(),
    ).toHaveLength(acknowledged.length + 1);
  }, 60_000);
});

describe("which errors mean storage refused a write", () => {
  it("SQLite's full, read-only and I/O errors (through Drizzle's wrapper) and ENOSPC, EROFS, EDQUOT; nothing else", () => {
    let real: unknown;
    try {
      readOnlyReopen().insert(users).values({ email: "x@a.example", name: "x", passwordHash: "x" }).run();
    } catch (error) {
      real = error;
    }
    expect(real).toMatchObject({ code: "SQLITE_READONLY" });
    expect(isStorageUnavailable(real)).toBe(true);
    const coded = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ["SQLITE_FULL", "SQLITE_READONLY_DBMOVED", "SQLITE_IOERR", "SQLITE_IOERR_FSYNC", "ENOSPC", "EROFS", "EDQUOT"]) {
      expect(isStorageUnavailable(coded(code)), code).toBe(true);
      expect(isStorageUnavailable(new Error("wrapped", { cause: coded(code) })), code).toBe(true);
    }
    for (const code of ["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_BUSY", "ENOENT", "EACCES", "SQLITE_FULLX"])
      expect(isStorageUnavailable(coded(code)), code).toBe(false);
    expect(isStorageUnavailable(new Error("boom"))).toBe(false);
    expect(isStorageUnavailable(null)).toBe(false);
  });
});
