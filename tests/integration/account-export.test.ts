import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { unzipSync } from "fflate";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { stagedPhotos, submissionPhotos, submissions, supervisedCasePhotos, supervisedCases } from "~/db/schema";
import { exportSnapshot, exportZipStream } from "~/modules/account/export.server";
import { NotFound } from "~/modules/errors";
import { getStorage, type Storage } from "~/modules/storage/storage.server";
import { loader as exportLoader } from "~/routes/account_.export[.zip]";
import { accountWorld } from "../helpers/account-world";
import { contextFor, createTestDb } from "../helpers/db";
import { get } from "../helpers/http";

let db: Db;
let storage: Storage;

beforeEach(() => {
  db = createTestDb();
  storage = getStorage();
});

async function download(cookie?: string): Promise<Response> {
  try {
    return (await exportLoader({ request: get("/account/export.zip", cookie), params: {}, context: contextFor(db) })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const text = (entries: Record<string, Uint8Array>, name: string) => new TextDecoder().decode(entries[name]);
const json = <T = unknown>(entries: Record<string, Uint8Array>, name: string) => JSON.parse(text(entries, name)) as T;

type SubmissionJson = {
  note: string;
  photos: string[];
  feedback: { feedback: string; gradedBy: string; rubric: { criterion: string; level: string }[]; annotations: { photo: string; comment: string }[] } | null;
};

describe("exporting one's data", () => {
  it("streams one zip with a JSON file per area and the photos, byte for byte, and nothing of anyone else", async () => {
    const w = await accountWorld(db, storage);
    const response = await download(w.learner.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="stipple-data-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.body).toBeInstanceOf(ReadableStream);
    const zip = new Uint8Array(await response.arrayBuffer());

    // Another zip reader agrees on the listing.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stipple-export-")), "export.zip");
    fs.writeFileSync(file, zip);
    const listing = execFileSync("unzip", ["-l", file], { encoding: "utf8" });
    const entries = unzipSync(zip);
    const names = Object.keys(entries);
    for (const name of names) expect(listing).toContain(name);

    const areas = [
      "README.txt",
      "profile.json",
      "enrolments.json",
      "reading-progress.json",
      "quiz-attempts.json",
      "submissions.json",
      "logbook.json",
      "certificates.json",
      "notifications.json",
      "uploads-not-submitted.json",
    ];
    expect(names.slice(0, areas.length)).toEqual(areas);

    expect(json(entries, "profile.json")).toMatchObject({
      id: w.learner.user.id,
      name: "Zelda Quixote",
      email: "zelda.quixote@a.example",
      clinics: [{ clinic: "Clinic A", role: "technician", leftAt: null }],
      cohorts: [{ cohort: "Autumn", as: "learner" }],
    });
    expect(json(entries, "enrolments.json")).toEqual([expect.objectContaining({ courseSlug: "smp-practitioner" })]);
    expect(json<unknown[]>(entries, "reading-progress.json")[0]).toMatchObject({ completedAt: expect.any(String) });

    // Quiz attempts: the learner's answers and what their own review shows — never the stored key as such.
    const quiz = json<{ attempts: { state: string; questions: { yourAnswer: string[]; correctAnswer: string[]; explanation: string }[] }[] }>(
      entries,
      "quiz-attempts.json",
    );
    expect(quiz.attempts).toHaveLength(1);
    expect(quiz.attempts[0]!.questions[0]).toMatchObject({ yourAnswer: expect.any(Array), correctAnswer: expect.any(Array), explanation: expect.any(String) });
    expect(quiz.attempts[0]!.questions[0]!.yourAnswer.length).toBeGreaterThan(0);
    expect(text(entries, "quiz-attempts.json")).not.toMatch(/"bankId"|"correct":|"trueFalse"|"correctOrder"|"seed"/);

    // Submissions with photos, the instructor's feedback, rubric and annotations.
    const subs = json<SubmissionJson[]>(entries, "submissions.json");
    expect(subs).toHaveLength(1);
    expect(subs[0]!.note).toBe("Grid note zelda");
    expect(subs[0]!.feedback).toMatchObject({ feedback: "Feedback zelda", gradedBy: "Ines Instructor" });
    expect(subs[0]!.feedback!.rubric.length).toBeGreaterThan(0);
    expect(subs[0]!.feedback!.annotations).toEqual([expect.objectContaining({ comment: "Pin comment zelda", photo: subs[0]!.photos[0] })]);
    const subPhotos = db
      .select()
      .from(submissionPhotos)
      .innerJoin(submissions, eq(submissions.id, submissionPhotos.submissionId))
      .where(eq(submissions.learnerId, w.learner.user.id))
      .orderBy(submissionPhotos.position)
      .all();
    expect(subs[0]!.photos).toHaveLength(subPhotos.length);
    for (const [i, row] of subPhotos.entries()) {
      const stored = await storage.get(row.submission_photos.storageKey);
      expect(Buffer.from(entries[subs[0]!.photos[i]!]!).equals(stored!.bytes), subs[0]!.photos[i]).toBe(true);
    }

    // Logbook cases with their photos.
    const cases = json<{ notes: string; status: string; supervisor: string | null; photos: string[] }[]>(entries, "logbook.json");
    expect(cases).toEqual([expect.objectContaining({ notes: "Case notes zelda", status: "countersigned" })]);
    const casePhoto = db
      .select({ key: supervisedCasePhotos.storageKey })
      .from(supervisedCasePhotos)
      .innerJoin(supervisedCases, eq(supervisedCases.id, supervisedCasePhotos.caseId))
      .where(eq(supervisedCases.learnerId, w.learner.user.id))
      .get()!;
    expect(Buffer.from(entries[cases[0]!.photos[0]!]!).equals((await storage.get(casePhoto.key))!.bytes)).toBe(true);

    // The photo uploaded but not yet submitted.
    const staged = json<{ photo: string }[]>(entries, "uploads-not-submitted.json");
    const stagedRow = db.select().from(stagedPhotos).where(eq(stagedPhotos.userId, w.learner.user.id)).get()!;
    expect(Buffer.from(entries[staged[0]!.photo]!).equals((await storage.get(stagedRow.storageKey))!.bytes)).toBe(true);

    expect(json(entries, "certificates.json")).toEqual([
      expect.objectContaining({ code: w.mine.certificateCode, holderName: "Zelda Quixote", state: "VALID" }),
    ]);
    const notices = json<{ title: string }[]>(entries, "notifications.json");
    expect(notices.map((n) => n.title)).toEqual(expect.arrayContaining(["Your supervised case was countersigned"]));

    // Every photo in the archive is one of hers; the peer's words, name, email, photos and
    // certificate, and the internal revocation note, are nowhere.
    const photoNames = names.filter((n) => /\.(jpg|png|webp)$/.test(n));
    expect(photoNames).toHaveLength(subPhotos.length + 2);
    const all = names.map((n) => new TextDecoder().decode(entries[n])).join("\n");
    for (const foreign of [
      "Piet",
      "piet.vandermolen",
      "Grid note piet",
      "Case notes piet",
      "Feedback piet",
      "Pin comment piet",
      w.theirs.certificateCode,
      w.peer.user.id,
      "Internal note",
      "Carl Admin",
      "carl@a.example",
      "ines@a.example",
    ]) {
      expect(all, foreign).not.toContain(foreign);
    }
    const peerKeys = [
      ...db.select({ k: stagedPhotos.storageKey }).from(stagedPhotos).where(eq(stagedPhotos.userId, w.peer.user.id)).all(),
      ...db
        .select({ k: submissionPhotos.storageKey })
        .from(submissionPhotos)
        .where(inArray(submissionPhotos.submissionId, db.select({ id: submissions.id }).from(submissions).where(eq(submissions.learnerId, w.peer.user.id))))
        .all(),
    ];
    expect(peerKeys.length).toBeGreaterThan(0);
    for (const { k } of peerKeys) {
      const theirs = (await storage.get(k))!.bytes;
      for (const n of photoNames) expect(Buffer.from(entries[n]!).equals(theirs)).toBe(false);
    }
  });

  it("sends someone signed out to sign in, and exports nobody else's account", async () => {
    const w = await accountWorld(db, storage);
    const anonymous = await download();
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(() => exportSnapshot(db, w.clinicAdmin.actor(), w.learner.user.id)).toThrow(NotFound);
    expect(() => exportSnapshot(db, w.instructor.actor(), w.learner.user.id)).toThrow(NotFound);
  });

  it("reads each photo only when the zip reaches it, and stops reading when the download is abandoned", async () => {
    const w = await accountWorld(db, storage);
    const reads: string[] = [];
    const counting: Storage = { ...storage, get: (key) => (reads.push(key), storage.get(key)) };
    const snapshot = exportSnapshot(db, w.learner.actor(), w.learner.user.id);
    expect(snapshot.photos.length).toBeGreaterThanOrEqual(3);

    const abort = new AbortController();
    const reader = exportZipStream(snapshot, counting, abort.signal).getReader();
    await reader.read();
    // The JSON files come first: no photo has been read yet.
    expect(reads).toHaveLength(0);
    let chunks = 1;
    while (reads.length < 1) {
      await reader.read();
      chunks++;
    }
    expect(reads).toHaveLength(1);
    expect(chunks).toBeGreaterThan(snapshot.files.length - 1);
    abort.abort();
    // What was already produced may still arrive; then the stream fails and no further photo is read.
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return "finished";
      })(),
    ).rejects.toThrow(/cancelled/);
    expect(reads.length).toBeLessThanOrEqual(2);
    expect(reads.length).toBeLessThan(snapshot.photos.length);

    // Read to the end, every photo is read exactly once.
    reads.length = 0;
    const whole = await new Response(exportZipStream(snapshot, counting)).arrayBuffer();
    expect(reads).toEqual(snapshot.photos.map((p) => p.key));
    expect(Object.keys(unzipSync(new Uint8Array(whole)))).toHaveLength(snapshot.files.length + snapshot.photos.length);
  });
});
