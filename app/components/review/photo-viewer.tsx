import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from "react";
import {
  actualSizeView,
  centreOn,
  fitView,
  imageToScreen,
  isClick,
  isFitView,
  isInsideViewport,
  isMaxZoom,
  keyToCommand,
  panBy,
  pinchView,
  resizeView,
  screenToImage,
  viewportCentre,
  wheelZoomFactor,
  zoomAt,
  zoomPercent,
  ZOOM_STEP,
  type Point,
  type Size,
  type ViewerCommand,
  type ViewState,
} from "~/components/review/viewer-math";

export type ViewerPhoto = { id: string; url: string; thumbUrl: string; width: number; height: number; alt: string };
export type ViewerPin = {
  id: string;
  photoId: string;
  number: number;
  x: number;
  y: number;
  comment: string;
  criterionTitle?: string | null;
};

export type PhotoViewerProps = {
  photos: ViewerPhoto[];
  pins: ViewerPin[];
  /** When set, clicking (or pressing Enter on the focused image at the keyboard crosshair) drops a pin at that point (x, y as fractions 0–1 of the image). */
  onAddPin?: (photoId: string, x: number, y: number) => void;
  selectedPinId?: string | null;
  onSelectPin?: (pinId: string) => void;
  /** Controlled current photo (optional); otherwise internal state. */
  photoId?: string;
  onPhotoChange?: (photoId: string) => void;
  /** Accessible name of the viewer region. */
  label?: string;
};

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2";

const CONTROL_BUTTON = `inline-flex min-h-11 items-center justify-center rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium text-stone-900 transition-colors hover:bg-stone-100 aria-disabled:cursor-not-allowed aria-disabled:text-stone-400 aria-disabled:hover:bg-white ${FOCUS_RING}`;

// Before the viewport is measured (server render, first client render) layout assumes this size.
// Its 4:3 shape must match the viewport's `aspect-[4/3]` class: fit positions are then the same
// fractions of the real viewport, so pins land in the right place before any measurement.
const NOMINAL_VIEWPORT: Size = { width: 800, height: 600 };

// Wheel and pinch zoom continuously; only the level they settle on is announced.
const ANNOUNCE_DELAY_MS = 400;
// A focused or selected pin closer than this to the viewport's edge is panned towards the centre.
const REVEAL_MARGIN_PX = 24;

// `epoch` counts photo switches: a view stored before the latest switch is stale, even when the
// viewer has come back to the photo it belonged to.
type StoredView = { epoch: number; image: Size; viewport: Size; state: ViewState };

type Gesture =
  { kind: "press"; start: Point; startView: ViewState; moved: boolean } | { kind: "pinch"; startDistance: number; startMid: Point; startView: ViewState };

function imageSizeOf(photo: ViewerPhoto): Size {
  // A photo without usable dimensions still renders (as a square) instead of dividing by zero.
  const ok = (n: number) => Number.isFinite(n) && n > 0;
  return ok(photo.width) && ok(photo.height) ? { width: photo.width, height: photo.height } : { width: 1, height: 1 };
}

function sameSize(a: Size, b: Size): boolean {
  return a.width === b.width && a.height === b.height;
}

