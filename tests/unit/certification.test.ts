import { describe, expect, it } from "vitest";
import { CERTIFICATE_CODE, eligibility, expiryDate, generateCertificateCode, type LearnerRecords, type Programme } from "~/modules/certification/eligibility";

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
};

const everything: LearnerRecords = {
  completedModules: new Set(["depth", "needles", "intro"]),
  passedQuizzes: new Set(["depth", "needles"]),
  examPassed: true,
  passedPracticals: new Set(["grid", "hairline"]),
  countersignedCases: 5,
};

describe("eligibility", () => {
  it("is met when every requirement is", () => {
    const result = eligibility(programme, everything);
    expect(result.met).toBe(true);
    expect(result.requirements.map((r) => r.id)).toEqual(["modules", "quizzes", "exam", "practicals", "cases"]);
    expect(result.requirements.every((r) => r.missing.length === 0)).toBe(true);
  });

  const withoutOne: [string, Partial<LearnerRecords>, string, string[]][] = [
    ["a module unread", { completedModules: new Set(["depth", "needles"]) }, "modules", ["Intro"]],
    ["a quiz not passed", { passedQuizzes: new Set(["depth"]) }, "quizzes", ["Needles"]],
    ["the exam not passed", { examPassed: false }, "exam", ["Final exam"]],
    ["a practical not passed", { passedPracticals: new Set(["grid"]) }, "practicals", ["Hairline"]],
    ["one case short", { countersignedCases: 4 }, "cases", ["1 more countersigned case"]],
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
    const result = eligibility({ ...programme, practicals: [], supervisedCases: 0, finalExam: false }, { ...everything, passedPracticals: new Set(), countersignedCases: 0, examPassed: false });
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
