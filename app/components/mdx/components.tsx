import { useId, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { AftercareTimeline } from "~/components/figures/aftercare-timeline";
import { HairlineShapes } from "~/components/figures/hairline-shapes";
import { NeedleChart } from "~/components/figures/needle-chart";
import { PigmentGuide } from "~/components/figures/pigment-guide";
import { RemovalPlanner } from "~/components/figures/removal-planner";
import { SkinDepth } from "~/components/figures/skin-depth";
import type { MdxComponentMap } from "~/modules/content/mdx-registry";
import { useCitationTrail, useSources } from "./sources-context";

const calloutStyles = {
  note: { box: "border-sky-300 bg-sky-50", label: "Note" },
  warning: { box: "border-rose-300 bg-rose-50", label: "Warning" },
  disputed: { box: "border-amber-300 bg-amber-50", label: "Sources disagree" },
} as const;

export function Callout({ type = "note", title, children }: { type?: keyof typeof calloutStyles; title?: string; children: ReactNode }) {
  const style = calloutStyles[type] ?? calloutStyles.note;
  return (
    <aside className={`not-prose my-6 rounded-lg border-l-4 p-4 ${style.box}`} aria-label={title ? `${style.label}: ${title}` : style.label}>
      <p className="text-xs font-semibold uppercase tracking-wide text-stone-700">{style.label}</p>
      {title ? <p className="mt-1 font-semibold text-stone-900">{title}</p> : null}
      <div className="prose prose-stone prose-sm mt-2 max-w-none">{children}</div>
    </aside>
  );
}

export function Figure({ caption, children }: { caption?: string; children: ReactNode }) {
  return (
    <figure className="not-prose my-8">
      {children}
      {caption ? <figcaption className="mt-3 text-sm text-stone-600">{caption}</figcaption> : null}
    </figure>
  );
}

/**
 * An inline citation: the source's number in the page's list, linked to it. Following it
 * remembers where the reader was, so the source can offer a way back to this very citation.
 */
export function Cite({ source }: { source: string }) {
  const sources = useSources();
  const { jump, toSource } = useCitationTrail();
  const id = `cite-${useId().replace(/:/g, "")}`;
  const index = sources.findIndex((s) => s.key === source);
  if (index < 0) return null;
  const s = sources[index]!;
  return (
    <sup className="ml-0.5">
      <a
        id={id}
        href={`#source-${s.key}`}
        onClick={(event) => toSource(event, s.key, id)}
        className={`scroll-mt-24 rounded-sm font-medium text-brand-700 no-underline hover:underline target:bg-amber-200 target:ring-2 target:ring-amber-500 ${
          jump?.back && jump.from === id ? "bg-amber-200 ring-2 ring-amber-500" : ""
        }`}
        aria-label={`Source ${index + 1}: ${s.citation}`}
      >
        [{index + 1}]
      </a>
    </sup>
  );
}

function Table(props: ComponentPropsWithoutRef<"table">) {
  return (
    <div className="my-6 overflow-x-auto" role="region" aria-label="Table" tabIndex={0}>
      <table {...props} className="my-0" />
    </div>
  );
}

/** The one typed map of what MDX content may use. */
export const mdxComponents = {
  Callout,
  Figure,
  Cite,
  SkinDepth,
  NeedleChart,
  PigmentGuide,
  HairlineShapes,
  RemovalPlanner,
  AftercareTimeline,
  table: Table,
} satisfies MdxComponentMap;
