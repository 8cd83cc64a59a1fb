import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { DropCrosshair, PinLayer } from "~/components/review/pin-layer";
import { PhotoStrip } from "~/components/review/photo-strip";
import { useAnnouncer } from "~/components/review/use-announcer";
import { usePointerGestures } from "~/components/review/use-pointer-gestures";
import { useViewport } from "~/components/review/use-viewport";
import {
  actualSizeView,
  centreOn,
  fitView,
  imageToScreen,
  isFitView,
  isInsideViewport,
  isMaxZoom,
  keyToCommand,
  panBy,
  screenToImage,
  viewportCentre,
  ZOOM_STEP,
  type Point,
  type Size,
  type ViewerCommand,
} from "~/components/review/viewer-math";
import { FOCUS_RING } from "~/components/review/viewer-styles";
import type { ViewerPhoto, ViewerPin } from "~/components/review/viewer-types";
import { ZoomControls } from "~/components/review/zoom-controls";

export type { ViewerPhoto, ViewerPin } from "~/components/review/viewer-types";

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

// A focused or selected pin closer than this to the viewport's edge is panned towards the centre.
const REVEAL_MARGIN_PX = 24;

function imageSizeOf(photo: ViewerPhoto): Size {
  // A photo without usable dimensions still renders (as a square) instead of dividing by zero.
  const ok = (n: number) => Number.isFinite(n) && n > 0;
  return ok(photo.width) && ok(photo.height) ? { width: photo.width, height: photo.height } : { width: 1, height: 1 };
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function Key({ children }: { children: string }) {
  return <kbd className="rounded border border-stone-300 bg-stone-50 px-1 font-mono text-xs text-stone-900">{children}</kbd>;
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

  const { announcement, announce, announceSoon } = useAnnouncer();
  const controls = useViewport(photo?.id, image, announceSoon);
  const { viewportRef, viewport, layoutViewport, view, readView, commit, applyZoom, zoomBy } = controls;

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

  const gestures = usePointerGestures(controls, image, (point) => dropPinAt(point, "pointer"));

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

  return (
    <section aria-label={label} className="flex min-w-0 flex-col gap-3">
      <ZoomControls atFit={isFitView(view, layoutViewport, image)} atMax={isMaxZoom(view, layoutViewport, image)} scale={view.scale} onCommand={runCommand} />

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
        onPointerDown={gestures.handlePointerDown}
        onPointerMove={gestures.handlePointerMove}
        onPointerUp={(event) => gestures.endPointer(event, true)}
        onPointerCancel={(event) => gestures.endPointer(event, false)}
        onLostPointerCapture={(event) => gestures.endPointer(event, false)}
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

        <PinLayer
          pins={pins}
          photoId={photo.id}
          view={view}
          image={image}
          viewport={layoutViewport}
          selectedPinId={selectedPinId}
          onSelectPin={onSelectPin}
          onRevealPin={revealPin}
        />

        {onAddPin ? <DropCrosshair /> : null}
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

      {photos.length > 1 ? <PhotoStrip photos={photos} pins={pins} currentId={photo.id} onSelect={selectPhoto} /> : null}
    </section>
  );
}
