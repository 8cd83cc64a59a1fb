import { Form } from "@remix-run/react";
import { useEffect, useState, useSyncExternalStore, type RefObject } from "react";
import { Button } from "~/components/ui/button";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

const noSubscription = () => () => {};

/** False while the server renders and the browser hydrates that render, true once the page runs. */
function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * Whether the reader has reached the end of the text: `end` (placed right after it) has been in
 * view, or they have stayed `dwellMs` on the page.
 */
function useReachedEnd(end: RefObject<HTMLElement | null>, dwellMs: number) {
  const [reached, setReached] = useState(false);
  useEffect(() => {
    if (reached) return;
    const timer = setTimeout(() => setReached(true), dwellMs);
    const target = end.current;
    // In view, not merely scrolled past: following a citation to the source list jumps over the
    // rest of the text, and that is not reading it.
    const observer =
      target && typeof IntersectionObserver !== "undefined"
        ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setReached(true))
        : null;
    if (target) observer?.observe(target);
    return () => {
      clearTimeout(timer);
      observer?.disconnect();
    };
  }, [end, dwellMs, reached]);
  return reached;
}

/**
 * "Mark complete", offered once the learner has read to the end of the module (or stayed a while).
 * Without script it is there from the start, at the end of the page. Give it `key={module}` so a
 * move to another module starts over.
 */
export function MarkComplete({ end, dwellMs }: { end: RefObject<HTMLElement | null>; dwellMs: number }) {
  const busy = useIsSubmitting();
  const hydrated = useHydrated();
  const reached = useReachedEnd(end, dwellMs);
  if (hydrated && !reached) {
    return (
      <p className="rounded-md bg-white p-4 text-stone-700 ring-1 ring-stone-200">“Mark complete” appears here once you have read to the end of the module.</p>
    );
  }
  return (
    <Form method="post" className="flex flex-wrap items-center gap-3 rounded-md bg-white p-4 ring-1 ring-stone-200">
      <p className="flex-1 text-stone-800">Finished reading? Mark the module complete to move your course progress on.</p>
      <Button type="submit" name="intent" value="complete" disabled={busy}>
        {busy ? "Saving…" : "Mark complete"}
      </Button>
    </Form>
  );
}
