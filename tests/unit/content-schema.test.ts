import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, loadCatalogue } from "~/modules/content/load-content.server";
import { checkCitations, checkQuizBank, splitFrontmatter } from "~/modules/content/rules";
import { QuizBankSchema } from "~/modules/content/schema";

const GOOD = path.resolve("tests/fixtures/content-good");
const MODULE = "demo-course/01-first-module";

/** A copy of the good fixture with one file replaced (or removed with null). */
function variant(changes: Record<string, string | null>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-content-"));
  fs.cpSync(GOOD, dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) {
    const target = path.join(dir, file);
    if (text === null) fs.rmSync(target, { recursive: true });
    else fs.writeFileSync(target, text);
  }
  return dir;
}

function problemsOf(dir: string) {
  try {
    loadCatalogue(dir);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  return [];
}

const read = (file: string) => fs.readFileSync(path.join(GOOD, file), "utf8");

describe("loading content", () => {
  it("loads a valid course with its module, quiz, practical and exam", () => {
    const { courses } = loadCatalogue(GOOD);
    expect(courses).toHaveLength(1);
    const course = courses[0]!;
    expect(course.modules.map((m) => m.slug)).toEqual(["first-module"]);
    expect(course.modules[0]!.quiz?.questions).toHaveLength(3);
    expect(course.modules[0]!.hash).toMatch(/^[a-f0-9]{64}$/);
    expect(course.practicals[0]!.rubric.criteria[0]!.levels).toHaveLength(2);
    expect(course.exam?.perModule).toBe(2);
  });

  it("the real course content is valid", () => {
    expect(() => loadCatalogue(path.resolve("content"))).not.toThrow();
  });

  it("names the file, field and reason for a missing frontmatter field", () => {
    const dir = variant({ [`${MODULE}/index.mdx`]: read(`${MODULE}/index.mdx`).replace("minutes: 5\n", "") });
    expect(problemsOf(dir)).toContainEqual({ file: expect.stringContaining(`${MODULE}/index.mdx`), field: "minutes", reason: expect.any(String) });
  });

  it("refuses a <Cite> of an unlisted source and a listed source never cited", () => {
    const dir = variant({ [`${MODULE}/index.mdx`]: read(`${MODULE}/index.mdx`).replace('<Cite source="source-a" />', '<Cite source="nobody" />') });
    const reasons = problemsOf(dir).map((p) => `${p.field}: ${p.reason}`);
    expect(reasons).toContainEqual(expect.stringMatching(/nobody.*not in frontmatter/));
    expect(reasons).toContainEqual(expect.stringMatching(/sources\.source-a: is listed but never cited/));
  });

  it("refuses a quiz whose question cites a source the module does not list", () => {
    const dir = variant({ [`${MODULE}/quiz.yml`]: read(`${MODULE}/quiz.yml`).replace("source: source-a", "source: elsewhere") });
    expect(problemsOf(dir)).toContainEqual(expect.objectContaining({ field: "questions[0] (q-single).source" }));
  });

  it("refuses an unknown question type with its path", () => {
    const dir = variant({ [`${MODULE}/quiz.yml`]: read(`${MODULE}/quiz.yml`).replace("type: single", "type: essay") });
    expect(problemsOf(dir)).toContainEqual(expect.objectContaining({ file: expect.stringContaining("quiz.yml"), field: "questions.0.type" }));
  });

  it("refuses broken YAML, with the file", () => {
    const dir = variant({ "demo-course/course.yml": "title: [unclosed\n" });
    expect(problemsOf(dir)).toContainEqual(expect.objectContaining({ file: expect.stringContaining("course.yml"), field: "(file)" }));
  });

  it("refuses a module listed in course.yml without a folder, and a folder not listed", () => {
    expect(
      problemsOf(variant({ "demo-course/course.yml": read("demo-course/course.yml").replace("[first-module]", "[first-module, second]") })),
    ).toContainEqual(expect.objectContaining({ field: "modules[1]", reason: "no folder NN-second" }));
    const dir = variant({});
    fs.cpSync(path.join(dir, MODULE), path.join(dir, "demo-course/02-extra"), { recursive: true });
    expect(problemsOf(dir)).toContainEqual(expect.objectContaining({ reason: "is not listed in course.yml modules" }));
  });

  it("refuses a practical rubric with one level and an exam asking more than its own pool holds", () => {
    const practical = "demo-course/practicals/dot-grid/index.mdx";
    expect(problemsOf(variant({ [practical]: read(practical).replace("        - { label: Good, points: 2, descriptor: Even. }\n", "") }))).toContainEqual(
      expect.objectContaining({ field: "rubric.criteria.0.levels" }),
    );
    expect(problemsOf(variant({ "demo-course/exam.yml": read("demo-course/exam.yml").replace("perModule: 2", "perModule: 3") }))).toContainEqual(
      expect.objectContaining({ field: "questions", reason: "module first-module has 2 exam items; the exam and refresher draw 3" }),
    );
  });

  it("refuses a rubric level's example image that is not in the practical's folder", () => {
    const practical = "demo-course/practicals/dot-grid/index.mdx";
    const withExample = read(practical).replace(
      "descriptor: Even. }",
      "descriptor: Even., example: { src: even-dots.svg, alt: Ten dots of one size in a row beside a millimetre scale. } }",
    );
    expect(problemsOf(variant({ [practical]: withExample }))).toContainEqual(
      expect.objectContaining({ field: "rubric.criteria.0.levels.1.example.src", reason: "even-dots.svg is not in the practical's folder" }),
    );
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="2"/></svg>';
    expect(problemsOf(variant({ [practical]: withExample, "demo-course/practicals/dot-grid/even-dots.svg": svg }))).toEqual([]);
  });

  it("loads client paperwork, and refuses a form naming a module or a source the course does not have", () => {
    expect(loadCatalogue(GOOD).courses[0]!.paperwork.map((p) => p.slug)).toEqual(["demo-consent"]);
    const form = read("demo-course/paperwork/demo-consent.yml");
    const problems = problemsOf(
      variant({
        "demo-course/paperwork/demo-consent.yml": form.replace("modules: [first-module]", "modules: [nowhere]").replace("source: source-a", "source: nope"),
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ field: "modules[0]", reason: '"nowhere" is not a module of this course' }));
    expect(problems).toContainEqual(expect.objectContaining({ field: "basis[0]", reason: '"nope" is not a source of module "first-module"' }));
    expect(problemsOf(variant({ "demo-course/paperwork/demo-consent.yml": form.replace("kind: check", "kind: tickbox") }))).toContainEqual(
      expect.objectContaining({ file: expect.stringContaining("paperwork/demo-consent.yml") }),
    );
  });

  describe("the exam's own pool", () => {
    const exam = read("demo-course/exam.yml");
    it("refuses an exam without its own questions: it never draws from module banks", () => {
      expect(problemsOf(variant({ "demo-course/exam.yml": exam.slice(0, exam.indexOf("# The exam's own items")) }))).toContainEqual(
        expect.objectContaining({ file: expect.stringContaining("exam.yml"), field: "questions" }),
      );
    });
    it("refuses an item whose id or prompt is a module quiz's", () => {
      const problems = problemsOf(
        variant({ "demo-course/exam.yml": exam.replace("id: exam-pick-b", "id: q-single").replace("prompt: Is it true?", "prompt: pick  a") }),
      );
      expect(problems).toContainEqual(
        expect.objectContaining({ field: "questions[0] (q-single).id", reason: expect.stringContaining("module first-module's quiz") }),
      );
      expect(problems).toContainEqual(
        expect.objectContaining({ field: "questions[1] (exam-true).prompt", reason: expect.stringContaining("first-module/q-single") }),
      );
    });
    it("refuses an item naming a module the exam does not cover, or a source that module does not list", () => {
      const problems = problemsOf(
        variant({
          "demo-course/exam.yml": exam
            .replace("module: first-module\n    kind: scenario\n    type: true-false", "module: second-module\n    kind: scenario\n    type: true-false")
            .replace("source: source-a", "source: nowhere"),
        }),
      );
      expect(problems).toContainEqual(expect.objectContaining({ field: "questions[1] (exam-true).module" }));
      expect(problems).toContainEqual(expect.objectContaining({ field: "questions[0] (exam-pick-b).source" }));
    });
    it("holds each module's pool to the banks' kinds rule", () => {
      const problems = problemsOf(variant({ "demo-course/exam.yml": exam.replaceAll("kind: scenario", "kind: recall") }));
      expect(problems).toContainEqual(
        expect.objectContaining({ field: "questions (module first-module)", reason: expect.stringContaining("at least half must be") }),
      );
    });
  });

  it("refuses a practical named like the logbook's photo slot, or not in kebab-case", () => {
    for (const name of ["logbook", "Logbook:1"]) {
      const dir = variant({});
      fs.cpSync(path.join(dir, "demo-course/practicals/dot-grid"), path.join(dir, "demo-course/practicals", name), { recursive: true });
      expect(problemsOf(dir), name).toContainEqual(
        expect.objectContaining({
          file: expect.stringContaining(`practicals/${name}`),
          field: "(folder)",
          reason: expect.stringMatching(/reserved for the logbook|kebab-case/),
        }),
      );
    }
  });

  it("refuses certification naming a practical that does not exist", () => {
    const dir = variant({ "demo-course/practicals/dot-grid": null });
    expect(problemsOf(dir)).toContainEqual(expect.objectContaining({ field: "certification.practicals[0]" }));
  });
});

describe("quiz bank rules", () => {
  const bank = (questions: unknown[], draw = 1) =>
    QuizBankSchema.parse({ settings: { draw, passMark: 0.8, attempts: 3, cooldownMinutes: 0, timeLimitMinutes: 10 }, questions });
  const single = (id: string, correct: number) => ({
    id,
    kind: "scenario",
    type: "single",
    prompt: "P",
    explanation: "E",
    source: "s",
    options: [
      { id: "a", text: "A", correct: correct >= 1 },
      { id: "b", text: "B", correct: correct >= 2 },
    ],
  });
  const keys = new Set(["s"]);

  it("holds a bank to at least half scenario items and at most one in ten evidence items", () => {
    const of = (kind: string, n: number) => Array.from({ length: n }, (_, i) => ({ ...single(`${kind}-${i}`, 1), kind }));
    expect(checkQuizBank("f", bank([...of("scenario", 5), ...of("recall", 4), ...of("evidence", 1)]), keys)).toEqual([]);
    expect(checkQuizBank("f", bank([...of("scenario", 4), ...of("recall", 5), ...of("evidence", 1)]), keys).map((p) => p.reason)).toEqual([
      "4 of 10 items are scenario items; at least half must be",
    ]);
    expect(checkQuizBank("f", bank([...of("scenario", 6), ...of("evidence", 2), ...of("recall", 2)]), keys).map((p) => p.reason)).toEqual([
      "2 of 10 items are evidence items; at most one in ten may be",
    ]);
    expect(() => bank([{ ...single("q", 1), kind: "trivia" }])).toThrow();
  });

  it("needs exactly one correct option for single choice", () => {
    expect(checkQuizBank("f", bank([single("q", 1)]), keys)).toEqual([]);
    expect(checkQuizBank("f", bank([single("q", 0)]), keys)[0]?.reason).toMatch(/exactly one correct/);
    expect(checkQuizBank("f", bank([single("q", 2)]), keys)[0]?.reason).toMatch(/exactly one correct/);
  });

  it("refuses duplicate ids and a draw larger than the bank", () => {
    const problems = checkQuizBank("f", bank([single("q", 1), single("q", 1)], 3), keys);
    expect(problems.map((p) => p.field)).toEqual(["questions[1] (q).id", "settings.draw"]);
  });

  it("needs a multiple-choice question to have right and wrong options", () => {
    const multiple = (flags: boolean[]) => ({
      id: "m",
      kind: "scenario",
      type: "multiple",
      prompt: "P",
      explanation: "E",
      source: "s",
      options: flags.map((correct, i) => ({ id: `o${i}`, text: `O${i}`, correct })),
    });
    expect(checkQuizBank("f", bank([multiple([true, true, false])]), keys)).toEqual([]);
    expect(checkQuizBank("f", bank([multiple([true, true, true])]), keys)[0]?.reason).toMatch(/wrong option/);
  });
});

describe("frontmatter and citations", () => {
  it("splits frontmatter from the body", () => {
    expect(splitFrontmatter("---\ntitle: x\n---\nBody")).toEqual({ yaml: "title: x", body: "Body" });
    expect(splitFrontmatter("no frontmatter")).toBeNull();
  });

  it("checks citations both ways", () => {
    const fm = {
      title: "t",
      summary: "s",
      minutes: 1,
      objectives: ["o"],
      status: "published" as const,
      sources: [{ key: "a", citation: "c", kind: "industry" as const }],
    };
    expect(checkCitations("f", fm, 'x <Cite source="a" />')).toEqual([]);
    expect(checkCitations("f", fm, "x")).toHaveLength(1);
  });
});
