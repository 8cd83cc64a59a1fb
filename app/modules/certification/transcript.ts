// What a certificate's holder did to earn it, as copied onto the certificate when it is issued.
// Free of server code: the schema, the pages and the PDF all read it.
import { z } from "zod";

export type Transcript = {
  /** The programme's guided learning hours, when the course states them. */
  guidedHours: number | null;
  modules: { title: string; minutes: number; quizPercent: number | null }[];
  /** The best passing score of the final exam, when the programme asks for one. */
  examPercent: number | null;
  practicals: { title: string; passedOn: string; assessor: string | null }[];
  cases: { count: number; dates: string[]; countersignedBy: string[] };
  /** Countersigned healed-result reviews (absent on certificates issued before they existed). */
  healedReviews?: { count: number; dates: string[]; countersignedBy: string[] };
};

/** The people who assessed the holder: practical assessors and case countersigners, each once, in order. */
export function assessorsOf(t: Transcript): { practicals: string[]; cases: string[] } {
  const unique = (names: (string | null)[]) => [...new Set(names.filter((n): n is string => !!n))];
  return { practicals: unique(t.practicals.map((p) => p.assessor)), cases: unique([...t.cases.countersignedBy, ...(t.healedReviews?.countersignedBy ?? [])]) };
}

/** The holder's choice of whether the public verification page shows the transcript. */
export const TranscriptVisibilitySchema = z.object({ intent: z.literal("transcript"), show: z.enum(["yes", "no"]) });
