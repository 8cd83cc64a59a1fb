import type { ModuleFrontmatter, QuizBank } from "./schema";

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

/** Rules a quiz bank must meet beyond its shape. */
export function checkQuizBank(file: string, bank: QuizBank, sourceKeys: ReadonlySet<string>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  bank.questions.forEach((q, i) => {
    const at = `questions[${i}] (${q.id})`;
    if (seen.has(q.id)) problems.push({ file, field: `${at}.id`, reason: "is used twice in this bank" });
    seen.add(q.id);
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
  });
  // A bank teaches judgement: at least half its items are decisions about a client, a photo or
  // a set-up, and at most one in ten asks what a source found (course second edition).
  const count = (kind: string) => bank.questions.filter((q) => q.kind === kind).length;
  if (count("scenario") * 2 < bank.questions.length) {
    problems.push({ file, field: "questions", reason: `${count("scenario")} of ${bank.questions.length} items are scenario items; at least half must be` });
  }
  if (count("evidence") * 10 > bank.questions.length) {
    problems.push({ file, field: "questions", reason: `${count("evidence")} of ${bank.questions.length} items are evidence items; at most one in ten may be` });
  }
  if (bank.settings.draw > bank.questions.length) {
    problems.push({ file, field: "settings.draw", reason: `draws ${bank.settings.draw} but the bank has ${bank.questions.length} questions` });
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
