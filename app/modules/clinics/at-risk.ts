const DAY = 86_400_000;

export type RiskFacts = { lastActivityAt: number | null; enrolledAt: number | null; failedAttempts: number; oldestReviseSince: number | null };

/**
 * Why a learner needs a look, in words (empty when none): no activity for 14 days, two or more
 * failed quiz attempts, or a "revise" verdict left unanswered for more than 7 days.
 */
export function atRiskReasons(facts: RiskFacts, now: number): string[] {
  const reasons: string[] = [];
  const last = facts.lastActivityAt ?? facts.enrolledAt;
  if (last !== null && now - last > 14 * DAY) reasons.push(`No activity for ${Math.floor((now - last) / DAY)} days`);
  if (facts.failedAttempts >= 2) reasons.push(`${facts.failedAttempts} failed quiz attempts`);
  if (facts.oldestReviseSince !== null && now - facts.oldestReviseSince > 7 * DAY) {
    reasons.push(`Revision requested ${Math.floor((now - facts.oldestReviseSince) / DAY)} days ago, not resubmitted`);
  }
  return reasons;
}
