import { createContext, useContext, useMemo, useState, type MouseEvent, type ReactNode } from "react";

export type PageSource = { key: string; citation: string; url?: string; kind: string };
export const SourcesContext = createContext<PageSource[]>([]);
export const useSources = () => useContext(SourcesContext);

/** The citation a reader last followed: which source, the id of the citation, and whether they went back to it. */
export type CitationJump = { source: string; from: string; back: boolean };

type Trail = {
  jump: CitationJump | null;
  /** Click handler of a citation: to its source, remembering the citation. */
  toSource: (event: MouseEvent<HTMLAnchorElement>, source: string, from: string) => void;
  /** Click handler of "Back to text": to the citation followed last. */
  backToText: (event: MouseEvent<HTMLAnchorElement>) => void;
};

const CitationTrailContext = createContext<Trail>({ jump: null, toSource: () => {}, backToText: () => {} });
export const useCitationTrail = () => useContext(CitationTrailContext);

const plainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/** Scrolls to an element and gives it focus, so the keyboard and screen readers carry on from there. */
function arriveAt(id: string, block: ScrollLogicalPosition) {
  const element = document.getElementById(id);
  if (!element) return;
  element.scrollIntoView({ block });
  element.focus({ preventScroll: true });
  // The address says where the reader is (a reload lands there), without a history entry the
  // router would restore a stale scroll position for.
  window.history.replaceState(window.history.state, "", `#${id}`);
}

/**
 * Remembers the citation a reader followed, so its source is highlighted and offers "Back to text"
 * to that very citation. Wraps both the module's text and its source list. Without script the
 * links are plain fragment links and `:target` does the highlighting.
 */
export function CitationTrail({ children }: { children: ReactNode }) {
  const [jump, setJump] = useState<CitationJump | null>(null);
  const value = useMemo<Trail>(
    () => ({
      jump,
      toSource: (event, source, from) => {
        if (!plainClick(event)) return;
        event.preventDefault();
        setJump({ source, from, back: false });
        arriveAt(`source-${source}`, "start");
      },
      backToText: (event) => {
        if (!jump || !plainClick(event)) return;
        event.preventDefault();
        setJump({ ...jump, back: true });
        arriveAt(jump.from, "center");
      },
    }),
    [jump],
  );
  return <CitationTrailContext.Provider value={value}>{children}</CitationTrailContext.Provider>;
}
