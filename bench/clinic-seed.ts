// The clinic-scale data set, shared by the benchmarks that need a realistic database: N clinics
// (~50 learners each, cohorts of ~25 with their instructors) with enrolments, reading progress,
// graded quiz attempts, submissions in every status, supervised cases and certificates.
//
// Seeding is direct inserts through statements prepared once, one transaction per batch of
// clinics, one password hash for everyone: this measures the pages, not argon2 or the forms.
import type Database from "better-sqlite3";
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { createId } from "~/db/ids";
import {
  certificates,
  cohortInstructors,
  cohortLearners,
  cohorts,
  enrolments,
  memberships,
  moduleProgress,
  organisations,
  quizAttempts,
  submissions,
  supervisedCases,
  users,
  type SubmissionStatus,
  type Verdict,
} from "~/db/schema";
import type { CaseStatus } from "~/modules/certification/case-fields";
import { expiryDate, generateCertificateCode } from "~/modules/certification/eligibility";
import { type Course } from "~/modules/content/load-content.server";
import { finalExam, moduleQuiz, type QuizDefinition } from "~/modules/quiz/quiz-definition.server";
import { seededRandom } from "~/modules/quiz/random";

export const COURSE = "smp-practitioner";
/** Clinics per transaction while seeding. */
const BATCH = 25;
const DAY = 86_400_000;
/** A fixed "now", so both scales (and every run) compute the same at-risk flags and waits. */
export const NOW = Date.UTC(2026, 9, 15, 9, 0);

const FIRST_NAMES = [
  "Aisha",
  "Ben",
  "Carla",
  "Dev",
  "Elif",
  "Femi",
  "Grace",
  "Hugo",
  "Ines",
  "Jonah",
  "Keiko",
  "Luca",
  "Maya",
  "Nils",
  "Olu",
  "Priya",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
  "Umar",
  "Vera",
  "Wen",
  "Yusuf",
  "Zara",
];
const LAST_NAMES = [
  "Adeyemi",
  "Brennan",
  "Costa",
  "Dubois",
  "Evans",
  "Fischer",
  "Gupta",
  "Haddad",
  "Ito",
  "Jensen",
  "Kowalski",
  "Lopez",
  "Mensah",
  "Novak",
  "Okafor",
  "Patel",
  "Quist",
  "Rossi",
  "Silva",
  "Tanaka",
  "Usman",
  "Varga",
  "Walsh",
  "Yilmaz",
  "Zhou",
];
const TOWNS = ["Leeds", "Cardiff", "Bristol", "Lagos", "Lyon", "Porto", "Dublin", "Leicester", "Accra", "Kraków", "Izmir", "Osaka"];

type Row = Record<string, unknown>;

