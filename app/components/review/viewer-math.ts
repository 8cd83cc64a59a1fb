/*
 * Geometry for the photo viewer, kept free of React and the DOM so it can be tested alone.
 *
 * Coordinates: the viewport is measured in CSS pixels from its top-left corner; the image in its
 * own pixels (photo.width × photo.height). A ViewState says where the image sits: `scale` is CSS
 * pixels per image pixel (1 is 1:1) and (x, y) is where the image's top-left corner lands in the
 * viewport. A screen point p shows image pixel ((p.x − x) / scale, (p.y − y) / scale).
 * Pins are stored as fractions 0–1 of the image's width and height, so they survive resizing.
 */

export type Size = { width: number; height: number };
export type Point = { x: number; y: number };
export type ViewState = { scale: number; x: number; y: number };

/** The largest zoom, as a multiple of 1:1 (one image pixel per CSS pixel). */
export const MAX_ZOOM = 8;
/** A press that moves less than this (CSS px) is a click, not a drag. */
export const CLICK_SLOP_PX = 4;
/** Zoom factor for one press of a zoom button or key. */
export const ZOOM_STEP = 1.5;
/** How far an arrow key pans (CSS px); with Shift, the larger step. */
export const PAN_STEP_PX = 40;
export const LARGE_PAN_STEP_PX = 200;

// Relative tolerance for "this scale is the fit scale": fit is a division, so equality is fragile.
const FIT_TOLERANCE = 1e-6;
// Wheel sensitivity per CSS pixel of scroll; trackpad pinches arrive as small ctrl+wheel deltas.
const WHEEL_ZOOM_PER_PX = 0.002;
const PINCH_WHEEL_ZOOM_PER_PX = 0.01;
const WHEEL_LINE_PX = 16;
// One wheel event never zooms more than 2× either way, so a page-mode or fast flick stays usable.
const MAX_WHEEL_FACTOR = 2;

