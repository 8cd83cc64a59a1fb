import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { LOGBOOK_PHOTO_SLOT } from "~/modules/photos/slots";
import { checkCitations, checkExamPool, checkQuizBank, formatProblems, splitFrontmatter, type ContentProblem } from "./rules";
import {
  CourseSchema,
  ExamSchema,
  GlossarySchema,
  ModuleFrontmatterSchema,
  PaperworkSchema,
  PracticalFrontmatterSchema,
  QuizBankSchema,
  type CourseFile,
  type ExamFile,
  type Glossary,
  type ModuleFrontmatter,
  type Paperwork,
  type PracticalFrontmatter,
  type QuizBank,
} from "./schema";

export type ModuleMeta = ModuleFrontmatter & {
  slug: string;
  number: number;
  dir: string;
  /** SHA-256 of index.mdx: progress and compiled output refer to it. */
  hash: string;
  body: string;
  quiz: (QuizBank & { hash: string }) | null;
};

export type PracticalMeta = PracticalFrontmatter & { slug: string; dir: string; hash: string; body: string };

export type Course = Omit<CourseFile, "modules"> & {
  slug: string;
  dir: string;
  modules: ModuleMeta[];
  practicals: PracticalMeta[];
  /** Printable client forms (`paperwork/<slug>.yml`), by title. */
  paperwork: PaperworkMeta[];
  /** The final exam, with `modules` resolved to the modules it covers. */
  exam: (Omit<ExamFile, "modules"> & { modules: string[]; hash: string }) | null;
  glossary: Glossary["terms"];
};

export type PaperworkMeta = Paperwork & { slug: string };

export type Catalogue = { courses: Course[]; bySlug: Map<string, Course> };

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`Content is invalid:\n${formatProblems(problems)}`);
    this.name = "ContentError";
  }
}

/** Course pages whose paths a module slug would shadow. */
const RESERVED_SLUGS = new Set(["exam", "glossary", "practicals", "paperwork"]);

/**
 * Staged photos are keyed by a practical's slug; the logbook stages its case photos under
 * LOGBOOK_PHOTO_SLOT (see modules/photos/slots.ts), so no practical may take it.
 */
const RESERVED_PRACTICAL_SLUGS = new Set([LOGBOOK_PHOTO_SLOT]);
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((i) => ({ file, field: i.path.join(".") || "(file)", reason: i.message }));
}

type Ctx = { root: string; problems: ContentProblem[] };
const rel = (ctx: Ctx, p: string) => path.relative(path.dirname(ctx.root), p);

function readYaml(ctx: Ctx, file: string): unknown {
  try {
    return parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    ctx.problems.push({ file: rel(ctx, file), field: "(file)", reason: error instanceof Error ? error.message.split("\n")[0]! : "cannot be read" });
    return undefined;
  }
}

function readMdx<T>(ctx: Ctx, file: string, schema: z.ZodType<T>): { data: T; body: string; hash: string } | null {
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    ctx.problems.push({ file: rel(ctx, file), field: "(file)", reason: "is missing" });
    return null;
  }
  const split = splitFrontmatter(source);
  if (!split) {
    ctx.problems.push({ file: rel(ctx, file), field: "frontmatter", reason: "must start with a --- YAML block ---" });
    return null;
  }
  let raw: unknown;
  try {
    raw = parseYaml(split.yaml);
  } catch (error) {
    ctx.problems.push({ file: rel(ctx, file), field: "frontmatter", reason: error instanceof Error ? error.message.split("\n")[0]! : "is not YAML" });
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    ctx.problems.push(...zodProblems(rel(ctx, file), parsed.error));
    return null;
  }
  return { data: parsed.data, body: split.body, hash: sha256(source) };
}

function loadModule(ctx: Ctx, dir: string, slug: string, number: number): ModuleMeta | null {
  const file = path.join(dir, "index.mdx");
  const mdx = readMdx(ctx, file, ModuleFrontmatterSchema);
  if (!mdx) return null;
  ctx.problems.push(...checkCitations(rel(ctx, file), mdx.data, mdx.body));
  let quiz: ModuleMeta["quiz"] = null;
  const quizFile = path.join(dir, "quiz.yml");
  if (fs.existsSync(quizFile)) {
    const raw = readYaml(ctx, quizFile);
    const parsed = QuizBankSchema.safeParse(raw);
    if (!parsed.success) ctx.problems.push(...zodProblems(rel(ctx, quizFile), parsed.error));
    else {
      const keys = new Set(mdx.data.sources.map((s) => s.key));
      ctx.problems.push(...checkQuizBank(rel(ctx, quizFile), parsed.data, keys));
      parsed.data.questions.forEach((q, i) => {
        if (q.image && !fs.existsSync(path.join(dir, q.image.src))) {
          ctx.problems.push({ file: rel(ctx, quizFile), field: `questions[${i}].image.src`, reason: `${q.image.src} is not in the module folder` });
        }
      });
      quiz = { ...parsed.data, hash: sha256(fs.readFileSync(quizFile)) };
    }
  }
  return { ...mdx.data, slug, number, dir, hash: mdx.hash, body: mdx.body, quiz };
}

