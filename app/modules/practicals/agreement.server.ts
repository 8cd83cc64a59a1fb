import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "~/db/client.server";
import { benchmarks, grades, memberships, standardisationRuns, standardisationScores, submissions, users, type Grade } from "~/db/schema";
import type { Course } from "~/modules/content/load-content.server";
import { toCsv } from "~/modules/clinics/csv";
import { adjacentAgreement, exactAgreement, quadraticWeightedKappa, type ScorePair } from "./agreement";

/** Below this many double-marked pieces the figures say "not enough pairs" rather than a number. */
export const MIN_PAIRS = 10;

const firstGrades = alias(grades, "first_grades");
const secondGrades = alias(grades, "second_grades");
const firstMarkers = alias(users, "first_markers");
const secondMarkers = alias(users, "second_markers");

export type MarkedPair = {
  submissionId: string;
  courseSlug: string;
  practicalSlug: string;
  version: number;
  first: Pick<Grade, "markerId" | "verdict" | "scores" | "points" | "createdAt"> & { markerName: string };
  second: Pick<Grade, "markerId" | "verdict" | "scores" | "points" | "createdAt"> & { markerName: string };
  moderated: Pick<Grade, "markerId" | "verdict" | "scores" | "points"> | null;
};

/**
 * Every double-marked submission (a first and a second grade) of a clinic's current learners,
 * or of everyone when `clinicId` is null (the platform's view), oldest first.
 */
export function markedPairs(db: Db, clinicId: string | null): MarkedPair[] {
  const base = db
    .select({
      submissionId: submissions.id,
      courseSlug: submissions.courseSlug,
      practicalSlug: submissions.practicalSlug,
      version: submissions.version,
      f: {
        markerId: firstGrades.markerId,
        verdict: firstGrades.verdict,
        scores: firstGrades.scores,
        points: firstGrades.points,
        createdAt: firstGrades.createdAt,
      },
      s: {
        markerId: secondGrades.markerId,
        verdict: secondGrades.verdict,
        scores: secondGrades.scores,
        points: secondGrades.points,
        createdAt: secondGrades.createdAt,
      },
      firstName: firstMarkers.name,
      secondName: secondMarkers.name,
    })
    .from(submissions)
    .innerJoin(firstGrades, and(eq(firstGrades.submissionId, submissions.id), eq(firstGrades.kind, "first")))
    .innerJoin(secondGrades, and(eq(secondGrades.submissionId, submissions.id), eq(secondGrades.kind, "second")))
    .leftJoin(firstMarkers, eq(firstMarkers.id, firstGrades.markerId))
    .leftJoin(secondMarkers, eq(secondMarkers.id, secondGrades.markerId));
  const rows = (
    clinicId
      ? base
          .innerJoin(memberships, and(eq(memberships.userId, submissions.learnerId), eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
          .all()
      : base.all()
  ).sort((a, b) => a.s.createdAt - b.s.createdAt);
  const moderations = new Map(
    rows.length
      ? db
          .select({ submissionId: grades.submissionId, markerId: grades.markerId, verdict: grades.verdict, scores: grades.scores, points: grades.points })
          .from(grades)
          .where(
            and(
              eq(grades.kind, "moderation"),
              inArray(
                grades.submissionId,
                rows.map((r) => r.submissionId),
              ),
            ),
          )
          .all()
          .map((m) => [m.submissionId, m])
      : [],
  );
  return rows.map((r) => ({
    submissionId: r.submissionId,
    courseSlug: r.courseSlug,
    practicalSlug: r.practicalSlug,
    version: r.version,
    first: { ...r.f, markerName: r.firstName || "A former instructor" },
    second: { ...r.s, markerName: r.secondName || "A former instructor" },
    moderated: moderations.get(r.submissionId) ?? null,
  }));
}

/** A share as a whole percentage, or null. */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 100));
const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/**
 * The agreement figures of a course's practicals over double-marked pairs: per practical the
 * verdict agreement, per criterion exact and adjacent agreement and quadratic weighted kappa
 * (over the criterion's level indices), each with its number of pairs and `enough` false below
 * MIN_PAIRS.
 */
export function agreementByPractical(course: Course, pairs: readonly MarkedPair[]) {
  return course.practicals.map((p) => {
    const mine = pairs.filter((x) => x.courseSlug === course.slug && x.practicalSlug === p.slug);
    return {
      slug: p.slug,
      title: p.title,
      pairs: mine.length,
      enough: mine.length >= MIN_PAIRS,
      verdictAgreement: percent(exactAgreement(mine.map((x) => [VERDICT_RANK[x.first.verdict], VERDICT_RANK[x.second.verdict]]))),
      moderated: mine.filter((x) => x.moderated).length,
      criteria: p.rubric.criteria.map((c) => {
        const scored: ScorePair[] = mine
          .filter((x) => x.first.scores[c.id] !== undefined && x.second.scores[c.id] !== undefined)
          .map((x) => [x.first.scores[c.id]!, x.second.scores[c.id]!]);
        return {
          id: c.id,
          title: c.title,
          critical: c.critical ?? false,
          pairs: scored.length,
          exact: percent(exactAgreement(scored)),
          adjacent: percent(adjacentAgreement(scored)),
          kappa: round2(quadraticWeightedKappa(scored, { min: 0, max: c.levels.length - 1 })),
        };
      }),
    };
  });
}

