/** What a programme asks for, from course.yml (modules and their quizzes come from the course). */
export type Programme = {
  modules: readonly { slug: string; title: string; hasQuiz: boolean }[];
  practicals: readonly { slug: string; title: string }[];
  finalExam: boolean;
  supervisedCases: number;
  /** Countersigned healed-result reviews (4 to 6 weeks after a case's session). */
  healedReviews: number;
};

/** What a learner has done, as the database records it. */
export type LearnerRecords = {
  completedModules: ReadonlySet<string>;
  passedQuizzes: ReadonlySet<string>;
  examPassed: boolean;
  passedPracticals: ReadonlySet<string>;
  countersignedCases: number;
  countersignedHealedReviews: number;
};

export type Requirement = {
  id: "modules" | "quizzes" | "exam" | "practicals" | "cases" | "healed";
  label: string;
  done: number;
  total: number;
  met: boolean;
  missing: string[];
};

/**
 * Whether a learner meets a programme, and for each requirement what is still missing.
 * Requirements with nothing to do (no practicals named, no cases asked) are left out.
 */
export function eligibility(programme: Programme, records: LearnerRecords): { met: boolean; requirements: Requirement[] } {
  const requirement = (id: Requirement["id"], label: string, items: readonly { key: string; title: string }[], has: (key: string) => boolean): Requirement => {
    const missing = items.filter((i) => !has(i.key)).map((i) => i.title);
    return { id, label, done: items.length - missing.length, total: items.length, met: missing.length === 0, missing };
  };
  const requirements: Requirement[] = [
    requirement(
      "modules",
      "Every module read",
      programme.modules.map((m) => ({ key: m.slug, title: m.title })),
      (k) => records.completedModules.has(k),
    ),
    requirement(
      "quizzes",
      "Every module quiz passed",
      programme.modules.filter((m) => m.hasQuiz).map((m) => ({ key: m.slug, title: m.title })),
      (k) => records.passedQuizzes.has(k),
    ),
  ];
  if (programme.finalExam) requirements.push(requirement("exam", "Final exam passed", [{ key: "exam", title: "Final exam" }], () => records.examPassed));
  if (programme.practicals.length) {
    requirements.push(
      requirement(
        "practicals",
        "Practicals passed",
        programme.practicals.map((p) => ({ key: p.slug, title: p.title })),
        (k) => records.passedPracticals.has(k),
      ),
    );
  }
  if (programme.supervisedCases > 0)
    requirements.push(casesRequirement("Supervised cases countersigned", records.countersignedCases, programme.supervisedCases));
  if (programme.healedReviews > 0) {
    const done = Math.min(records.countersignedHealedReviews, programme.healedReviews);
    const left = programme.healedReviews - done;
    requirements.push({
      id: "healed",
      label: "Healed-result reviews countersigned",
      done,
      total: programme.healedReviews,
      met: left === 0,
      missing: left ? [`${left} more countersigned healed-result review${left === 1 ? "" : "s"}`] : [],
    });
  }
  return { met: requirements.every((r) => r.met), requirements };
}

/** A count of countersigned cases against what is asked (extra cases do not overflow the bar). */
function casesRequirement(label: string, countersigned: number, asked: number): Requirement {
  const done = Math.min(countersigned, asked);
  const left = asked - done;
  return { id: "cases", label, done, total: asked, met: left === 0, missing: left ? [`${left} more countersigned case${left === 1 ? "" : "s"}`] : [] };
}

/** The expiry of a certificate issued at `issuedAt`, `months` calendar months later (UTC; the 31st clamps to the month's end). */
export function expiryDate(issuedAt: number, months: number): number {
  const d = new Date(issuedAt);
  const targetMonth = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  return Date.UTC(
    d.getUTCFullYear(),
    targetMonth,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

// Crockford-style alphabet without 0/O, 1/I/L and U: easy to read aloud and type from paper.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A random, human-readable certificate code, STP-XXXX-XXXX (about 39 bits; never sequential). */
export function generateCertificateCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const chars: string[] = [];
  while (chars.length < 8) {
    for (const byte of random(16)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < 240 && chars.length < 8) chars.push(ALPHABET[byte % ALPHABET.length]!);
    }
  }
  return `STP-${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

export const CERTIFICATE_CODE = /^STP-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

/** What renewal asks for (course.yml `certification.renewal`). */
export type RenewalRule = { windowDays: number; refresherQuiz: boolean; casesSinceIssue: number };
/** What the holder has done since the certificate was issued. */
export type RenewalRecords = { refresherPassed: boolean; casesSinceIssue: number };

/** Whether the holder meets renewal, with what is missing, in the same shape as `eligibility`. */
export function renewalEligibility(rule: RenewalRule, records: RenewalRecords): { met: boolean; requirements: Requirement[] } {
  const requirements: Requirement[] = [];
  if (rule.refresherQuiz) {
    requirements.push({
      id: "quizzes",
      label: "Refresher quiz passed",
      done: records.refresherPassed ? 1 : 0,
      total: 1,
      met: records.refresherPassed,
      missing: records.refresherPassed ? [] : ["Refresher quiz"],
    });
  }
  if (rule.casesSinceIssue > 0)
    requirements.push(casesRequirement("Supervised cases countersigned since issue", records.casesSinceIssue, rule.casesSinceIssue));
  return { met: requirements.every((r) => r.met), requirements };
}

const DAY = 24 * 60 * 60 * 1000;

/** The moment renewal opens: `windowDays` before expiry. */
export function renewalOpensAt(expiresAt: number, windowDays: number): number {
  return expiresAt - windowDays * DAY;
}

/** A renewal runs from the later of now and the old expiry, so renewing early loses no time. */
export function renewedExpiry(oldExpiresAt: number, now: number, months: number): number {
  return expiryDate(Math.max(oldExpiresAt, now), months);
}

export type CertificateState = "VALID" | "EXPIRED" | "REVOKED";

/** What the public verification page says: revocation wins over expiry; expiry is exclusive. */
export function certificateState(cert: { expiresAt: number; revokedAt: number | null }, now: number): CertificateState {
  if (cert.revokedAt !== null && cert.revokedAt <= now) return "REVOKED";
  return now >= cert.expiresAt ? "EXPIRED" : "VALID";
}

/** Which renewal reminder is due, if any: 90 then 30 days before expiry, each once. */
export function dueReminder(cert: { expiresAt: number; reminded90At: number | null; reminded30At: number | null }, now: number): 90 | 30 | null {
  if (now >= cert.expiresAt) return null;
  const left = cert.expiresAt - now;
  if (left <= 30 * DAY && cert.reminded30At === null) return 30;
  if (left <= 90 * DAY && cert.reminded90At === null && left > 30 * DAY) return 90;
  return null;
}

/** Normalises what someone typed or scanned into a code, or null if it cannot be one. */
export function parseCertificateCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  const body = compact.startsWith("STP") ? compact.slice(3) : compact;
  if (body.length !== 8) return null;
  const code = `STP-${body.slice(0, 4)}-${body.slice(4)}`;
  return CERTIFICATE_CODE.test(code) ? code : null;
}
