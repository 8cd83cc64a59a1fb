import path from "node:path";
import { describe, expect, it } from "vitest";
import { mdxComponents } from "~/components/mdx/components";
import { loadCatalogue } from "~/modules/content/load-content.server";

// The standard every module of the core course is held to (issue: the core course).
const course = loadCatalogue(path.resolve("content")).bySlug.get("smp-practitioner")!;
const figures = Object.keys(mdxComponents).filter((name) => /^[A-Z]/.test(name) && !["Callout", "Figure", "Cite"].includes(name));

describe("the core course", () => {
  it("has the twelve modules in order, all published", () => {
    expect(course.modules.map((m) => m.slug)).toEqual([
      "skin-anatomy-and-puncture-depth",
      "needle-sizing-and-machines",
      "pigment-choice-and-colour",
      "ethnicity-and-gender-variation",
      "repair-and-removal",
      "safety-consultation-and-aftercare",
      "infection-control-and-safe-set-up",
      "scalp-assessment-and-referral",
      "technique-and-machine-set-up",
      "complications-and-correction",
      "clients-who-need-a-different-plan",
      "consent-records-and-the-law",
    ]);
    for (const m of course.modules) expect(m.status, m.slug).toBe("published");
  });

  for (const m of course.modules) {
    describe(m.slug, () => {
      it("has objectives and sources, and cites them in the text", () => {
        expect(m.objectives.length).toBeGreaterThanOrEqual(3);
        expect(m.sources.length).toBeGreaterThanOrEqual(3);
        expect(m.body).toMatch(/<Cite source="/);
      });

      it("is 1,200–2,500 words long", () => {
        const words = m.body
          .replace(/<[^>]+>/g, " ")
          .split(/\s+/)
          .filter((w) => /\w/.test(w)).length;
        expect(words).toBeGreaterThanOrEqual(1200);
        expect(words).toBeLessThanOrEqual(2600);
      });

      it("uses at least one figure (interactive, or drawn) and says where sources disagree", () => {
        const interactive = figures.some((f) => m.body.includes(`<${f}`));
        expect(interactive || /<Figure\b[^>]*>\s*<img\b[^>]*\bsrc=/.test(m.body), `one of ${figures.join(", ")}, or a <Figure> with an image`).toBe(true);
        expect(m.body).toMatch(/<Callout type="disputed"/);
      });

      it("has a bank of at least 20 questions mixing every type, with an image item", () => {
        const questions = m.quiz?.questions ?? [];
        expect(questions.length).toBeGreaterThanOrEqual(20);
        const types = new Set(questions.map((q) => q.type));
        for (const t of ["single", "multiple", "true-false", "numeric", "ordering", "image"]) expect(types, t).toContain(t);
        for (const q of questions) expect(q.explanation.length, q.id).toBeGreaterThan(10);
      });
    });
  }

  it("states guided learning hours in three parts, the theory covering at least the modules' reading time", () => {
    const hours = course.about!.guidedHours!;
    expect(hours.parts.map((p) => p.label)).toEqual(["Theory", "Practicals", "Supervised cases"]);
    const reading = course.modules.reduce((sum, m) => sum + m.minutes, 0) / 60;
    expect(hours.parts[0]!.hours).toBeGreaterThanOrEqual(reading);
    // Credible next to the ProQual Level 4 certificate's 90 hours: neither a fraction nor a multiple of it.
    const total = hours.parts.reduce((sum, p) => sum + p.hours, 0);
    expect(total).toBeGreaterThanOrEqual(70);
    expect(total).toBeLessThanOrEqual(120);
  });

  it("has the four client forms a new practitioner needs, each linked from a module that teaches it", () => {
    expect(course.paperwork.map((p) => p.slug).sort()).toEqual(["aftercare-sheet", "consultation-and-screening", "informed-consent", "patch-test-record"]);
    for (const form of course.paperwork) expect(form.modules.length, form.slug).toBeGreaterThan(0);
    const words = (slug: string) => JSON.stringify(course.paperwork.find((p) => p.slug === slug)!.sections);
    // The safety facts each form exists to carry.
    expect(words("patch-test-record")).toMatch(/sterile/i);
    expect(words("patch-test-record")).toMatch(/lot/i);
    expect(words("informed-consent")).toMatch(/permanent/i);
    expect(words("consultation-and-screening")).toMatch(/18/);
  });

  it("has an exam of its own over every module, four practicals with rubrics, and a glossary", () => {
    const exam = course.exam!;
    expect(exam.perModule).toBeGreaterThan(0);
    expect(exam.modules).toEqual(course.modules.map((m) => m.slug));
    // At least fifteen decisions per module, so each attempt and each refresher sees fresh ones.
    for (const m of course.modules) {
      const items = exam.questions.filter((q) => q.module === m.slug);
      expect(items.filter((q) => q.kind === "scenario").length, m.slug).toBeGreaterThanOrEqual(15);
    }
    expect(exam.settings.review?.correctAnswers ?? "never").toBe("never");
    expect(course.practicals.map((p) => p.slug).sort()).toEqual(["density-layering", "dot-consistency-grid", "hairline-design", "scar-camouflage"]);
    for (const p of course.practicals) {
      expect(p.rubric.criteria.length, p.slug).toBeGreaterThanOrEqual(4);
      expect(p.rubric.criteria.length, p.slug).toBeLessThanOrEqual(6);
    }
    expect(course.glossary.length).toBeGreaterThanOrEqual(20);
  });

  it("illustrates every level of at least two criteria per practical, and asks for a ruler and a minimum resolution in every brief", () => {
    for (const p of course.practicals) {
      const illustrated = p.rubric.criteria.filter((c) => c.levels.every((l) => l.example && l.example.alt.length >= 40));
      expect(illustrated.length, p.slug).toBeGreaterThanOrEqual(2);
      expect(p.photos.guidance, p.slug).toMatch(/ruler/i);
      expect(p.photos.guidance, p.slug).toMatch(/(pixels? per (millimetre|mm)|px\/mm)/i);
    }
  });

  it("makes any blow-out, halo or tear rule out a pass in every practical", () => {
    for (const p of course.practicals) {
      // Some must-pass criterion names halos or spread at its lowest level, and at no other level.
      const guard = p.rubric.criteria.filter((c) => c.critical && /halo/.test(c.levels[0]!.descriptor));
      expect(guard.length, p.slug).toBeGreaterThanOrEqual(1);
      for (const c of p.rubric.criteria) {
        // Above the lowest level a halo may only be mentioned as absent ("no dot shows a halo").
        for (const l of c.levels.slice(1))
          if (/halo|spread/.test(l.descriptor)) expect(l.descriptor, `${p.slug} ${c.id} ${l.label}`).toMatch(/\b(no|none|No)\b/);
      }
    }
  });
});