/** An insert into a Drizzle table by its property names, prepared once and bound positionally. */
function inserter<T extends SQLiteTable, K extends keyof T["$inferInsert"] & string>(sqlite: Database.Database, table: T, keys: readonly K[]) {
  const columns = keys.map((k) => (table as unknown as Record<string, SQLiteColumn>)[k]!);
  const statement = sqlite.prepare(
    `insert into "${getTableConfig(table).name}" (${columns.map((c) => `"${c.name}"`).join(", ")}) values (${keys.map(() => "?").join(", ")})`,
  );
  const integer = columns.map((c) => c.getSQLType() === "integer");
  return (row: Required<Pick<T["$inferInsert"], K>>) => {
    statement.run(
      keys.map((k, i) => {
        const value = (row as Row)[k];
        if (typeof value === "boolean") return value ? 1 : 0;
        // Timestamps are whole milliseconds, as the app writes them.
        if (typeof value === "number" && integer[i]) return Math.round(value);
        if (value !== null && typeof value === "object") return JSON.stringify(value);
        return value ?? null;
      }),
    );
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Learners in clinic `c`: 50 on average, 40–60, and exactly 50 in the first two clinics (the target). */
export function clinicSize(c: number): number {
  const pair = c >> 1;
  const d = pair === 0 ? 0 : Math.floor(seededRandom(`pair:${pair}`)() * 21) - 10;
  return c % 2 === 0 ? 50 + d : 50 - d;
}

export type Target = { clinicId: string; cohortId: string; instructorId: string };

/** Seeds clinics into a migrated database through statements prepared once; `seed(from, to)` adds clinics [from, to). */
export function createSeeder(sqlite: Database.Database, course: Course, passwordHash: string) {
  const insert = {
    organisation: inserter(sqlite, organisations, ["id", "name", "isDemo", "createdAt"]),
    user: inserter(sqlite, users, ["id", "email", "name", "role", "passwordHash", "isDemo", "createdAt", "updatedAt"]),
    membership: inserter(sqlite, memberships, ["id", "organisationId", "userId", "role", "createdAt", "removedAt"]),
    cohort: inserter(sqlite, cohorts, ["id", "organisationId", "name", "startsOn", "createdAt"]),
    cohortLearner: inserter(sqlite, cohortLearners, ["cohortId", "userId", "createdAt"]),
    cohortInstructor: inserter(sqlite, cohortInstructors, ["cohortId", "userId", "createdAt"]),
    enrolment: inserter(sqlite, enrolments, ["id", "userId", "courseSlug", "createdAt"]),
    progress: inserter(sqlite, moduleProgress, ["id", "userId", "courseSlug", "moduleSlug", "contentHash", "startedAt", "completedAt"]),
    attempt: inserter(sqlite, quizAttempts, [
      "id",
      "userId",
      "courseSlug",
      "quizKey",
      "bankHash",
      "seed",
      "questions",
      "passMark",
      "startedAt",
      "deadlineAt",
      "submittedAt",
      "score",
      "maxScore",
      "passed",
    ]),
    submission: inserter(sqlite, submissions, [
      "id",
      "learnerId",
      "courseSlug",
      "practicalSlug",
      "version",
      "note",
      "consentConfirmedAt",
      "briefHash",
      "status",
      "createdAt",
      "claimedBy",
      "claimExpiresAt",
      "gradedBy",
      "gradedAt",
      "verdict",
      "feedback",
      "points",
      "maxPoints",
    ]),
    supervisedCase: inserter(sqlite, supervisedCases, [
      "id",
      "learnerId",
      "courseSlug",
      "supervisorId",
      "performedOn",
      "sessionNumber",
      "area",
      "hairLossScale",
      "hairLossStage",
      "fitzpatrick",
      "needle",
      "pigment",
      "dilution",
      "durationMinutes",
      "notes",
      "consentConfirmedAt",
      "status",
      "returnComment",
      "reviewedBy",
      "reviewedAt",
      "countersignedAt",
      "createdAt",
      "updatedAt",
    ]),
    certificate: inserter(sqlite, certificates, [
      "id",
      "code",
      "userId",
      "courseSlug",
      "organisationId",
      "holderName",
      "programmeTitle",
      "issuerName",
      "issuedAt",
      "expiresAt",
      "revokedAt",
      "revocationReason",
    ]),
  };
  const requirements = course.certification;
  const quizzes = course.modules.filter((m) => m.quiz).map((m) => moduleQuiz(course, m.slug));
  const exam: QuizDefinition | null = course.exam ? finalExam(course) : null;
  const practicals = course.practicals.map((p, i) => ({
    slug: p.slug,
    hash: p.hash,
    passMark: p.passMark,
    maxPoints: p.rubric.criteria.reduce((n, c) => n + Math.max(...c.levels.map((l) => l.points)), 0),
    // Each practical opens once the learner has read this many modules.
    afterModules: Math.min(course.modules.length, i + 2),
  }));
  const snapshots = new Map<string, { ref: string; type: string }[]>();
  const snapshot = (quiz: QuizDefinition) => {
    let list = snapshots.get(quiz.key);
    if (!list) {
      const refs = quiz.banks.flatMap((b) => b.questions.map((q) => ({ ref: `${b.moduleSlug}/${q.id}`, type: q.type })));
      list = Array.from({ length: quiz.draw }, (_, i) => refs[i % refs.length]!);
      snapshots.set(quiz.key, list);
    }
    return list;
  };
  let learnerNumber = 0;
  let previousClinicId: string | null = null;
  let target: Target | null = null;

  function seedClinic(c: number): void {
    const random = seededRandom(`clinic:${c}`);
    const between = (a: number, b: number) => a + random() * (b - a);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const chance = (p: number) => random() < p;
    const person = (role: "learner" | "instructor" | "clinic_admin", label: string, createdAt: number) => {
      const id = createId();
      const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
      insert.user({ id, email: `${label}@clinic-${c + 1}.bench.stipple`, name, role, passwordHash, isDemo: false, createdAt, updatedAt: createdAt });
      return { id, name };
    };

    const clinicId = createId();
    const clinicName = `${pick(TOWNS)} Scalp Clinic ${c + 1}`;
    const openedAt = NOW - between(400, 800) * DAY;
    insert.organisation({ id: clinicId, name: clinicName, isDemo: false, createdAt: openedAt });
    const { id: adminId } = person("clinic_admin", "admin", openedAt);
    insert.membership({ id: createId(), organisationId: clinicId, userId: adminId, role: "admin", createdAt: openedAt, removedAt: null });

    const size = clinicSize(c);
    const cohortCount = Math.max(1, Math.round(size / 25));
    const groups = Array.from({ length: cohortCount }, (_, k) => {
      const startsAt = c === 0 && k === 0 ? NOW - 120 * DAY : NOW - between(20, 330) * DAY;
      const id = createId();
      insert.cohort({
        id,
        organisationId: clinicId,
        name: `${new Date(startsAt).toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${new Date(startsAt).getUTCFullYear()} · ${k + 1}`,
        startsOn: isoDay(startsAt),
        createdAt: startsAt - 14 * DAY,
      });
      const { id: instructorId } = person("instructor", `instructor-${k + 1}`, openedAt);
      insert.membership({ id: createId(), organisationId: clinicId, userId: instructorId, role: "instructor", createdAt: openedAt, removedAt: null });
      insert.cohortInstructor({ cohortId: id, userId: instructorId, createdAt: startsAt - 14 * DAY });
      return { id, startsAt, instructorId };
    });
    // A lead instructor often teaches the clinic's second cohort as well (always in the target clinic).
    if (cohortCount > 1 && (c === 0 || chance(0.3)))
      insert.cohortInstructor({ cohortId: groups[1]!.id, userId: groups[0]!.instructorId, createdAt: groups[1]!.startsAt });
    if (c === 0) target = { clinicId, cohortId: groups[0]!.id, instructorId: groups[0]!.instructorId };

    for (let j = 0; j < size; j++) {
      const group = groups[Math.floor((j * cohortCount) / size)]!;
      const enrolledAt = Math.min(NOW - DAY, group.startsAt + between(0, 5) * DAY);
      const { id: learnerId, name: learnerName } = person("learner", `learner-${++learnerNumber}`, enrolledAt - between(1, 10) * DAY);
      // A few learners have left the clinic (their records stay, the matrix and queue skip them),
      // half of those for the clinic seeded before this one.
      const leftAt = chance(0.03) ? enrolledAt + between(0, NOW - enrolledAt) : null;
      insert.membership({ id: createId(), organisationId: clinicId, userId: learnerId, role: "technician", createdAt: enrolledAt, removedAt: leftAt });
      if (leftAt !== null && previousClinicId && chance(0.5))
        insert.membership({ id: createId(), organisationId: previousClinicId, userId: learnerId, role: "technician", createdAt: leftAt, removedAt: null });
      insert.cohortLearner({ cohortId: group.id, userId: learnerId, createdAt: enrolledAt });
      // Now and then a learner also sits in another cohort of the same clinic.
      if (cohortCount > 1 && chance(0.02))
        insert.cohortLearner({
          cohortId: groups.find((g) => g !== group)!.id,
          userId: learnerId,
          createdAt: Math.min(NOW - 1, enrolledAt + between(1, 20) * DAY),
        });
      insert.enrolment({ id: createId(), userId: learnerId, courseSlug: COURSE, createdAt: enrolledAt });

      // What the learner has met, for a certificate at the end.
      let quizzesPassed = 0;
      let examPassedAt: number | null = null;
      const practicalsPassed = new Map<string, number>();
      const countersigned: number[] = [];

      const attempt = (quiz: QuizDefinition, startedAt: number, pass: boolean) => {
        const maxScore = quiz.draw;
        const needed = Math.ceil(quiz.settings.passMark * maxScore);
        const score = pass ? Math.round(between(needed, maxScore)) : Math.max(0, needed - 1 - Math.floor(random() * needed * 0.4));
        insert.attempt({
          id: createId(),
          userId: learnerId,
          courseSlug: COURSE,
          quizKey: quiz.key,
          bankHash: quiz.hash,
          seed: createId(),
          questions: snapshot(quiz),
          passMark: quiz.settings.passMark,
          startedAt,
          deadlineAt: startedAt + quiz.settings.timeLimitMinutes * 60_000,
          submittedAt: startedAt + between(4, 25) * 60_000,
          score,
          maxScore,
          passed: score >= needed,
        });
        if (score >= needed && quiz.kind === "exam") examPassedAt = startedAt + 30 * 60_000;
        else if (score >= needed) quizzesPassed++;
        return startedAt + 30 * 60_000;
      };

      // Reading and quizzes, module by module, at this learner's pace; some stop for good.
      const daysPerModule = between(6, 35);
      const dropsOut = chance(0.12);
      const completedAt: number[] = [];
      let t = enrolledAt;
      for (const [k, mod] of course.modules.entries()) {
        const startedAt = t + between(0.2, 3) * DAY;
        if (startedAt >= NOW) break;
        const finishedAt = startedAt + daysPerModule * between(0.6, 1.4) * DAY;
        const stops = finishedAt >= NOW || (dropsOut && chance(0.35));
        insert.progress({
          id: createId(),
          userId: learnerId,
          courseSlug: COURSE,
          moduleSlug: mod.slug,
          contentHash: mod.hash,
          startedAt,
          completedAt: stops ? null : finishedAt,
        });
        const quiz = quizzes.find((q) => q.moduleSlug === mod.slug);
        if (stops) {
          if (quiz && chance(0.2) && startedAt + DAY < NOW) attempt(quiz, startedAt + between(0, Math.min(5, (NOW - startedAt) / DAY - 1)) * DAY, false);
          break;
        }
        t = finishedAt;
        if (quiz) {
          const tries = 1 + (chance(0.3) ? 1 : 0) + (chance(0.1) ? 1 : 0);
          for (let a = 0; a < tries && t + DAY < NOW; a++) t = attempt(quiz, t + between(0.05, 1) * DAY, a === tries - 1);
        }
        completedAt[k] = t;
      }
      if (exam && completedAt.length === course.modules.length && completedAt.every(Boolean)) {
        let e = t;
        const tries = 1 + (chance(0.25) ? 1 : 0);
        for (let a = 0; a < tries && e + 2 * DAY < NOW; a++) e = attempt(exam, e + between(1, 10) * DAY, a === tries - 1 && chance(0.9));
      }

      // Practicals: versions graded by the cohort's instructor; the latest one may still wait.
      for (const practical of practicals) {
        const opened = completedAt[practical.afterModules - 1];
        if (opened === undefined || !chance(0.85)) continue;
        let createdAt = opened + between(1, 14) * DAY;
        for (let version = 1; createdAt < NOW; version++) {
          const gradedAt = createdAt + between(0.5, 6) * DAY;
          const base = {
            id: createId(),
            learnerId,
            courseSlug: COURSE,
            practicalSlug: practical.slug,
            version,
            note: "Photos of today's practice skin, lit from the side.",
            consentConfirmedAt: createdAt,
            briefHash: practical.hash,
            createdAt,
          };
          if (gradedAt >= NOW || chance(0.03)) {
            const claimed = chance(0.4);
            insert.submission({
              ...base,
              status: claimed ? "in_review" : "submitted",
              claimedBy: claimed ? group.instructorId : null,
              claimExpiresAt: claimed ? NOW + between(-120, 30) * 60_000 : null,
              gradedBy: null,
              gradedAt: null,
              verdict: null,
              feedback: null,
              points: null,
              maxPoints: null,
            });
            break;
          }
          const verdict: Verdict = version < 3 && chance(0.3) ? "revise" : chance(0.04) ? "fail" : "pass";
          const ratio = verdict === "pass" ? between(practical.passMark, 1) : between(0.3, practical.passMark - 0.05);
          const status: SubmissionStatus = { pass: "passed", revise: "revise", fail: "failed" }[verdict] as SubmissionStatus;
          insert.submission({
            ...base,
            status,
            claimedBy: null,
            claimExpiresAt: null,
            gradedBy: group.instructorId,
            gradedAt,
            verdict,
            feedback: verdict === "pass" ? "Even depth and spacing; well done." : "Dots blow out along the temple: lighten the hand and shorten the stroke.",
            points: Math.round(ratio * practical.maxPoints),
            maxPoints: practical.maxPoints,
          });
          if (verdict === "pass") practicalsPassed.set(practical.slug, gradedAt);
          if (verdict !== "revise" || !chance(0.8)) break;
          createdAt = gradedAt + between(1, 12) * DAY;
        }
      }

      // Supervised cases on real clients, once the learner is well into the course.
      const fourth = completedAt[3];
      if (fourth !== undefined && chance(0.6)) {
        const count = 1 + Math.floor(random() * 7);
        let at = fourth;
        for (let n = 1; n <= count; n++) {
          at += between(3, 20) * DAY;
          if (at >= NOW) break;
          const roll = random();
          const status: CaseStatus = roll < 0.75 ? "countersigned" : roll < 0.95 ? "submitted" : "returned";
          const reviewedAt = status === "submitted" ? null : Math.min(NOW - 60_000, at + between(1, 5) * DAY);
          if (status === "countersigned") countersigned.push(reviewedAt!);
          insert.supervisedCase({
            id: createId(),
            learnerId,
            courseSlug: COURSE,
            supervisorId: group.instructorId,
            performedOn: isoDay(at),
            sessionNumber: 1 + Math.floor(random() * 3),
            area: pick(["hairline", "crown", "density", "scar"] as const),
            hairLossScale: "norwood",
            hairLossStage: pick(["III", "IV", "V", "VI"]),
            fitzpatrick: 1 + Math.floor(random() * 6),
            needle: "3RL 0.18",
            pigment: "Carbon black",
            dilution: "as supplied",
            durationMinutes: Math.round(between(60, 240)),
            notes: "First session, light layering along the frontal third.",
            consentConfirmedAt: at,
            status,
            returnComment: status === "returned" ? "Add the needle batch number." : null,
            reviewedBy: reviewedAt === null ? null : group.instructorId,
            reviewedAt,
            countersignedAt: status === "countersigned" ? reviewedAt : null,
            createdAt: at,
            updatedAt: reviewedAt ?? at,
          });
        }
      }

      // The certificate, for those who met every requirement (a few revoked).
      if (
        requirements &&
        quizzesPassed === quizzes.length &&
        (examPassedAt !== null || !requirements.finalExam) &&
        requirements.practicals.every((slug) => practicalsPassed.has(slug)) &&
        countersigned.length >= requirements.supervisedCases
      ) {
        const issuedAt = Math.max(examPassedAt ?? 0, ...practicalsPassed.values(), ...countersigned) + 60_000;
        const revoked = chance(0.02);
        if (issuedAt < NOW) {
          insert.certificate({
            id: createId(),
            code: generateCertificateCode(),
            userId: learnerId,
            courseSlug: COURSE,
            organisationId: clinicId,
            holderName: learnerName,
            programmeTitle: course.title,
            issuerName: clinicName,
            issuedAt,
            expiresAt: expiryDate(issuedAt, requirements.validityMonths),
            revokedAt: revoked ? issuedAt + (NOW - issuedAt) / 2 : null,
            revocationReason: revoked ? "issued-in-error" : null,
          });
        }
      }
    }
    previousClinicId = clinicId;
  }

  return {
    /** Seeds clinics [from, to), a batch of clinics per transaction. */
    seed(from: number, to: number): void {
      const batch = sqlite.transaction((start: number, end: number) => {
        for (let c = start; c < end; c++) seedClinic(c);
      });
      for (let c = from; c < to; c += BATCH) {
        batch(c, Math.min(to, c + BATCH));
        if (process.stdout.isTTY) process.stdout.write(`\r  seeded ${Math.min(to, c + BATCH)} of ${to} clinics`);
      }
      if (process.stdout.isTTY) process.stdout.write("\n");
    },
    target: () => target!,
  };
}

/** Seeds clinics [from, to) with a big page cache, then checkpoints the WAL into the file; returns the seconds it took. */
export function seedClinics(sqlite: Database.Database, seeder: ReturnType<typeof createSeeder>, from: number, to: number): number {
  const started = performance.now();
  const defaultCacheSize = sqlite.pragma("cache_size", { simple: true });
  // A bigger page cache while inserting into random-id indexes; the app's default for timing.
  sqlite.pragma("cache_size = -262144");
  seeder.seed(from, to);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma(`cache_size = ${defaultCacheSize}`);
  return (performance.now() - started) / 1000;
}
