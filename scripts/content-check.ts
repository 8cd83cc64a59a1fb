// `npm run content:check`: validates every course file and compiles and renders every module,
// printing file, field and reason for each problem. Exits 1 when anything is wrong.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { mdxComponents } from "~/components/mdx/components";
import { SourcesContext } from "~/components/mdx/sources-context";
import { compileMdx } from "~/modules/content/compile-mdx.server";
import { ContentError, loadCatalogue } from "~/modules/content/load-content.server";
import { getMdx } from "~/modules/content/mdx-registry";
import { formatProblems, type ContentProblem } from "~/modules/content/rules";

const dir = process.argv[2] ?? process.env.STIPPLE_CONTENT_DIR ?? "content";

async function main(): Promise<number> {
  let catalogue;
  try {
    catalogue = loadCatalogue(dir);
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(formatProblems(error.problems));
      console.error(`\ncontent:check: ${error.problems.length} problem(s)`);
      return 1;
    }
    throw error;
  }
  const problems: ContentProblem[] = [];
  let modules = 0;
  let questions = 0;
  for (const course of catalogue.courses) {
    for (const mod of course.modules) {
      const file = `${course.slug}/${String(mod.number).padStart(2, "0")}-${mod.slug}/index.mdx`;
      try {
        await compileMdx(mod);
        const Component = getMdx(mod.hash)!;
        renderToString(createElement(SourcesContext.Provider, { value: mod.sources }, createElement(Component, { components: mdxComponents })));
        modules++;
        questions += mod.quiz?.questions.length ?? 0;
      } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
        problems.push({ file, field: "body", reason: `does not compile or render: ${reason}` });
      }
    }
  }
  if (problems.length) {
    console.error(formatProblems(problems));
    console.error(`\ncontent:check: ${problems.length} problem(s)`);
    return 1;
  }
  console.log(`content:check: ${catalogue.courses.length} course(s), ${modules} module(s), ${questions} question(s) — all valid`);
  return 0;
}

process.exitCode = await main();
