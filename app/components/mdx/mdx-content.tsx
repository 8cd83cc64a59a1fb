import { getMdx, mdxUrl } from "~/modules/content/mdx-registry";
import { mdxComponents } from "./components";
import { sourceHref } from "~/modules/content/source-link";
import { SourcesContext, useCitationTrail, type PageSource } from "./sources-context";

/** Renders a compiled module body; the compiled code was registered by the loader or loadMdx(). */
export function MdxContent({ hash, sources }: { hash: string; sources: PageSource[] }) {
  const Component = getMdx(hash);
  return (
    <SourcesContext.Provider value={sources}>
      <link rel="modulepreload" href={mdxUrl(hash)} />
      <div data-mdx-hash={hash} className="prose prose-stone max-w-none prose-headings:scroll-mt-20 prose-a:text-brand-700">
        {Component ? <Component components={mdxComponents} /> : <p role="alert">This module could not be loaded. Reload the page to try again.</p>}
      </div>
    </SourcesContext.Provider>
  );
}

/**
 * The module's numbered sources. The one a citation jumped to is highlighted (by the page's
 * state, or `:target` without script) and offers "Back to text": back to the citation followed.
 */
export function SourceList({ sources }: { sources: PageSource[] }) {
  const { jump, backToText } = useCitationTrail();
  return (
    <section aria-labelledby="sources-heading" className="mt-12 border-t border-stone-200 pt-6">
      <h2 id="sources-heading" className="text-lg font-semibold text-stone-900">
        Sources
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Marked <em>industry</em>: practitioner, vendor or clinic pages — industry practice, not evidence.
      </p>
      <ol className="mt-4 space-y-2 text-sm text-stone-800">
        {sources.map((s, i) => (
          <li
            key={s.key}
            id={`source-${s.key}`}
            // Focused by script when a citation jumps here, never by Tab.
            tabIndex={-1}
            className={`-mx-2 flex scroll-mt-24 gap-2 rounded-md px-2 py-1 focus:outline-none target:bg-amber-50 target:ring-2 target:ring-amber-500 ${
              jump?.source === s.key && !jump.back ? "bg-amber-50 ring-2 ring-amber-500" : ""
            }`}
          >
            <span className="w-8 shrink-0 text-right font-medium tabular-nums text-stone-500">{i + 1}.</span>
            <span>
              {sourceHref(s) ? (
                <a href={sourceHref(s)!} className="text-brand-700 underline underline-offset-2" rel="noreferrer noopener" target="_blank">
                  {s.citation}
                </a>
              ) : (
                s.citation
              )}{" "}
              <span className="whitespace-nowrap rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-600">{s.kind}</span>
              {jump?.source === s.key && !jump.back ? (
                <>
                  {" "}
                  <a href={`#${jump.from}`} onClick={backToText} className="whitespace-nowrap font-medium text-brand-700 underline underline-offset-2">
                    <span aria-hidden="true">↩ </span>Back to text
                  </a>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
