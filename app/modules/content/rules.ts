import type { ExamQuestion, ModuleFrontmatter, Question, QuizBank } from "./schema";

/** One thing wrong with the content: which file, which field, why. */
export type ContentProblem = { file: string; field: string; reason: string };

const CITE = /<Cite\s+source=["']([^"']+)["']\s*\/>/g;

/** The source keys an MDX body cites with <Cite source="…" />. */
export function citedKeys(body: string): string[] {
  return [...body.matchAll(CITE)].map((m) => m[1] ?? "");
}

/** Every <Cite> names a listed source, and every listed source is cited somewhere in the text. */
export function checkCitations(file: string, fm: ModuleFrontmatter, body: string): ContentProblem[] {
  const listed = new Set(fm.sources.map((s) => s.key));
  const cited = new Set(citedKeys(body));
  const problems: ContentProblem[] = [];
  for (const key of cited) {
    if (!listed.has(key)) problems.push({ file, field: "body", reason: `<Cite source="${key}" /> names a source not in frontmatter sources` });
  }
  for (const key of listed) {
    if (!cited.has(key)) problems.push({ file, field: `sources.${key}`, reason: "is listed but never cited in the text" });
  }
  return problems;
}

/** Rules one item must meet beyond its shape: a known source, unique option ids, a right answer. */
function checkQuestion(file: string, at: string, q: Question, sourceKeys: ReadonlySet<string>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (!sourceKeys.has(q.source)) problems.push({ file, field: `${at}.source`, reason: `"${q.source}" is not a source of this module` });
  if (q.type === "single" || q.type === "image" || q.type === "multiple" || q.type === "ordering") {
    const ids = q.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) problems.push({ file, field: `${at}.options`, reason: "option ids must be unique" });
  }
  if (q.type === "single" || q.type === "image") {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct !== 1) problems.push({ file, field: `${at}.options`, reason: `needs exactly one correct option, has ${correct}` });
  }
  if (q.type === "multiple") {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct < 1) problems.push({ file, field: `${at}.options`, reason: "needs at least one correct option" });
    if (correct === q.options.length) problems.push({ file, field: `${at}.options`, reason: "needs at least one wrong option" });
  }
  return problems;
}

/**
 * A set of items teaches judgement: at least half are decisions about a client, a photo or a
 * set-up, and at most one in ten asks what a source found (course second edition).
 */
function checkKinds(file: string, field: string, questions: readonly Question[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const count = (kind: string) => questions.filter((q) => q.kind === kind).length;
  if (count("scenario") * 2 < questions.length) {
    problems.push({ file, field, reason: `${count("scenario")} of ${questions.length} items are scenario items; at least half must be` });
  }
  if (count("evidence") * 10 > questions.length) {
    problems.push({ file, field, reason: `${count("evidence")} of ${questions.length} items are evidence items; at most one in ten may be` });
  }
  return problems;
}

/** Rules a quiz bank must meet beyond its shape. */
export function checkQuizBank(file: string, bank: QuizBank, sourceKeys: ReadonlySet<string>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  bank.questions.forEach((q, i) => {
    const at = `questions[${i}] (${q.id})`;
    if (seen.has(q.id)) problems.push({ file, field: `${at}.id`, reason: "is used twice in this bank" });
    seen.add(q.id);
    problems.push(...checkQuestion(file, at, q, sourceKeys));
  });
  problems.push(...checkKinds(file, "questions", bank.questions));
  if (bank.settings.draw > bank.questions.length) {
    problems.push({ file, field: "settings.draw", reason: `draws ${bank.settings.draw} but the bank has ${bank.questions.length} questions` });
  }
  return problems;
}

/** What the exam check needs to know of a module: its sources and its own bank. */
export type ExamModule = { slug: string; sourceKeys: ReadonlySet<string>; bank: readonly Question[] };

const samePrompt = (prompt: string) => prompt.toLowerCase().replace(/\s+/g, " ").trim();

/**
 * The final exam's own pool is independent of the module banks a learner has practised on and
 * seen reviewed: no item shares an id or a prompt with any bank, each names a module of the
 * exam and cites that module's sources, and every module has at least `needPerModule` items
 * (what the exam and the refresher draw from it), half of them scenarios.
 */
export function checkExamPool(file: string, pool: readonly ExamQuestion[], modules: readonly ExamModule[], needPerModule: number): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const bankIds = new Map<string, string>();
  const bankPrompts = new Map<string, string>();
  for (const m of modules) {
    for (const q of m.bank) {
      bankIds.set(q.id, m.slug);
      bankPrompts.set(samePrompt(q.prompt), `${m.slug}/${q.id}`);
    }
  }
  const bySlug = new Map(modules.map((m) => [m.slug, m]));
  const seen = new Set<string>();
  pool.forEach((q, i) => {
    const at = `questions[${i}] (${q.id})`;
    if (seen.has(q.id)) problems.push({ file, field: `${at}.id`, reason: "is used twice in the exam" });
    seen.add(q.id);
    const inBank = bankIds.get(q.id);
    if (inBank) problems.push({ file, field: `${at}.id`, reason: `is also an item of module ${inBank}'s quiz; the exam's items are its own` });
    const samePromptAs = bankPrompts.get(samePrompt(q.prompt));
    if (samePromptAs) problems.push({ file, field: `${at}.prompt`, reason: `is the prompt of ${samePromptAs}; the exam's items are its own` });
    const mod = bySlug.get(q.module);
    if (!mod) {
      problems.push({ file, field: `${at}.module`, reason: `"${q.module}" is not a module of this exam` });
      return;
    }
    problems.push(...checkQuestion(file, at, q, mod.sourceKeys));
  });
  for (const m of modules) {
    const items = pool.filter((q) => q.module === m.slug);
    if (items.length < needPerModule) {
      problems.push({ file, field: "questions", reason: `module ${m.slug} has ${items.length} exam items; the exam and refresher draw ${needPerModule}` });
    }
    problems.push(...checkKinds(file, `questions (module ${m.slug})`, items));
  }
  return problems;
}

/** Splits `---` YAML frontmatter from an MDX body. */
export function splitFrontmatter(source: string): { yaml: string; body: string } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return null;
  return { yaml: match[1] ?? "", body: source.slice(match[0].length) };
}

export function formatProblems(problems: ContentProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.field}: ${p.reason}`).join("\n");
}
