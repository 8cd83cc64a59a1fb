import { describe, expect, it } from "vitest";
import {
  CERTIFICATE_CODE,
  certificateState,
  dueReminder,
  eligibility,
  expiryDate,
  generateCertificateCode,
  parseCertificateCode,
  renewalEligibility,
  renewalOpensAt,
  renewedExpiry,
  type LearnerRecords,
  type Programme,
} from "~/modules/certification/eligibility";

const programme: Programme = {
  modules: [
    { slug: "depth", title: "Depth", hasQuiz: true },
    { slug: "needles", title: "Needles", hasQuiz: true },
    { slug: "intro", title: "Intro", hasQuiz: false },
  ],
  practicals: [
    { slug: "grid", title: "Dot grid" },
    { slug: "hairline", title: "Hairline" },
  ],
  finalExam: true,
  supervisedCases: 5,
  healedReviews: 2,
};

const everything: LearnerRecords = {
  completedModules: new Set(["depth", "needles", "intro"]),
  passedQuizzes: new Set(["depth", "needles"]),
  examPassed: true,
  passedPracticals: new Set(["grid", "hairline"]),
  countersignedCases: 5,
  countersignedHealedReviews: 2,
};

describe("eligibility", () => {
  it("is met when every requirement is", () => {
    const result = eligibility(programme, everything);
    expect(result.met).toBe(true);
    expect(result.requirements.map((r) => r.id)).toEqual(["modules", "quizzes", "exam", "practicals", "cases", "healed"]);
    expect(result.requirements.every((r) => r.missing.length === 0)).toBe(true);
  });

  const withoutOne: [string, Partial<LearnerRecords>, string, string[]][] = [
    ["a module unread", { completedModules: new Set(["depth", "needles"]) }, "modules", ["Intro"]],
    ["a quiz not passed", { passedQuizzes: new Set(["depth"]) }, "quizzes", ["Needles"]],
    ["the exam not passed", { examPassed: false }, "exam", ["Final exam"]],
    ["a practical not passed", { passedPracticals: new Set(["grid"]) }, "practicals", ["Hairline"]],
    ["one case short", { countersignedCases: 4 }, "cases", ["1 more countersigned case"]],
    ["one healed-result review short", { countersignedHealedReviews: 1 }, "healed", ["1 more countersigned healed-result review"]],
    ["no healed-result review", { countersignedHealedReviews: 0 }, "healed", ["2 more countersigned healed-result reviews"]],
  ];
  for (const [name, change, id, missing] of withoutOne) {
    it(`is not met with ${name}, and says exactly what is missing`, () => {
      const result = eligibility(programme, { ...everything, ...change });
      expect(result.met).toBe(false);
      const failing = result.requirements.filter((r) => !r.met);
      expect(failing.map((r) => r.id)).toEqual([id]);
      expect(failing[0]!.missing).toEqual(missing);
    });
  }

  it("counts progress, and caps extra cases at what is asked", () => {
    const result = eligibility(programme, { ...everything, completedModules: new Set(["depth"]), countersignedCases: 9 });
    expect(result.requirements.find((r) => r.id === "modules")).toMatchObject({ done: 1, total: 3 });
    expect(result.requirements.find((r) => r.id === "cases")).toMatchObject({ done: 5, total: 5, met: true });
  });

  it("leaves out requirements the programme does not have", () => {
    const result = eligibility(
      { ...programme, practicals: [], supervisedCases: 0, healedReviews: 0, finalExam: false },
      { ...everything, passedPracticals: new Set(), countersignedCases: 0, countersignedHealedReviews: 0, examPassed: false },
    );
    expect(result.met).toBe(true);
    expect(result.requirements.map((r) => r.id)).toEqual(["modules", "quizzes"]);
  });
});

describe("expiry", () => {
  it("adds calendar months in UTC and clamps the 31st to the month's end", () => {
    expect(new Date(expiryDate(Date.UTC(2026, 10, 21, 9), 24)).toISOString()).toBe("2028-11-21T09:00:00.000Z");
    expect(new Date(expiryDate(Date.UTC(2027, 0, 31), 1)).toISOString()).toBe("2027-02-28T00:00:00.000Z");
    expect(new Date(expiryDate(Date.UTC(2027, 11, 31), 2)).toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });
});

describe("certificate codes", () => {
  it("look like STP-XXXX-XXXX without ambiguous characters", () => {
    for (let i = 0; i < 200; i++) expect(generateCertificateCode()).toMatch(CERTIFICATE_CODE);
  });

  it("are not sequential or guessable: 10,000 codes, no repeats, every character used evenly", () => {
    const codes = Array.from({ length: 10_000 }, () => generateCertificateCode());
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const c of codes) for (const ch of c.slice(4).replace("-", "")) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(30);
    for (const n of counts.values()) expect(n).toBeGreaterThan((80_000 / 30) * 0.8);
  });

  it("use every random byte fairly (rejection sampling)", () => {
    const fixed = () => new Uint8Array(16).fill(250);
    let calls = 0;
    const code = generateCertificateCode((n) => (calls++ < 1 ? fixed() : new Uint8Array(n).fill(0)));
    expect(code).toBe("STP-2222-2222");
  });
});

