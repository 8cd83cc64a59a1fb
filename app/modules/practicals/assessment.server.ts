import type { Db } from "~/db/client.server";
import type { Course } from "~/modules/content/load-content.server";
import { agreementByPractical, markedPairs, markerDeviations, MIN_PAIRS } from "./agreement.server";
import { activeBenchmarks, MIN_BENCHMARKS, practicalRates, PLATFORM_SCOPE, requiresStandardisation } from "./marking.server";

/**
 * What a clinic admin (scope = their clinic) or a platform admin (scope = "platform", figures
 * over every clinic) sees of assessment: second-marking rates, the standardisation rule and
 * benchmarks per practical, and the agreement figures.
 */
export function assessmentOverview(db: Db, scope: string, course: Course) {
  const rates = practicalRates(db, scope, course);
  const pairs = markedPairs(db, scope === PLATFORM_SCOPE ? null : scope);
  return {
    requireStandardisation: requiresStandardisation(db, scope),
    minBenchmarks: MIN_BENCHMARKS,
    minPairs: MIN_PAIRS,
    practicals: course.practicals.map((p) => ({
      slug: p.slug,
      title: p.title,
      ...rates.get(p.slug)!,
      benchmarks: activeBenchmarks(db, scope, course.slug, p.slug).length,
      completesCertificate: (course.certification?.practicals ?? []).includes(p.slug),
    })),
    agreement: agreementByPractical(course, pairs),
    markers: markerDeviations(db, scope === PLATFORM_SCOPE ? null : scope, pairs),
  };
}
