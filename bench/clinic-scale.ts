// `npm run bench:clinics -- 200`: clinic scale. Seeds N clinics (~50 learners each, cohorts of
// ~25 with their instructors) with enrolments, reading progress, graded quiz attempts,
// submissions in every status, supervised cases and certificates, then times one clinic's
// cohort matrix (and its CSV) and dashboard, and one instructor's review queue (waiting work,
// the "passed" filter, supervised cases to countersign). Grows the data tenfold around that
// clinic — which itself does not change — and times them again: a query that reads other
// clinics' rows shows up as a ratio well above 1. Figures, not assertions.
//
// The data set is bench/clinic-seed.ts (bench:backup seeds the same one).
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "~/db/client.server";
import { migrateDatabase } from "~/db/migrate.server";
import { hashPassword } from "~/modules/auth/password.server";
import { caseQueue } from "~/modules/certification/countersigning.server";
import type { Actor } from "~/modules/auth/permissions";
import { clinicDashboard } from "~/modules/clinics/dashboard.server";
import { cohortMatrix, matrixCsv } from "~/modules/clinics/matrix.server";
import { loadCatalogue } from "~/modules/content/load-content.server";
import { reviewQueue } from "~/modules/practicals/review.server";
import { clinicSize, COURSE, createSeeder, NOW, seedClinics } from "./clinic-seed";
import { percentile, root } from "./lib.js";

const CLINICS = Number(process.argv[2] ?? process.env.BENCH_CLINICS ?? 200);
const GROWTH = Number(process.env.BENCH_GROWTH ?? 10);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARM_UP = 20;

type Figure = { rows: number; p50: number; p95: number; max: number; output: string };
type Series = Record<string, () => { rows: number; output: string }>;

/**
 * Runs every series WARM_UP times, then ITERATIONS timed rounds, one run of each series per round
 * (so a busy moment on the machine lands on all of them alike). Each returns what it produced.
 */
function time<S extends Series>(series: S): Record<keyof S, Figure> {
  const names = Object.keys(series) as (keyof S)[];
  for (let i = 0; i < WARM_UP; i++) for (const name of names) series[name]!();
  const ms = new Map(names.map((n) => [n, [] as number[]]));
  const last = new Map(names.map((n) => [n, series[n]!()]));
  for (let i = 0; i < ITERATIONS; i++) {
    for (const name of names) {
      const started = performance.now();
      last.set(name, series[name]!());
      ms.get(name)!.push(performance.now() - started);
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const xs = ms.get(n)!;
      const out = last.get(n)!;
      return [
        n,
        {
          rows: out.rows,
          p50: percentile(xs, 50),
          p95: percentile(xs, 95),
          max: Math.max(...xs),
          output: createHash("sha256").update(out.output).digest("hex"),
        },
      ];
    }),
  ) as Record<keyof S, Figure>;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-clinics-"));
process.on("exit", () => {
  if (process.env.BENCH_KEEP) console.log(`database kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
});
const file = path.join(dir, "stipple.sqlite");
const { db, sqlite } = openDatabase(file);
migrateDatabase(db, path.join(root, "drizzle"));
const course = loadCatalogue(path.join(root, "content")).bySlug.get(COURSE);
if (!course) throw new Error(`course ${COURSE} not found in content/`);
const passwordHash = await hashPassword("bench clinic passphrase");
const seeder = createSeeder(sqlite, course, passwordHash);
const seed = (from: number, to: number) => seedClinics(sqlite, seeder, from, to);

const count = (table: string) => (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
const mb = () => fs.statSync(file).size / 1024 / 1024;

function measure(label: string) {
  const { clinicId, cohortId, instructorId } = seeder.target();
  const actor: Actor = { id: instructorId, role: "instructor", clinicId };
  const figures = time({
    "cohort matrix": () => {
      const m = cohortMatrix(db, clinicId, cohortId, course!, NOW);
      return { rows: m.rows.length, output: JSON.stringify(m) };
    },
    "matrix CSV": () => {
      const csv = matrixCsv(cohortMatrix(db, clinicId, cohortId, course!, NOW));
      return { rows: csv.trimEnd().split("\n").length - 1, output: csv };
    },
    "review queue": () => {
      const q = reviewQueue(db, actor, {}, NOW);
      return { rows: q.length, output: JSON.stringify(q) };
    },
    "review queue, passed": () => {
      const q = reviewQueue(db, actor, { status: "passed" }, NOW);
      return { rows: q.length, output: JSON.stringify(q) };
    },
    "case queue": () => {
      const q = caseQueue(db, actor, NOW);
      return { rows: q.length, output: JSON.stringify(q) };
    },
    "clinic dashboard": () => {
      const d = clinicDashboard(db, clinicId, course!, NOW);
      return { rows: d.cohorts.length, output: JSON.stringify(d) };
    },
  });
  console.log(
    `\n${label}: ${count("organisations")} clinics, ${count("cohort_learners")} cohort places, ${count("users")} users, ${count("module_progress")} progress rows, ` +
      `${count("quiz_attempts")} quiz attempts, ${count("submissions")} submissions, ${count("supervised_cases")} supervised cases, ${count("certificates")} certificates; ` +
      `${ITERATIONS} runs each, interleaved, after ${WARM_UP} to warm up`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(figures).map(([k, f]) => [k, { rows: f.rows, "p50 ms": +f.p50.toFixed(2), "p95 ms": +f.p95.toFixed(2), "max ms": +f.max.toFixed(2) }]),
    ),
  );
  return figures;
}

console.log(`Clinic scale: ${CLINICS} clinics, then ${CLINICS * GROWTH}; ${os.availableParallelism()} cores; database in a temporary folder`);
const seedOne = seed(0, CLINICS);
const at1 = measure(`1× (seeded in ${seedOne.toFixed(1)} s, ${mb().toFixed(0)} MB)`);
const seedMore = seed(CLINICS, CLINICS * GROWTH);
const at10 = measure(`${GROWTH}× (grown in ${seedMore.toFixed(1)} s, ${mb().toFixed(0)} MB)`);

const table: Record<string, Record<string, number | string>> = {};
for (const name of Object.keys(at1) as (keyof typeof at1)[]) {
  for (const p of ["p50", "p95"] as const) {
    table[`${name} ${p} ms`] = { "1×": +at1[name][p].toFixed(2), [`${GROWTH}×`]: +at10[name][p].toFixed(2), ratio: +(at10[name][p] / at1[name][p]).toFixed(2) };
  }
}
console.log(`\nThe target clinic (${clinicSize(0)} learners, its cohort and one instructor's queue) at 1× and ${GROWTH}× the data`);
console.table(table);
const same = Object.keys(at1).filter((k) => at1[k as keyof typeof at1].output !== at10[k as keyof typeof at10].output);
console.log(same.length ? `different output at ${GROWTH}× (should be identical): ${same.join(", ")}` : `same output at 1× and ${GROWTH}×: yes`);
console.log(`seed time: ${(seedOne + seedMore).toFixed(1)} s in total; database: ${mb().toFixed(0)} MB`);
sqlite.close();