function assertSize(name: string, size: Size): void {
  if (!(size.width > 0) || !(size.height > 0) || !Number.isFinite(size.width) || !Number.isFinite(size.height)) {
    throw new RangeError(`${name} must have a positive, finite width and height, got ${size.width}×${size.height}`);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Centre of the viewport, where the zoom buttons and keys zoom about and the crosshair sits. */
export function viewportCentre(viewport: Size): Point {
  return { x: viewport.width / 2, y: viewport.height / 2 };
}

/**
 * The scale at which the whole image just fits the viewport. Throws a RangeError for an empty
 * or non-finite viewport or image.
 */
export function fitScale(viewport: Size, image: Size): number {
  assertSize("viewport", viewport);
  assertSize("image", image);
  return Math.min(viewport.width / image.width, viewport.height / image.height);
}

/**
 * The allowed scale range: from fit up to MAX_ZOOM × 1:1. An image so small that fit is already
 * beyond MAX_ZOOM gets the single scale `fit`.
 */
export function scaleLimits(viewport: Size, image: Size): { min: number; max: number } {
  const min = fitScale(viewport, image);
  return { min, max: Math.max(min, MAX_ZOOM) };
}

/** Keeps a scale inside scaleLimits; NaN becomes the fit scale. */
export function clampScale(scale: number, viewport: Size, image: Size): number {
  const { min, max } = scaleLimits(viewport, image);
  if (Number.isNaN(scale)) return min;
  return clamp(scale, min, max);
}

function clampAxis(offset: number, content: number, room: number): number {
  // Smaller than the viewport on this axis: centre it. Larger: no gap may open at either edge.
  if (content <= room) return (room - content) / 2;
  return clamp(offset, room - content, 0);
}

/**
 * Clamps the pan so the image can never leave the viewport: on an axis where the scaled image is
 * smaller than the viewport it is centred, otherwise it always covers the viewport on that axis.
 * The scale is left as given.
 */
export function clampPan(state: ViewState, viewport: Size, image: Size): ViewState {
  assertSize("viewport", viewport);
  assertSize("image", image);
  return {
    scale: state.scale,
    x: clampAxis(state.x, image.width * state.scale, viewport.width),
    y: clampAxis(state.y, image.height * state.scale, viewport.height),
  };
}

/** The whole image visible and centred. */
export function fitView(viewport: Size, image: Size): ViewState {
  return clampPan({ scale: fitScale(viewport, image), x: 0, y: 0 }, viewport, image);
}

/** True when the state shows the image at the fit scale (within a rounding tolerance). */
export function isFitView(state: ViewState, viewport: Size, image: Size): boolean {
  const fit = fitScale(viewport, image);
  return Math.abs(state.scale - fit) <= fit * FIT_TOLERANCE;
}

/** True when the state is at the largest allowed scale. */
export function isMaxZoom(state: ViewState, viewport: Size, image: Size): boolean {
  const { max } = scaleLimits(viewport, image);
  return state.scale >= max * (1 - FIT_TOLERANCE);
}

/**
 * Sets the scale (clamped) while keeping the image point under `point` where it is, then clamps
 * the pan. Near an edge the clamp may move that point a little so no gap opens.
 */
export function zoomTo(state: ViewState, scale: number, point: Point, viewport: Size, image: Size): ViewState {
  const next = clampScale(scale, viewport, image);
  const ratio = next / state.scale;
  return clampPan(
    {
      scale: next,
      x: point.x - (point.x - state.x) * ratio,
      y: point.y - (point.y - state.y) * ratio,
    },
    viewport,
    image,
  );
}

/** Multiplies the scale by `factor` about `point` (a wheel's cursor, a pinch's midpoint). */
export function zoomAt(state: ViewState, factor: number, point: Point, viewport: Size, image: Size): ViewState {
  return zoomTo(state, state.scale * factor, point, viewport, image);
}

/** 1:1, one image pixel per CSS pixel, about the viewport centre. */
export function actualSizeView(state: ViewState, viewport: Size, image: Size): ViewState {
  return zoomTo(state, 1, viewportCentre(viewport), viewport, image);
}

/** Moves the image by (dx, dy) CSS px on screen, clamped. */
export function panBy(state: ViewState, dx: number, dy: number, viewport: Size, image: Size): ViewState {
  return clampPan({ scale: state.scale, x: state.x + dx, y: state.y + dy }, viewport, image);
}

/**
 * A two-finger pinch: from the state when the pinch began, zoom by `factor` (current finger
 * distance over starting distance) about the starting midpoint, then follow the midpoint as it
 * moves, so the image point between the fingers stays between them.
 */
export function pinchView(start: ViewState, startMid: Point, mid: Point, factor: number, viewport: Size, image: Size): ViewState {
  const scale = clampScale(start.scale * factor, viewport, image);
  const ratio = scale / start.scale;
  return clampPan(
    {
      scale,
      x: mid.x - (startMid.x - start.x) * ratio,
      y: mid.y - (startMid.y - start.y) * ratio,
    },
    viewport,
    image,
  );
}

/**
 * The image point under a viewport point, as fractions 0–1 of the image's width and height, or
 * null when the point is outside the viewport or on the empty space beside the image.
 */
export function screenToImage(point: Point, state: ViewState, viewport: Size, image: Size): Point | null {
  if (point.x < 0 || point.y < 0 || point.x > viewport.width || point.y > viewport.height) return null;
  const x = (point.x - state.x) / (image.width * state.scale);
  const y = (point.y - state.y) / (image.height * state.scale);
  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) return null;
  return { x, y };
}

/** Where an image point (fractions 0–1) appears in the viewport, in CSS px; may be off-screen. */
export function imageToScreen(point: Point, state: ViewState, image: Size): Point {
  return {
    x: state.x + point.x * image.width * state.scale,
    y: state.y + point.y * image.height * state.scale,
  };
}

/** True when a viewport point lies at least `margin` px inside the viewport's edges. */
export function isInsideViewport(point: Point, viewport: Size, margin = 0): boolean {
  return point.x >= margin && point.y >= margin && point.x <= viewport.width - margin && point.y <= viewport.height - margin;
}

/** Pans (at the same scale) so an image point (fractions 0–1) is as near the centre as the clamp allows. */
export function centreOn(point: Point, state: ViewState, viewport: Size, image: Size): ViewState {
  const centre = viewportCentre(viewport);
  return clampPan(
    {
      scale: state.scale,
      x: centre.x - point.x * image.width * state.scale,
      y: centre.y - point.y * image.height * state.scale,
    },
    viewport,
    image,
  );
}

/**
 * Carries a view across a viewport resize: a fitted view stays fitted; otherwise the same scale
 * (clamped to the new limits) with the same image point at the centre.
 */
export function resizeView(state: ViewState, from: Size, to: Size, image: Size): ViewState {
  if (isFitView(state, from, image)) return fitView(to, image);
  const shifted = {
    scale: state.scale,
    x: state.x + (to.width - from.width) / 2,
    y: state.y + (to.height - from.height) / 2,
  };
  return zoomTo(shifted, state.scale, viewportCentre(to), to, image);
}

/** The scale as a whole percentage of 1:1, for the readout and announcements. */
export function zoomPercent(scale: number): number {
  return Math.round(scale * 100);
}

/** True when a press that moved (dx, dy) counts as a click rather than a drag. */
export function isClick(dx: number, dy: number): boolean {
  return Math.hypot(dx, dy) < CLICK_SLOP_PX;
}

/**
 * The zoom factor for one wheel event: scrolling down (positive deltaY) zooms out. deltaMode is
 * the WheelEvent's (0 pixels, 1 lines, 2 pages); ctrlKey marks a trackpad pinch, which sends small
 * deltas. The result stays within ½–2.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, ctrlKey: boolean, pageHeight: number): number {
  const px = deltaMode === 1 ? deltaY * WHEEL_LINE_PX : deltaMode === 2 ? deltaY * pageHeight : deltaY;
  const factor = Math.exp(-px * (ctrlKey ? PINCH_WHEEL_ZOOM_PER_PX : WHEEL_ZOOM_PER_PX));
  if (Number.isNaN(factor)) return 1;
  return clamp(factor, 1 / MAX_WHEEL_FACTOR, MAX_WHEEL_FACTOR);
}

export type ViewerCommand =
  | { kind: "zoom-in" }
  | { kind: "zoom-out" }
  | { kind: "fit" }
  | { kind: "actual-size" }
  /** Moves the image on screen by (dx, dy) px: ArrowRight moves it left, to show more of its right. */
  | { kind: "pan"; dx: number; dy: number }
  | { kind: "drop-pin" };

/** The viewer command for a KeyboardEvent.key on the focused viewport, or null for other keys. */
export function keyToCommand(key: string, shiftKey: boolean): ViewerCommand | null {
  const step = shiftKey ? LARGE_PAN_STEP_PX : PAN_STEP_PX;
  switch (key) {
    case "+":
    case "=":
      return { kind: "zoom-in" };
    case "-":
      return { kind: "zoom-out" };
    case "0":
      return { kind: "fit" };
    case "1":
      return { kind: "actual-size" };
    case "ArrowLeft":
      return { kind: "pan", dx: step, dy: 0 };
    case "ArrowRight":
      return { kind: "pan", dx: -step, dy: 0 };
    case "ArrowUp":
      return { kind: "pan", dx: 0, dy: step };
    case "ArrowDown":
      return { kind: "pan", dx: 0, dy: -step };
    case "Enter":
      return { kind: "drop-pin" };
    default:
      return null;
  }
}