const VERDICT_RANK = { fail: 0, revise: 1, pass: 2 } as const;

/**
 * Per instructor: how far their grades sat from the moderated grade where a moderator decided
 * (mean signed difference in rubric points: positive is more lenient), and from the agreed
 * levels of the benchmarks they graded in standardisation (mean absolute difference in levels
 * per criterion).
 */
export function markerDeviations(db: Db, clinicId: string | null, pairs: readonly MarkedPair[]) {
  const byMarker = new Map<string, { name: string; fromModerated: number[]; fromBenchmarks: number[]; grades: number }>();
  const entry = (id: string | null, name: string) => {
    const key = id ?? `former:${name}`;
    if (!byMarker.has(key)) byMarker.set(key, { name, fromModerated: [], fromBenchmarks: [], grades: 0 });
    return byMarker.get(key)!;
  };
  for (const pair of pairs) {
    for (const g of [pair.first, pair.second]) {
      const e = entry(g.markerId, g.markerName);
      e.grades += 1;
      if (pair.moderated) e.fromModerated.push(g.points - pair.moderated.points);
    }
  }
  const standardised = db
    .select({ instructorId: standardisationRuns.instructorId, name: users.name, scores: standardisationScores.scores, agreed: benchmarks.scores })
    .from(standardisationScores)
    .innerJoin(standardisationRuns, eq(standardisationRuns.id, standardisationScores.runId))
    .innerJoin(benchmarks, eq(benchmarks.id, standardisationScores.benchmarkId))
    .innerJoin(users, eq(users.id, standardisationRuns.instructorId))
    .where(and(isNotNull(standardisationRuns.completedAt), clinicId ? eq(standardisationRuns.organisationId, clinicId) : undefined))
    .all();
  for (const s of standardised) {
    const e = entry(s.instructorId, s.name);
    for (const [criterion, agreed] of Object.entries(s.agreed)) {
      if (s.scores[criterion] !== undefined) e.fromBenchmarks.push(Math.abs(s.scores[criterion]! - agreed));
    }
  }
  return [...byMarker.values()]
    .map((e) => ({
      name: e.name,
      grades: e.grades,
      moderated: e.fromModerated.length,
      meanFromModerated: round2(mean(e.fromModerated)),
      benchmarkScores: e.fromBenchmarks.length,
      meanFromBenchmarks: round2(mean(e.fromBenchmarks)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The pairs as CSV: one row per double-marked piece, both markers' verdicts, points and level per criterion, and the moderated verdict. */
export function pairsCsv(course: Course, pairs: readonly MarkedPair[]): string {
  const criteria = course.practicals.flatMap((p) => p.rubric.criteria.map((c) => ({ practical: p.slug, id: c.id })));
  const ids = [...new Set(criteria.map((c) => c.id))];
  const header = [
    "submission",
    "practical",
    "version",
    "first marker",
    "second marker",
    "second marked on",
    "first verdict",
    "second verdict",
    "first points",
    "second points",
    "moderated verdict",
    "moderated points",
    ...ids.flatMap((id) => [`${id} (first)`, `${id} (second)`]),
  ];
  const rows = pairs
    .filter((x) => x.courseSlug === course.slug)
    .map((x) => [
      x.submissionId,
      x.practicalSlug,
      x.version,
      x.first.markerName,
      x.second.markerName,
      new Date(x.second.createdAt).toISOString().slice(0, 10),
      x.first.verdict,
      x.second.verdict,
      x.first.points,
      x.second.points,
      x.moderated?.verdict ?? "",
      x.moderated?.points ?? "",
      ...ids.flatMap((id) => [x.first.scores[id] ?? "", x.second.scores[id] ?? ""]),
    ]);
  return toCsv(header, rows);
}

/** The clinic dashboard's line on second marking: pairs so far, verdict agreement, work still in second marking or moderation. */
export function agreementSummary(db: Db, clinicId: string) {
  const pairs = markedPairs(db, clinicId);
  const waiting = db
    .select({ id: submissions.id })
    .from(submissions)
    .innerJoin(memberships, and(eq(memberships.userId, submissions.learnerId), eq(memberships.organisationId, clinicId), isNull(memberships.removedAt)))
    .where(inArray(submissions.status, ["second_marking", "moderation"]))
    .all().length;
  return {
    pairs: pairs.length,
    verdictAgreement: percent(exactAgreement(pairs.map((x) => [VERDICT_RANK[x.first.verdict], VERDICT_RANK[x.second.verdict]]))),
    waiting,
  };
}
