import { useEffect, useRef, useState } from "react";
import { fitView, isFitView, isMaxZoom, resizeView, viewportCentre, zoomAt, zoomPercent, type Size, type ViewState } from "~/components/review/viewer-math";

// Before the viewport is measured (server render, first client render) layout assumes this size.
// Its 4:3 shape must match the viewport's `aspect-[4/3]` class: fit positions are then the same
// fractions of the real viewport, so pins land in the right place before any measurement.
const NOMINAL_VIEWPORT: Size = { width: 800, height: 600 };

// `epoch` counts photo switches: a view stored before the latest switch is stale, even when the
// viewer has come back to the photo it belonged to.
type StoredView = { epoch: number; image: Size; viewport: Size; state: ViewState };

/** Works out a new view from the current one, for this viewport and image. */
export type ViewChange = (current: ViewState, viewport: Size, image: Size) => ViewState;

function sameSize(a: Size, b: Size): boolean {
  return a.width === b.width && a.height === b.height;
}

function deriveView(stored: StoredView | null, epoch: number, image: Size, viewport: Size): ViewState {
  // A photo starts at fit every time it is shown.
  if (!stored || stored.epoch !== epoch || !sameSize(stored.image, image)) return fitView(viewport, image);
  if (sameSize(stored.viewport, viewport)) return stored.state;
  return resizeView(stored.state, stored.viewport, viewport, image);
}

function zoomMessage(state: ViewState, viewport: Size, image: Size): string {
  const extra = isFitView(state, viewport, image) ? ", whole photo" : isMaxZoom(state, viewport, image) ? ", maximum" : "";
  return `Zoom ${zoomPercent(state.scale)}%${extra}`;
}

/**
 * The zoom-and-pan state of the viewer's viewport for the photo `photoId` (of size `image`, or
 * null with no photo). Attach `viewportRef` to the viewport element; it is measured in an effect
 * and `viewport` stays null until then, while `layoutViewport` and `view` assume a nominal 4:3
 * size, so the server and the first client render agree. A photo starts at fit each time it is
 * shown. Zoom changes are announced through `announceSoon`.
 */
export function useViewport(photoId: string | undefined, image: Size | null, announceSoon: (message: string) => void) {
  const hasPhoto = image !== null;

  // Adjusting state during render (rather than in an effect) means the new photo's first paint
  // is already at fit, whether the switch came from the strip or from a controlled `photoId`.
  const [shown, setShown] = useState({ photoId, epoch: 0 });
  if (shown.photoId !== photoId) setShown({ photoId, epoch: shown.epoch + 1 });
  const epoch = shown.photoId === photoId ? shown.epoch : shown.epoch + 1;

  const viewportRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Size | null>(null);
  const [stored, setStored] = useState<StoredView | null>(null);
  // Mirrors `stored` synchronously, so several events between two renders build on each other.
  const storedRef = useRef<StoredView | null>(null);

  const layoutViewport = viewport ?? NOMINAL_VIEWPORT;
  const view = image ? deriveView(stored, epoch, image, layoutViewport) : null;

  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      if (rect.width <= 0 || rect.height <= 0) return;
      setViewport((previous) =>
        previous && previous.width === rect.width && previous.height === rect.height ? previous : { width: rect.width, height: rect.height },
      );
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasPhoto]);

  /** The latest view, including changes not rendered yet; null until the viewport is measured. */
  function readView(): ViewState | null {
    if (!image || !viewport) return null;
    return deriveView(storedRef.current, epoch, image, viewport);
  }

  function commit(state: ViewState) {
    if (!image || !viewport) return;
    const next: StoredView = { epoch, image, viewport, state };
    storedRef.current = next;
    setStored(next);
  }

  /** Applies a change to the view and announces the zoom level; with `always: false`, only when the scale changed. */
  function applyZoom(change: ViewChange, { always = true } = {}) {
    const current = readView();
    if (!current || !viewport || !image) return;
    const next = change(current, viewport, image);
    commit(next);
    if (always || next.scale !== current.scale) announceSoon(zoomMessage(next, viewport, image));
  }

  /** Zooms by `factor` about the viewport centre. */
  function zoomBy(factor: number) {
    applyZoom((current, vp, img) => zoomAt(current, factor, viewportCentre(vp), vp, img));
  }

  return { viewportRef, viewport, layoutViewport, view, readView, commit, applyZoom, zoomBy };
}

export type ViewportControls = ReturnType<typeof useViewport>;
