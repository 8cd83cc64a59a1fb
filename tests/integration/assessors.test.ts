import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { enrol } from "~/modules/progress/progress.server";
import { loader as practicalsLoader } from "~/routes/practicals._index";
import { loader as logbookLoader } from "~/routes/logbook";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { clinic, cohort, person } from "../helpers/world";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

describe("who assesses a learner, said before any work", () => {
  it("names the cohort's active instructors and the clinic on /practicals and /logbook", async () => {
    const lena = person(db, "lena@clinic.example", "learner", { name: "Lena" });
    const ines = person(db, "ines@clinic.example", "instructor", { name: "Ines Instructor" });
    const abe = person(db, "abe@clinic.example", "instructor", { name: "Abe Assessor" });
    const other = person(db, "oz@clinic.example", "instructor", { name: "Oz Other" });
    const c = clinic(db, "Harbour Street Clinic", { technicians: [lena], instructors: [ines, abe, other] });
    cohort(db, c, "Spring", { learners: [lena], instructors: [ines, abe] });
    enrol(db, lena.user.id, "smp-practitioner");
    for (const [loader, url] of [
      [practicalsLoader, "/practicals"],
      [logbookLoader, "/logbook"],
    ] as const) {
      const page = await call(loader, { request: get(url, lena.cookie), params: {}, context: contextFor(db) });
      expect((page.body as { assessors: unknown }).assessors, url).toEqual({
        kind: "cohort",
        clinicName: "Harbour Street Clinic",
        names: ["Abe Assessor", "Ines Instructor"],
      });
    }
  });

  it("tells an independent learner that platform assessors grade their practicals", async () => {
    const solo = person(db, "solo@example.com");
    enrol(db, solo.user.id, "smp-practitioner");
    const page = await call(practicalsLoader, { request: get("/practicals", solo.cookie), params: {}, context: contextFor(db) });
    expect((page.body as { assessors: unknown }).assessors).toEqual({ kind: "platform" });
  });
});