const DAY = 24 * 60 * 60 * 1000;

describe("renewal", () => {
  const rule = { windowDays: 90, refresherQuiz: true, casesSinceIssue: 2 };

  it("needs the refresher and the cases since issue, each reported when missing", () => {
    expect(renewalEligibility(rule, { refresherPassed: true, casesSinceIssue: 2 }).met).toBe(true);
    const noQuiz = renewalEligibility(rule, { refresherPassed: false, casesSinceIssue: 5 });
    expect(noQuiz.met).toBe(false);
    expect(noQuiz.requirements.filter((r) => !r.met).map((r) => r.missing)).toEqual([["Refresher quiz"]]);
    const oneCase = renewalEligibility(rule, { refresherPassed: true, casesSinceIssue: 1 });
    expect(oneCase.requirements.filter((r) => !r.met).map((r) => r.missing)).toEqual([["1 more countersigned case"]]);
  });

  it("asks for nothing course.yml leaves out", () => {
    expect(renewalEligibility({ windowDays: 90, refresherQuiz: false, casesSinceIssue: 0 }, { refresherPassed: false, casesSinceIssue: 0 })).toEqual({
      met: true,
      requirements: [],
    });
  });

  it("opens the window days before expiry, and an early renewal keeps the remaining time", () => {
    const expires = Date.UTC(2028, 10, 21);
    expect(renewalOpensAt(expires, 90)).toBe(expires - 90 * DAY);
    expect(renewedExpiry(expires, expires - 30 * DAY, 24)).toBe(Date.UTC(2030, 10, 21));
    // After expiry, the new period runs from the renewal itself.
    expect(renewedExpiry(expires, Date.UTC(2029, 0, 5), 24)).toBe(Date.UTC(2031, 0, 5));
  });
});

describe("certificate state", () => {
  const expiresAt = Date.UTC(2028, 10, 21);
  it("is VALID until the moment of expiry, EXPIRED from it, and REVOKED from revocation whatever the date", () => {
    expect(certificateState({ expiresAt, revokedAt: null }, expiresAt - 1)).toBe("VALID");
    expect(certificateState({ expiresAt, revokedAt: null }, expiresAt)).toBe("EXPIRED");
    expect(certificateState({ expiresAt, revokedAt: Date.UTC(2027, 0, 1) }, Date.UTC(2027, 0, 1))).toBe("REVOKED");
    expect(certificateState({ expiresAt, revokedAt: Date.UTC(2027, 0, 1) }, expiresAt + DAY)).toBe("REVOKED");
  });
});

describe("renewal reminders", () => {
  const expiresAt = Date.UTC(2028, 10, 21);
  const fresh = { expiresAt, reminded90At: null, reminded30At: null };
  it("are due at 90 and at 30 days, each once, and never after expiry", () => {
    expect(dueReminder(fresh, expiresAt - 91 * DAY)).toBeNull();
    expect(dueReminder(fresh, expiresAt - 90 * DAY)).toBe(90);
    expect(dueReminder({ ...fresh, reminded90At: 1 }, expiresAt - 60 * DAY)).toBeNull();
    expect(dueReminder({ ...fresh, reminded90At: 1 }, expiresAt - 30 * DAY)).toBe(30);
    expect(dueReminder({ ...fresh, reminded90At: 1, reminded30At: 1 }, expiresAt - 5 * DAY)).toBeNull();
    // Issued late in the window (or the server was down): straight to the 30-day reminder.
    expect(dueReminder(fresh, expiresAt - 20 * DAY)).toBe(30);
    expect(dueReminder(fresh, expiresAt)).toBeNull();
  });
});

describe("reading a typed code", () => {
  it("accepts lower case, spaces and missing dashes, and refuses anything that cannot be a code", () => {
    expect(parseCertificateCode("stp-7kq4-m2xd")).toBe("STP-7KQ4-M2XD");
    expect(parseCertificateCode(" 7KQ4 M2XD ")).toBe("STP-7KQ4-M2XD");
    expect(parseCertificateCode("STP7KQ4M2XD")).toBe("STP-7KQ4-M2XD");
    for (const bad of ["", "STP-7KQ4-M2X", "STP-1KQ4-M2XD", "STP-OKQ4-M2XD", "STP-7KQ4-M2XD-9", "<script>alert(1)</script>", "STP-7KQ4/../M2XD"]) {
      expect(parseCertificateCode(bad)).toBeNull();
    }
  });
});
