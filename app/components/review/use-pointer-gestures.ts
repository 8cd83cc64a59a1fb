import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from "react";
import type { ViewportControls } from "~/components/review/use-viewport";
import { isClick, panBy, pinchView, wheelZoomFactor, zoomAt, type Point, type Size, type ViewState } from "~/components/review/viewer-math";

type Gesture =
  { kind: "press"; start: Point; startView: ViewState; moved: boolean } | { kind: "pinch"; startDistance: number; startMid: Point; startView: ViewState };

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * Mouse, touch and wheel input on the viewport: drag pans, two fingers pinch-zoom, the wheel
 * zooms about the cursor (a native non-passive listener, so the page does not scroll), and a
 * press that barely moved is a click, passed to `onClick` at its viewport point. Presses on
 * buttons inside the viewport (pins) are left to them. Returns the pointer handlers for the
 * viewport element; `endPointer` takes whether the press completed (pointerup) or was abandoned.
 */
export function usePointerGestures(controls: ViewportControls, image: Size | null, onClick: (point: Point) => void) {
  const { viewportRef, viewport, readView, commit, applyZoom } = controls;
  const hasPhoto = image !== null;
  const pointersRef = useRef(new Map<number, Point>());
  const gestureRef = useRef<Gesture | null>(null);

  function localPoint(event: { clientX: number; clientY: number }): Point | null {
    const element = viewportRef.current;
    if (!element) return null;
    const rect = element.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function startGesture() {
    const current = readView();
    const points = [...pointersRef.current.values()];
    const [a, b] = points;
    if (!current || !a) {
      gestureRef.current = null;
    } else if (b) {
      gestureRef.current = {
        kind: "pinch",
        startDistance: Math.max(1, distance(a, b)),
        startMid: midpoint(a, b),
        startView: current,
      };
    } else {
      // Only the first finger of a gesture can make a click; after a pinch it is always a pan.
      const moved = gestureRef.current !== null;
      gestureRef.current = { kind: "press", start: a, startView: current, moved };
    }
  }

  function handleWheel(event: WheelEvent) {
    if (event.deltaY === 0 || !viewport) return;
    event.preventDefault();
    const point = localPoint(event);
    if (!point) return;
    const factor = wheelZoomFactor(event.deltaY, event.deltaMode, event.ctrlKey, viewport.height);
    applyZoom((current, vp, img) => zoomAt(current, factor, point, vp, img), { always: false });
  }

  // React attaches wheel listeners as passive, so preventDefault (to stop the page scrolling)
  // needs a native listener. It calls the latest handler through a ref.
  const wheelHandlerRef = useRef(handleWheel);
  useEffect(() => {
    wheelHandlerRef.current = handleWheel;
  });
  useEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const listener = (event: WheelEvent) => wheelHandlerRef.current(event);
    element.addEventListener("wheel", listener, { passive: false });
    return () => element.removeEventListener("wheel", listener);
  }, [hasPhoto, viewportRef]);

  function handlePointerDown(event: ReactPointerEvent<HTMLDivElement>) {
    if (!viewport) return;
    if (event.pointerType === "mouse" && event.button !== 0) return;
    // Pins are buttons with their own click; pressing one neither pans nor drops a pin.
    if (event.target instanceof Element && event.target.closest("button")) return;
    const pointers = pointersRef.current;
    if (pointers.size >= 2) return;
    const point = localPoint(event);
    if (!point) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, point);
    if (pointers.size === 1) gestureRef.current = null;
    startGesture();
  }

  function handlePointerMove(event: ReactPointerEvent<HTMLDivElement>) {
    const pointers = pointersRef.current;
    const gesture = gestureRef.current;
    if (!gesture || !pointers.has(event.pointerId) || !viewport || !image) return;
    const point = localPoint(event);
    if (!point) return;
    pointers.set(event.pointerId, point);

    if (gesture.kind === "pinch") {
      const [a, b] = [...pointers.values()];
      if (!a || !b) return;
      const factor = distance(a, b) / gesture.startDistance;
      // Announced only when the scale changed, not for a two-finger pan.
      applyZoom((_current, vp, img) => pinchView(gesture.startView, gesture.startMid, midpoint(a, b), factor, vp, img), { always: false });
      return;
    }

    const dx = point.x - gesture.start.x;
    const dy = point.y - gesture.start.y;
    if (!gesture.moved && isClick(dx, dy)) return;
    gesture.moved = true;
    commit(panBy(gesture.startView, dx, dy, viewport, image));
  }

  function endPointer(event: ReactPointerEvent<HTMLDivElement>, completed: boolean) {
    const pointers = pointersRef.current;
    if (!pointers.delete(event.pointerId)) return;
    const gesture = gestureRef.current;
    if (completed && gesture?.kind === "press" && !gesture.moved) {
      const point = localPoint(event);
      if (point) onClick(point);
    }
    if (pointers.size === 0) gestureRef.current = null;
    else startGesture();
  }

  return { handlePointerDown, handlePointerMove, endPointer };
}
