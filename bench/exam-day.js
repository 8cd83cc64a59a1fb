// `npm run bench:exam -- 500`: exam day. N learners (each from its own address) start the final
// exam, autosave an answer every few seconds and submit. Prints throughput, p50/p95/p99 latency
// and errors per kind of request, then checks in the database that every answer the server
// acknowledged is the one it kept. Figures, not assertions.
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { percentile, seedLearners, startApp } from "./lib.js";

const LEARNERS = Number(process.argv[2] ?? process.env.BENCH_LEARNERS ?? 500);
const SAVE_EVERY_MS = Number(process.env.BENCH_SAVE_EVERY_MS ?? 3000);
const RAMP_MS = Number(process.env.BENCH_RAMP_MS ?? 10_000);
const PORT = Number(process.env.BENCH_APP_PORT ?? 3203);

const { dataDir, cookies } = seedLearners("stipple-exam-", LEARNERS);
const { base } = await startApp(dataDir, PORT);

const db = new Database(path.join(dataDir, "stipple.sqlite"), { readonly: true });
/** @type {import("better-sqlite3").Statement<[string], { questions: string }>} */
const snapshot = db.prepare("select questions from quiz_attempts where id = ?");

/** @typedef {"start" | "page" | "save" | "submit"} Kind */
/** @type {Record<Kind, number[]>} milliseconds per request */
const timings = { start: [], page: [], save: [], submit: [] };
/** @type {Record<Kind, number>} */
const errors = { start: 0, page: 0, save: 0, submit: 0 };
/**
 * What the server acknowledged: attemptId → position → response (a string, or a list for
 * multiple-choice and ordering questions).
 * @type {Map<string, Map<number, unknown>>}
 */
const acknowledged = new Map();

/**
 * The fields of a drawn question (app/modules/quiz/types.ts, DrawnQuestion) this bench reads.
 * @typedef {object} SnapshotQuestion
 * @property {string} type
 * @property {unknown[]} options choice and ordering questions (empty for the others)
 */

/**
 * Form fields answering question `q` validly; `i` varies the answer.
 * @param {SnapshotQuestion} q
 * @param {number} i
 * @returns {[string, string][]}
 */
function validResponse(q, i) {
  /** @param {number} n */
  const pick = (n) => String((i * 7 + n) % Math.max(1, q.options.length));
  switch (q.type) {
    case "single":
    case "image":
      return [["response", pick(1)]];
    case "multiple":
      return [
        ["multipleShown", "1"],
        ["response", pick(1)],
      ];
    case "true-false":
      return [["response", i % 2 ? "true" : "false"]];
    case "numeric":
      return [["response", String(i + 0.5)]];
    case "ordering":
      return q.options.map((_, k) => ["order", String(q.options.length - 1 - k)]);
    default:
      throw new Error(`bench/exam-day.js does not know how to answer a "${q.type}" question`);
  }
}

/**
 * Runs one request, recording its time and whether it failed (network error or status ≥ 400).
 * @param {Kind} kind
 * @param {() => Promise<Response>} fn
 * @returns {Promise<Response | null>} null on a network error
 */
async function timed(kind, fn) {
  const t = performance.now();
  try {
    const res = await fn();
    timings[kind].push(performance.now() - t);
    if (res.status >= 400) errors[kind]++;
    return res;
  } catch {
    errors[kind]++;
    timings[kind].push(performance.now() - t);
    return null;
  }
}

/**
 * @param {string} cookie
 * @param {number} index
 */
async function learner(cookie, index) {
  await new Promise((r) => setTimeout(r, (index / LEARNERS) * RAMP_MS));
  const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
  const headers = { cookie, origin: base, "x-forwarded-for": ip, "content-type": "application/x-www-form-urlencoded" };
  const started = await timed("start", () =>
    fetch(`${base}/courses/smp-practitioner/exam`, { method: "POST", headers, body: "intent=start", redirect: "manual" }),
  );
  const attemptId = started?.headers.get("location")?.split("/").pop();
  if (!attemptId) return;
  await timed("page", () => fetch(`${base}/attempts/${attemptId}`, { headers }).then(async (r) => (await r.arrayBuffer(), r)));
  const attempt = snapshot.get(attemptId);
  if (!attempt) throw new Error(`attempt ${attemptId} is not in the database`);
  /** @type {SnapshotQuestion[]} */
  const questions = JSON.parse(attempt.questions);
  /** @type {Map<number, unknown>} */
  const saved = new Map();
  acknowledged.set(attemptId, saved);
  for (let i = 0; i < questions.length; i++) {
    await new Promise((r) => setTimeout(r, SAVE_EVERY_MS * (0.5 + Math.random())));
    const question = questions[i];
    if (!question) throw new Error(`attempt ${attemptId} has no question ${i}`);
    const fields = validResponse(question, i + index);
    const body = new URLSearchParams([["intent", "autosave"], ["position", String(i)], ...fields]);
    const res = await timed("save", () => fetch(`${base}/attempts/${attemptId}.data`, { method: "POST", headers, body }));
    if (res?.ok) {
      await res.arrayBuffer();
      const values = fields.filter(([k]) => k !== "multipleShown").map(([, v]) => v);
      saved.set(i, question.type === "multiple" || question.type === "ordering" ? values : values[0]);
    }
  }
  await timed("submit", () => fetch(`${base}/attempts/${attemptId}`, { method: "POST", headers, body: "intent=submit", redirect: "manual" }));
}

const began = performance.now();
await Promise.all(cookies.map((c, i) => learner(c, i)));
const seconds = (performance.now() - began) / 1000;

const pct = percentile;
/** @type {Record<string, Record<string, number>>} */
const rows = {};
let total = 0;
for (const kind of /** @type {Kind[]} */ (Object.keys(timings))) {
  const xs = timings[kind];
  total += xs.length;
  rows[kind] = {
    requests: xs.length,
    "p50 ms": Math.round(pct(xs, 50)),
    "p95 ms": Math.round(pct(xs, 95)),
    "p99 ms": Math.round(pct(xs, 99)),
    errors: errors[kind],
  };
}

// No lost answers: every acknowledged save is what the database kept, and every attempt is graded.
/** @type {import("better-sqlite3").Statement<[string], { position: number, response: string }>} */
const stored = db.prepare("select position, response from quiz_answers where attempt_id = ?");
/** @type {import("better-sqlite3").Statement<[string], { submitted_at: number | null }>} */
const graded = db.prepare("select submitted_at from quiz_attempts where id = ?");
let lost = 0;
let checked = 0;
let ungraded = 0;
for (const [attemptId, saved] of acknowledged) {
  const kept = new Map(stored.all(attemptId).map((r) => [r.position, JSON.parse(r.response)]));
  for (const [position, response] of saved) {
    checked++;
    if (JSON.stringify(kept.get(position)) !== JSON.stringify(response)) lost++;
  }
  if (graded.get(attemptId)?.submitted_at == null) ungraded++;
}

console.log(`\nExam day: ${LEARNERS} learners, an autosave every ~${SAVE_EVERY_MS / 1000} s, ${os.availableParallelism()} cores, ${seconds.toFixed(1)} s`);
console.table(rows);
console.log(`throughput: ${(total / seconds).toFixed(0)} requests/s overall`);
console.log(`answers acknowledged: ${checked}; lost: ${lost}; attempts not graded: ${ungraded} of ${acknowledged.size}`);
process.exit(0);