function loadCourse(ctx: Ctx, dir: string, slug: string): Course | null {
  const courseFile = path.join(dir, "course.yml");
  const parsed = CourseSchema.safeParse(readYaml(ctx, courseFile));
  if (!parsed.success) {
    ctx.problems.push(...zodProblems(rel(ctx, courseFile), parsed.error));
    return null;
  }
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{2}-/.test(d.name))
    .map((d) => d.name)
    .sort();
  const modules: ModuleMeta[] = [];
  parsed.data.modules.forEach((moduleSlug, i) => {
    if (RESERVED_SLUGS.has(moduleSlug)) {
      ctx.problems.push({ file: rel(ctx, courseFile), field: `modules[${i}]`, reason: `"${moduleSlug}" is a page of the course, not a module name` });
      return;
    }
    const folder = folders.find((f) => f.slice(3) === moduleSlug);
    if (!folder) {
      ctx.problems.push({ file: rel(ctx, courseFile), field: `modules[${i}]`, reason: `no folder NN-${moduleSlug}` });
      return;
    }
    const number = Number(folder.slice(0, 2));
    if (number !== i + 1) {
      ctx.problems.push({ file: rel(ctx, courseFile), field: `modules[${i}]`, reason: `folder ${folder} is numbered ${number} but listed in position ${i + 1}` });
    }
    const mod = loadModule(ctx, path.join(dir, folder), moduleSlug, number);
    if (mod) modules.push(mod);
  });
  for (const folder of folders) {
    if (!parsed.data.modules.includes(folder.slice(3))) {
      ctx.problems.push({ file: rel(ctx, path.join(dir, folder)), field: "(folder)", reason: "is not listed in course.yml modules" });
    }
  }
  const practicals: PracticalMeta[] = [];
  const practicalsDir = path.join(dir, "practicals");
  if (fs.existsSync(practicalsDir)) {
    for (const entry of fs.readdirSync(practicalsDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const pdir = path.join(practicalsDir, entry.name);
      if (!KEBAB.test(entry.name) || RESERVED_PRACTICAL_SLUGS.has(entry.name)) {
        const reason = KEBAB.test(entry.name) ? `"${entry.name}" is reserved for the logbook, not a practical name` : "practical folders must be kebab-case";
        ctx.problems.push({ file: rel(ctx, pdir), field: "(folder)", reason });
        continue;
      }
      const file = path.join(pdir, "index.mdx");
      const mdx = readMdx(ctx, file, PracticalFrontmatterSchema);
      if (!mdx) continue;
      if (mdx.data.photos.min > mdx.data.photos.max) {
        ctx.problems.push({ file: rel(ctx, file), field: "photos", reason: "min is larger than max" });
      }
      mdx.data.rubric.criteria.forEach((c, i) =>
        c.levels.forEach((l, j) => {
          if (l.example && !fs.existsSync(path.join(pdir, l.example.src))) {
            ctx.problems.push({ file: rel(ctx, file), field: `rubric.criteria.${i}.levels.${j}.example.src`, reason: `${l.example.src} is not in the practical's folder` });
          }
        }),
      );
      const ids = mdx.data.rubric.criteria.map((c) => c.id);
      if (new Set(ids).size !== ids.length) ctx.problems.push({ file: rel(ctx, file), field: "rubric.criteria", reason: "criterion ids must be unique" });
      practicals.push({ ...mdx.data, slug: entry.name, dir: pdir, hash: mdx.hash, body: mdx.body });
    }
  }
  let exam: Course["exam"] = null;
  const examFile = path.join(dir, "exam.yml");
  if (fs.existsSync(examFile)) {
    const parsedExam = ExamSchema.safeParse(readYaml(ctx, examFile));
    if (!parsedExam.success) ctx.problems.push(...zodProblems(rel(ctx, examFile), parsedExam.error));
    else {
      const data = parsedExam.data;
      const covered = modules.filter((m) => (data.modules ? data.modules.includes(m.slug) : m.quiz));
      (data.modules ?? []).forEach((slug, i) => {
        if (!modules.some((m) => m.slug === slug)) ctx.problems.push({ file: rel(ctx, examFile), field: `modules[${i}]`, reason: `"${slug}" is not a module of this course` });
      });
      const refresher = parsed.data.certification?.renewal?.refresherQuiz?.perModule ?? 0;
      const examModules = covered.map((m) => ({ slug: m.slug, sourceKeys: new Set(m.sources.map((s) => s.key)), bank: m.quiz?.questions ?? [] }));
      ctx.problems.push(...checkExamPool(rel(ctx, examFile), data.questions, examModules, Math.max(data.perModule, refresher)));
      data.questions.forEach((q, i) => {
        const home = covered.find((m) => m.slug === q.module);
        if (q.image && home && !fs.existsSync(path.join(home.dir, q.image.src))) {
          ctx.problems.push({ file: rel(ctx, examFile), field: `questions[${i}].image.src`, reason: `${q.image.src} is not in module ${q.module}'s folder` });
        }
      });
      exam = { ...data, modules: covered.map((m) => m.slug), hash: sha256(fs.readFileSync(examFile)) };
    }
  }
  const paperwork = loadPaperwork(ctx, dir, modules);
  let glossary: Glossary["terms"] = [];
  const glossaryFile = path.join(dir, "glossary.yml");
  if (fs.existsSync(glossaryFile)) {
    const parsedGlossary = GlossarySchema.safeParse(readYaml(ctx, glossaryFile));
    if (!parsedGlossary.success) ctx.problems.push(...zodProblems(rel(ctx, glossaryFile), parsedGlossary.error));
    else {
      glossary = [...parsedGlossary.data.terms].sort((a, b) => a.term.localeCompare(b.term));
      parsedGlossary.data.terms.forEach((t, i) => {
        for (const m of t.modules) {
          if (!parsed.data.modules.includes(m)) ctx.problems.push({ file: rel(ctx, glossaryFile), field: `terms[${i}].modules`, reason: `"${m}" is not a module of this course` });
        }
      });
    }
  }
  for (const [i, p] of (parsed.data.certification?.practicals ?? []).entries()) {
    if (!practicals.some((x) => x.slug === p)) {
      ctx.problems.push({ file: rel(ctx, courseFile), field: `certification.practicals[${i}]`, reason: `no practical folder practicals/${p}` });
    }
  }
  return { ...parsed.data, slug, dir, modules, practicals, exam, glossary, paperwork };
}