function deriveView(stored: StoredView | null, epoch: number, image: Size, viewport: Size): ViewState {
  // A photo starts at fit every time it is shown.
  if (!stored || stored.epoch !== epoch || !sameSize(stored.image, image)) return fitView(viewport, image);
  if (sameSize(stored.viewport, viewport)) return stored.state;
  return resizeView(stored.state, stored.viewport, viewport, image);
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function zoomMessage(state: ViewState, viewport: Size, image: Size): string {
  const extra = isFitView(state, viewport, image) ? ", whole photo" : isMaxZoom(state, viewport, image) ? ", maximum" : "";
  return `Zoom ${zoomPercent(state.scale)}%${extra}`;
}

function isFocusVisible(element: Element): boolean {
  try {
    return element.matches(":focus-visible");
  } catch {
    return true; // a browser without :focus-visible: reveal, as for the keyboard
  }
}

function Key({ children }: { children: string }) {
  return <kbd className="rounded border border-stone-300 bg-stone-50 px-1 font-mono text-xs text-stone-900">{children}</kbd>;
}

function pinLabel(pin: ViewerPin): string {
  const comment = pin.comment.trim() || "no comment yet";
  const criterion = pin.criterionTitle ? ` (${pin.criterionTitle})` : "";
  return `Pin ${pin.number}: ${comment}${criterion}`;
}

/**
 * Zoomable, pannable photo viewer with numbered pins and a thumbnail strip, for reviewing
 * practical-work photos. Renders the same markup on the server and on first client render; the
 * viewport is measured in an effect.
 */
export function PhotoViewer({ photos, pins, onAddPin, selectedPinId = null, onSelectPin, photoId, onPhotoChange, label = "Photo viewer" }: PhotoViewerProps) {
  const uid = useId().replace(/:/g, "");
  const helpId = `${uid}-help`;

  const [internalPhotoId, setInternalPhotoId] = useState<string | undefined>(() => photos[0]?.id);
  const requestedId = photoId ?? internalPhotoId;
  const foundIndex = photos.findIndex((p) => p.id === requestedId);
  const photoIndex = foundIndex === -1 ? 0 : foundIndex;
  const photo: ViewerPhoto | undefined = photos[photoIndex];
  const image = photo ? imageSizeOf(photo) : null;
  const hasPhoto = photo !== undefined;

  // Adjusting state during render (rather than in an effect) means the new photo's first paint
  // is already at fit, whether the switch came from the strip or from a controlled `photoId`.
  const [shown, setShown] = useState({ photoId: photo?.id, epoch: 0 });
  if (shown.photoId !== photo?.id) setShown({ photoId: photo?.id, epoch: shown.epoch + 1 });
  const epoch = shown.photoId === photo?.id ? shown.epoch : shown.epoch + 1;

  const viewportRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Size | null>(null);
  const [stored, setStored] = useState<StoredView | null>(null);
  // Mirrors `stored` synchronously, so several events between two renders build on each other.
  const storedRef = useRef<StoredView | null>(null);
  const pointersRef = useRef(new Map<number, Point>());
  const gestureRef = useRef<Gesture | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const announceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

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

  useEffect(
    () => () => {
      if (announceTimer.current) clearTimeout(announceTimer.current);
    },
    [],
  );

  function announce(message: string) {
    // A repeated message would not change the live region, so it would not be read again.
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }

  function announceSoon(message: string) {
    if (announceTimer.current) clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => {
      announceTimer.current = null;
      announce(message);
    }, ANNOUNCE_DELAY_MS);
  }

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

  function applyZoom(change: (current: ViewState, viewport: Size, image: Size) => ViewState, { always = true } = {}) {
    const current = readView();
    if (!current || !viewport || !image) return;
    const next = change(current, viewport, image);
    commit(next);
    if (always || next.scale !== current.scale) announceSoon(zoomMessage(next, viewport, image));
  }

  function zoomBy(factor: number) {
    applyZoom((current, vp, img) => zoomAt(current, factor, viewportCentre(vp), vp, img));
  }

  function dropPinAt(point: Point, source: "pointer" | "keyboard") {
    const current = readView();
    if (!onAddPin || !photo || !image || !viewport || !current) return;
    const at = screenToImage(point, current, viewport, image);
    if (!at) {
      if (source === "keyboard") announce("The crosshair is outside the photo: no pin dropped");
      return;
    }
    onAddPin(photo.id, at.x, at.y);
    announce(`Pin dropped ${percent(at.x)} across, ${percent(at.y)} down`);
  }

  function runCommand(command: ViewerCommand) {
    switch (command.kind) {
      case "zoom-in":
        return zoomBy(ZOOM_STEP);
      case "zoom-out":
        return zoomBy(1 / ZOOM_STEP);
      case "fit":
        return applyZoom((_current, vp, img) => fitView(vp, img));
      case "actual-size":
        return applyZoom(actualSizeView);
      case "pan": {
        const current = readView();
        if (current && viewport && image) commit(panBy(current, command.dx, command.dy, viewport, image));
        return;
      }
      case "drop-pin":
        if (viewport) dropPinAt(viewportCentre(viewport), "keyboard");
        return;
    }
  }

  function selectPhoto(id: string) {
    setInternalPhotoId(id);
    onPhotoChange?.(id);
  }

  function revealPin(pin: ViewerPin) {
    const current = readView();
    if (!current || !viewport || !image) return;
    const at = imageToScreen(pin, current, image);
    if (isInsideViewport(at, viewport, REVEAL_MARGIN_PX)) return;
    commit(centreOn(pin, current, viewport, image));
  }

  // A pin selected from outside (say, a comment list) is brought into view, on its own photo.
  // Starting from undefined lets a pin selected on first render open its photo too.
  const lastSelectedRef = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (selectedPinId === lastSelectedRef.current) return;
    lastSelectedRef.current = selectedPinId;
    const pin = selectedPinId ? pins.find((p) => p.id === selectedPinId) : undefined;
    if (!pin || !photo) return;
    if (pin.photoId !== photo.id) {
      if (photos.some((p) => p.id === pin.photoId)) selectPhoto(pin.photoId);
      return;
    }
    revealPin(pin);
  });

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
  }, [hasPhoto]);

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
      const next = pinchView(gesture.startView, gesture.startMid, midpoint(a, b), factor, viewport, image);
      const before = readView();
      commit(next);
      if (before && before.scale !== next.scale) announceSoon(zoomMessage(next, viewport, image));
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
      if (point) dropPinAt(point, "pointer");
    }
    if (pointers.size === 0) gestureRef.current = null;
    else startGesture();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys pressed on a pin belong to the pin (Enter selects it).
    if (event.target !== event.currentTarget) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const command = keyToCommand(event.key, event.shiftKey);
    if (!command || (command.kind === "drop-pin" && !onAddPin)) return;
    event.preventDefault();
    runCommand(command);
  }

  if (!photo || !image || !view) {
    return (
      <section aria-label={label} className="rounded-lg border border-stone-200 bg-stone-50 p-4">
        <p className="text-sm text-stone-700">No photos to show.</p>
      </section>
    );
  }

  const measured = viewport !== null;
  const atFit = isFitView(view, layoutViewport, image);
  const atMax = isMaxZoom(view, layoutViewport, image);
  const photoPins = pins.filter((pin) => pin.photoId === photo.id).sort((a, b) => a.number - b.number);
  const pinCounts = new Map<string, number>();
  for (const pin of pins) pinCounts.set(pin.photoId, (pinCounts.get(pin.photoId) ?? 0) + 1);

  return (
    <section aria-label={label} className="flex min-w-0 flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Zoom" className="flex flex-wrap gap-2">
          <button type="button" className={CONTROL_BUTTON} aria-disabled={atFit} onClick={() => zoomBy(1 / ZOOM_STEP)}>
            Zoom out
          </button>
          <button type="button" className={CONTROL_BUTTON} aria-disabled={atMax} onClick={() => zoomBy(ZOOM_STEP)}>
            Zoom in
          </button>
          <button type="button" className={CONTROL_BUTTON} onClick={() => runCommand({ kind: "fit" })}>
            Fit
          </button>
          <button type="button" className={CONTROL_BUTTON} aria-label="1:1 (actual pixels)" onClick={() => runCommand({ kind: "actual-size" })}>
            1:1
          </button>
        </div>
        <p className="text-sm tabular-nums text-stone-700">
          <span className="sr-only">Current zoom: </span>
          {zoomPercent(view.scale)}%
        </p>
      </div>

      {/*
        eslint-disable jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/no-noninteractive-tabindex --
        A pan-and-zoom surface is the case role="application" exists for: screen readers pass the
        keys through, and jsx-a11y does not count the role as interactive.
      */}
      <div
        ref={viewportRef}
        role="application"
        aria-roledescription="photo viewer"
        aria-label={`Photo ${photoIndex + 1} of ${photos.length}: ${photo.alt}`}
        aria-describedby={helpId}
        tabIndex={0}
        onKeyDown={handleKeyDown}
        onPointerDown={handlePointerDown}
        onPointerMove={handlePointerMove}
        onPointerUp={(event) => endPointer(event, true)}
        onPointerCancel={(event) => endPointer(event, false)}
        onLostPointerCapture={(event) => endPointer(event, false)}
        // Focusing an off-screen pin would scroll this overflow-hidden box and break the
        // transform maths; pins are revealed by panning instead.
        onScroll={(event) => {
          event.currentTarget.scrollLeft = 0;
          event.currentTarget.scrollTop = 0;
        }}
        className={`group relative aspect-[4/3] w-full touch-none select-none overflow-hidden rounded-lg bg-stone-800 ring-1 ring-stone-300 ${
          onAddPin ? "cursor-crosshair" : "cursor-grab active:cursor-grabbing"
        } ${FOCUS_RING}`}
      >
        {/* eslint-enable jsx-a11y/no-noninteractive-element-interactions, jsx-a11y/no-noninteractive-tabindex */}
        <img
          key={photo.id}
          src={photo.url}
          alt={photo.alt}
          width={image.width}
          height={image.height}
          draggable={false}
          decoding="async"
          className={
            measured
              ? "pointer-events-none absolute left-0 top-0 max-w-none origin-top-left"
              : "pointer-events-none absolute inset-0 h-full w-full object-contain"
          }
          style={
            measured
              ? {
                  width: image.width,
                  height: image.height,
                  transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
                }
              : undefined
          }
        />

        {photoPins.map((pin) => {
          const at = imageToScreen(pin, view, image);
          const selected = pin.id === selectedPinId;
          const name = pinLabel(pin);
          return (
            <button
              key={pin.id}
              type="button"
              aria-label={name}
              aria-pressed={selected}
              title={name}
              onClick={() => onSelectPin?.(pin.id)}
              onFocus={(event) => {
                // Keyboard focus only: a mouse click on a pin near the edge should not move the photo.
                if (isFocusVisible(event.currentTarget)) revealPin(pin);
              }}
              className={`absolute flex -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full border-2 font-semibold tabular-nums shadow-md transition-colors before:absolute before:-inset-2 ${FOCUS_RING} ${
                selected
                  ? "z-20 h-9 w-9 border-white bg-brand-800 text-sm text-white"
                  : "z-10 h-7 w-7 border-brand-700 bg-white text-xs text-brand-800 hover:bg-brand-100"
              }`}
              style={{
                left: `${(at.x / layoutViewport.width) * 100}%`,
                top: `${(at.y / layoutViewport.height) * 100}%`,
              }}
            >
              {pin.number}
            </button>
          );
        })}

        {onAddPin ? (
          <svg
            aria-hidden="true"
            viewBox="0 0 32 32"
            className="pointer-events-none absolute left-1/2 top-1/2 z-30 hidden h-8 w-8 -translate-x-1/2 -translate-y-1/2 group-focus-visible:block"
          >
            <path d="M16 2v11M16 19v11M2 16h11M19 16h11" className="stroke-white" strokeWidth={5} strokeLinecap="round" />
            <path d="M16 2v11M16 19v11M2 16h11M19 16h11" className="stroke-brand-800" strokeWidth={2} strokeLinecap="round" />
            <circle cx={16} cy={16} r={1.5} className="fill-brand-800" />
          </svg>
        ) : null}
      </div>

      <div id={helpId} className="space-y-1 text-sm leading-relaxed text-stone-700">
        {onAddPin ? (
          <p className="font-medium text-stone-900">Click the photo to drop a pin, or focus it and press Enter to drop one at the crosshair.</p>
        ) : null}
        <p>
          Drag to move around; scroll or pinch to zoom. With the photo focused: <Key>+</Key> and <Key>-</Key> zoom, <Key>0</Key> fits the whole photo,{" "}
          <Key>1</Key> shows actual pixels, and the arrow keys move (hold <Key>Shift</Key> for bigger steps).
        </p>
      </div>

      <p aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </p>

      {photos.length > 1 ? (
        <ul aria-label="Photos" className="flex gap-2 overflow-x-auto p-1">
          {photos.map((item, index) => {
            const isCurrent = item.id === photo.id;
            const count = pinCounts.get(item.id) ?? 0;
            return (
              <li key={item.id} className="shrink-0">
                <button
                  type="button"
                  aria-pressed={isCurrent}
                  onClick={() => {
                    if (!isCurrent) selectPhoto(item.id);
                  }}
                  className={`relative block overflow-hidden rounded-md border-2 ${FOCUS_RING} ${
                    isCurrent ? "border-brand-700" : "border-transparent hover:border-stone-400"
                  }`}
                >
                  <span className="sr-only">{`Photo ${index + 1}: `}</span>
                  <img src={item.thumbUrl} alt={item.alt} loading="lazy" draggable={false} className="block h-16 w-16 object-cover" />
                  {count > 0 ? (
                    <span className="absolute right-0.5 top-0.5 rounded-full bg-brand-800 px-1.5 text-xs font-semibold tabular-nums text-white">
                      <span className="sr-only">, </span>
                      {count}
                      <span className="sr-only">{count === 1 ? " pin" : " pins"}</span>
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