/** The course's printable client forms; each names modules of this course and sources they list. */
function loadPaperwork(ctx: Ctx, dir: string, modules: ModuleMeta[]): PaperworkMeta[] {
  const folder = path.join(dir, "paperwork");
  if (!fs.existsSync(folder)) return [];
  const forms: PaperworkMeta[] = [];
  for (const name of fs.readdirSync(folder).filter((f) => f.endsWith(".yml")).sort()) {
    const file = path.join(folder, name);
    const slug = name.slice(0, -".yml".length);
    if (!KEBAB.test(slug)) {
      ctx.problems.push({ file: rel(ctx, file), field: "(file)", reason: "form file names must be kebab-case" });
      continue;
    }
    const parsed = PaperworkSchema.safeParse(readYaml(ctx, file));
    if (!parsed.success) {
      ctx.problems.push(...zodProblems(rel(ctx, file), parsed.error));
      continue;
    }
    parsed.data.modules.forEach((m, i) => {
      if (!modules.some((x) => x.slug === m)) ctx.problems.push({ file: rel(ctx, file), field: `modules[${i}]`, reason: `"${m}" is not a module of this course` });
    });
    parsed.data.basis.forEach((b, i) => {
      const mod = modules.find((x) => x.slug === b.module);
      if (!mod?.sources.some((s) => s.key === b.source)) {
        ctx.problems.push({ file: rel(ctx, file), field: `basis[${i}]`, reason: `"${b.source}" is not a source of module "${b.module}"` });
      }
    });
    forms.push({ ...parsed.data, slug });
  }
  return forms.sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * Reads and validates every course under a content folder.
 * Throws ContentError listing each file, field and reason when anything is wrong.
 */
export function loadCatalogue(contentDir: string): Catalogue {
  const root = path.resolve(contentDir);
  const ctx: Ctx = { root, problems: [] };
  if (!fs.existsSync(root)) throw new ContentError([{ file: contentDir, field: "(folder)", reason: "does not exist" }]);
  const courses: Course[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!KEBAB.test(entry.name)) {
      ctx.problems.push({ file: rel(ctx, path.join(root, entry.name)), field: "(folder)", reason: "course folders must be kebab-case" });
      continue;
    }
    const course = loadCourse(ctx, path.join(root, entry.name), entry.name);
    if (course) courses.push(course);
  }
  if (ctx.problems.length) throw new ContentError(ctx.problems);
  return { courses, bySlug: new Map(courses.map((c) => [c.slug, c])) };
}
