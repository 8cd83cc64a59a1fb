import { describe, expect, it } from "vitest";
import {
  CLICK_SLOP_PX,
  LARGE_PAN_STEP_PX,
  MAX_ZOOM,
  PAN_STEP_PX,
  actualSizeView,
  centreOn,
  clampPan,
  clampScale,
  fitScale,
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
  scaleLimits,
  screenToImage,
  viewportCentre,
  wheelZoomFactor,
  zoomAt,
  zoomPercent,
  zoomTo,
  type Point,
  type Size,
  type ViewState,
} from "~/components/review/viewer-math";

const VIEWPORT: Size = { width: 800, height: 600 };
// A wide phone photo (4:3 landscape is the viewport's own shape, so use something wider).
const WIDE: Size = { width: 4000, height: 2000 };
// A portrait phone photo.
const TALL: Size = { width: 3000, height: 4000 };

function expectPointClose(actual: Point | null, expected: Point, digits = 9) {
  expect(actual).not.toBeNull();
  expect(actual?.x).toBeCloseTo(expected.x, digits);
  expect(actual?.y).toBeCloseTo(expected.y, digits);
}

/** The image's on-screen rectangle for a state. */
function rectOf(state: ViewState, image: Size) {
  const left = state.x;
  const top = state.y;
  return { left, top, right: left + image.width * state.scale, bottom: top + image.height * state.scale };
}

/** The image point (fractions) under a screen point, without the viewport/image-bounds checks. */
function rawImagePoint(point: Point, state: ViewState, image: Size): Point {
  return {
    x: (point.x - state.x) / (image.width * state.scale),
    y: (point.y - state.y) / (image.height * state.scale),
  };
}

describe("fitScale and fitView", () => {
  it("fits a wide image to the viewport's width and centres it vertically", () => {
    expect(fitScale(VIEWPORT, WIDE)).toBeCloseTo(0.2, 12);
    const view = fitView(VIEWPORT, WIDE);
    expect(view.scale).toBeCloseTo(0.2, 12);
    const rect = rectOf(view, WIDE);
    expect(rect.left).toBeCloseTo(0, 9);
    expect(rect.right).toBeCloseTo(800, 9);
    // 2000 × 0.2 = 400 px tall in a 600 px viewport: 100 px bands above and below.
    expect(rect.top).toBeCloseTo(100, 9);
    expect(rect.bottom).toBeCloseTo(500, 9);
  });

  it("fits a tall image to the viewport's height and centres it horizontally", () => {
    expect(fitScale(VIEWPORT, TALL)).toBeCloseTo(0.15, 12);
    const rect = rectOf(fitView(VIEWPORT, TALL), TALL);
    expect(rect.top).toBeCloseTo(0, 9);
    expect(rect.bottom).toBeCloseTo(600, 9);
    // 3000 × 0.15 = 450 px wide in 800: 175 px either side.
    expect(rect.left).toBeCloseTo(175, 9);
    expect(rect.right).toBeCloseTo(625, 9);
  });

  it("fills the viewport exactly when the image has its shape", () => {
    const same: Size = { width: 1600, height: 1200 };
    const view = fitView(VIEWPORT, same);
    expect(view).toEqual({ scale: 0.5, x: 0, y: 0 });
  });

  it("enlarges an image smaller than the viewport", () => {
    expect(fitScale(VIEWPORT, { width: 200, height: 100 })).toBe(4);
  });

  it("rejects empty or non-finite sizes with a RangeError", () => {
    expect(() => fitScale({ width: 0, height: 600 }, WIDE)).toThrow(RangeError);
    expect(() => fitScale(VIEWPORT, { width: 4000, height: -1 })).toThrow(RangeError);
    expect(() => fitScale(VIEWPORT, { width: Number.NaN, height: 10 })).toThrow(RangeError);
    expect(() => fitScale(VIEWPORT, { width: Number.POSITIVE_INFINITY, height: 10 })).toThrow(RangeError);
  });

  it("recognises the fit view, also after a round trip through zooming", () => {
    const fit = fitView(VIEWPORT, WIDE);
    expect(isFitView(fit, VIEWPORT, WIDE)).toBe(true);
    const centre = viewportCentre(VIEWPORT);
    const back = zoomAt(zoomAt(fit, 3, centre, VIEWPORT, WIDE), 1 / 3, centre, VIEWPORT, WIDE);
    expect(isFitView(back, VIEWPORT, WIDE)).toBe(true);
    expect(isFitView(zoomAt(fit, 1.01, centre, VIEWPORT, WIDE), VIEWPORT, WIDE)).toBe(false);
  });
});

describe("scaleLimits and clampScale", () => {
  it("allows fit up to 8× of 1:1", () => {
    expect(MAX_ZOOM).toBe(8);
    const { min, max } = scaleLimits(VIEWPORT, WIDE);
    expect(min).toBeCloseTo(0.2, 12);
    expect(max).toBe(8);
    expect(clampScale(0.05, VIEWPORT, WIDE)).toBeCloseTo(0.2, 12);
    expect(clampScale(3, VIEWPORT, WIDE)).toBe(3);
    expect(clampScale(50, VIEWPORT, WIDE)).toBe(8);
  });

  it("turns NaN into the fit scale", () => {
    expect(clampScale(Number.NaN, VIEWPORT, WIDE)).toBeCloseTo(0.2, 12);
  });

  it("never lets the maximum fall below fit for a tiny image", () => {
    // A 50 px image needs 12× just to fit 600 px of height; it cannot be zoomed further.
    const tiny: Size = { width: 50, height: 50 };
    const { min, max } = scaleLimits(VIEWPORT, tiny);
    expect(min).toBe(12);
    expect(max).toBe(12);
    expect(clampScale(1, VIEWPORT, tiny)).toBe(12);
    expect(clampScale(100, VIEWPORT, tiny)).toBe(12);
  });
});

describe("clampPan", () => {
  it("centres an axis where the image is smaller than the viewport, whatever the pan asked for", () => {
    const fit = fitView(VIEWPORT, WIDE);
    const dragged = clampPan({ ...fit, x: -300, y: 900 }, VIEWPORT, WIDE);
    expect(dragged.x).toBeCloseTo(0, 9);
    expect(dragged.y).toBeCloseTo(100, 9);
    expect(dragged.scale).toBe(fit.scale);
  });

  it("keeps a zoomed image covering the viewport: no gap at any edge", () => {
    // At 1:1 the wide image is 4000 × 2000 px on screen.
    const right = clampPan({ scale: 1, x: 500, y: 500 }, VIEWPORT, WIDE);
    expect(right).toEqual({ scale: 1, x: 0, y: 0 });
    const farLeft = clampPan({ scale: 1, x: -10_000, y: -10_000 }, VIEWPORT, WIDE);
    expect(farLeft).toEqual({ scale: 1, x: 800 - 4000, y: 600 - 2000 });
    const inside = clampPan({ scale: 1, x: -1234, y: -567 }, VIEWPORT, WIDE);
    expect(inside).toEqual({ scale: 1, x: -1234, y: -567 });
  });

  it("treats the two axes separately", () => {
    // Scale 0.25: 1000 × 500 px, wider than the viewport but shorter.
    const view = clampPan({ scale: 0.25, x: 300, y: 0 }, VIEWPORT, WIDE);
    expect(view.x).toBe(0);
    expect(view.y).toBe(50);
  });
});

describe("zoomAt and zoomTo", () => {
  it("keeps the image point under the cursor where it was", () => {
    const start: ViewState = { scale: 1, x: -1500, y: -700 };
    const cursor: Point = { x: 230, y: 410 };
    const before = rawImagePoint(cursor, start, WIDE);
    const zoomed = zoomAt(start, 2, cursor, VIEWPORT, WIDE);
    expect(zoomed.scale).toBe(2);
    expectPointClose(rawImagePoint(cursor, zoomed, WIDE), before);
    const out = zoomAt(zoomed, 0.75, cursor, VIEWPORT, WIDE);
    expect(out.scale).toBeCloseTo(1.5, 12);
    expectPointClose(rawImagePoint(cursor, out, WIDE), before);
  });

  it("zooms about an off-centre cursor from fit, keeping that point still", () => {
    const fit = fitView(VIEWPORT, TALL);
    const cursor: Point = { x: 300, y: 200 };
    const before = screenToImage(cursor, fit, VIEWPORT, TALL);
    expect(before).not.toBeNull();
    const zoomed = zoomAt(fit, 4, cursor, VIEWPORT, TALL);
    expect(zoomed.scale).toBeCloseTo(0.6, 12);
    expectPointClose(screenToImage(cursor, zoomed, VIEWPORT, TALL), before ?? { x: 0, y: 0 });
  });

  it("clamps the scale at both ends", () => {
    const fit = fitView(VIEWPORT, WIDE);
    const centre = viewportCentre(VIEWPORT);
    expect(zoomAt(fit, 0.1, centre, VIEWPORT, WIDE)).toEqual(fit);
    const max = zoomAt(fit, 1000, centre, VIEWPORT, WIDE);
    expect(max.scale).toBe(MAX_ZOOM);
    expect(isMaxZoom(max, VIEWPORT, WIDE)).toBe(true);
    expect(isMaxZoom(zoomAt(max, 0.5, centre, VIEWPORT, WIDE), VIEWPORT, WIDE)).toBe(false);
    // Already at the top, zooming in changes nothing.
    expect(zoomAt(max, 2, centre, VIEWPORT, WIDE)).toEqual(max);
  });

  it("zooming out fully returns to the centred fit view, wherever it was panned", () => {
    const zoomed: ViewState = { scale: 2, x: -6000, y: -3000 };
    const back = zoomTo(zoomed, 0, { x: 10, y: 10 }, VIEWPORT, WIDE);
    const fit = fitView(VIEWPORT, WIDE);
    expect(back.scale).toBeCloseTo(fit.scale, 12);
    expect(back.x).toBeCloseTo(fit.x, 9);
    expect(back.y).toBeCloseTo(fit.y, 9);
  });

  it("pulls the view in at an edge instead of opening a gap", () => {
    // Zooming out about the top-left corner at 1:1 (image flush top-left) would drag the
    // image's top-left into the viewport at a scale where the image still covers it.
    const start: ViewState = { scale: 1, x: 0, y: 0 };
    const out = zoomAt(start, 0.5, { x: 800, y: 600 }, VIEWPORT, WIDE);
    expect(out.scale).toBe(0.5);
    expect(out.x).toBeLessThanOrEqual(0);
    expect(out.y).toBeLessThanOrEqual(0);
    const rect = rectOf(out, WIDE);
    expect(rect.right).toBeGreaterThanOrEqual(800);
    expect(rect.bottom).toBeGreaterThanOrEqual(600);
  });
});

describe("actualSizeView", () => {
  it("shows one image pixel per CSS pixel, keeping the centre's image point at the centre", () => {
    const fit = fitView(VIEWPORT, WIDE);
    const centre = viewportCentre(VIEWPORT);
    const before = screenToImage(centre, fit, VIEWPORT, WIDE);
    const one = actualSizeView(fit, VIEWPORT, WIDE);
    expect(one.scale).toBe(1);
    expect(zoomPercent(one.scale)).toBe(100);
    expectPointClose(screenToImage(centre, one, VIEWPORT, WIDE), before ?? { x: 0, y: 0 });
    // 100 image pixels apart are 100 CSS pixels apart.
    const a = imageToScreen({ x: 0.5, y: 0.5 }, one, WIDE);
    const b = imageToScreen({ x: 0.5 + 100 / WIDE.width, y: 0.5 }, one, WIDE);
    expect(b.x - a.x).toBeCloseTo(100, 9);
  });

  it("stays at fit for an image too small to show at 1:1 without going under fit", () => {
    const small: Size = { width: 200, height: 150 };
    const one = actualSizeView(fitView(VIEWPORT, small), VIEWPORT, small);
    expect(one.scale).toBe(4);
  });
});

describe("panBy", () => {
  it("moves the image by the drag distance while there is room", () => {
    const start: ViewState = { scale: 1, x: -1000, y: -500 };
    expect(panBy(start, 120, -80, VIEWPORT, WIDE)).toEqual({ scale: 1, x: -880, y: -580 });
  });

  it("stops at the image's edges", () => {
    const start: ViewState = { scale: 1, x: -100, y: -100 };
    expect(panBy(start, 5000, 5000, VIEWPORT, WIDE)).toEqual({ scale: 1, x: 0, y: 0 });
  });

  it("cannot move a fitted image", () => {
    const fit = fitView(VIEWPORT, WIDE);
    const moved = panBy(fit, 300, 300, VIEWPORT, WIDE);
    expect(moved.x).toBeCloseTo(fit.x, 9);
    expect(moved.y).toBeCloseTo(fit.y, 9);
  });
});

describe("pinchView", () => {
  it("zooms about the starting midpoint when the fingers only spread", () => {
    const start: ViewState = { scale: 1, x: -1500, y: -700 };
    const mid: Point = { x: 400, y: 250 };
    const before = rawImagePoint(mid, start, WIDE);
    const next = pinchView(start, mid, mid, 2, VIEWPORT, WIDE);
    expect(next.scale).toBe(2);
    expectPointClose(rawImagePoint(mid, next, WIDE), before);
  });

  it("carries the image point between the fingers along as the midpoint moves", () => {
    const start: ViewState = { scale: 1, x: -1500, y: -700 };
    const startMid: Point = { x: 400, y: 250 };
    const mid: Point = { x: 460, y: 210 };
    const before = rawImagePoint(startMid, start, WIDE);
    const next = pinchView(start, startMid, mid, 1.5, VIEWPORT, WIDE);
    expectPointClose(rawImagePoint(mid, next, WIDE), before);
  });

  it("respects the zoom limits", () => {
    const fit = fitView(VIEWPORT, WIDE);
    const mid = viewportCentre(VIEWPORT);
    expect(pinchView(fit, mid, mid, 0.2, VIEWPORT, WIDE).scale).toBeCloseTo(fit.scale, 12);
    expect(pinchView(fit, mid, mid, 1000, VIEWPORT, WIDE).scale).toBe(MAX_ZOOM);
  });
});

describe("screenToImage and imageToScreen", () => {
  it("maps the corners and centre of a fitted image to 0, 1 and ½", () => {
    const fit = fitView(VIEWPORT, WIDE);
    expectPointClose(screenToImage({ x: 0, y: 100 }, fit, VIEWPORT, WIDE), { x: 0, y: 0 });
    expectPointClose(screenToImage({ x: 800, y: 500 }, fit, VIEWPORT, WIDE), { x: 1, y: 1 });
    expectPointClose(screenToImage({ x: 400, y: 300 }, fit, VIEWPORT, WIDE), { x: 0.5, y: 0.5 });
  });

  it("returns null on the empty bands beside a fitted image", () => {
    const wideFit = fitView(VIEWPORT, WIDE);
    expect(screenToImage({ x: 400, y: 50 }, wideFit, VIEWPORT, WIDE)).toBeNull();
    expect(screenToImage({ x: 400, y: 550 }, wideFit, VIEWPORT, WIDE)).toBeNull();
    const tallFit = fitView(VIEWPORT, TALL);
    expect(screenToImage({ x: 100, y: 300 }, tallFit, VIEWPORT, TALL)).toBeNull();
    expect(screenToImage({ x: 700, y: 300 }, tallFit, VIEWPORT, TALL)).toBeNull();
    expect(screenToImage({ x: 400, y: 300 }, tallFit, VIEWPORT, TALL)).not.toBeNull();
  });

  it("returns null outside the viewport even where the zoomed image continues", () => {
    const zoomed: ViewState = { scale: 1, x: -1000, y: -500 };
    expect(screenToImage({ x: -1, y: 300 }, zoomed, VIEWPORT, WIDE)).toBeNull();
    expect(screenToImage({ x: 400, y: 601 }, zoomed, VIEWPORT, WIDE)).toBeNull();
    expect(screenToImage({ x: 400, y: 300 }, zoomed, VIEWPORT, WIDE)).not.toBeNull();
  });

  it("round-trips image → screen → image at several views", () => {
    const views: [ViewState, Size][] = [
      [fitView(VIEWPORT, WIDE), WIDE],
      [fitView(VIEWPORT, TALL), TALL],
      [{ scale: 1, x: -1000, y: -500 }, WIDE],
      [{ scale: 3.7, x: -5123.4, y: -9876.5 }, TALL],
    ];
    for (const [state, image] of views) {
      for (const point of [
        { x: 0.5, y: 0.5 },
        { x: 0.3, y: 0.71 },
      ]) {
        const screen = imageToScreen(point, state, image);
        if (!isInsideViewport(screen, VIEWPORT)) continue;
        expectPointClose(screenToImage(screen, state, VIEWPORT, image), point);
      }
    }
  });

  it("round-trips screen → image → screen for a point on the image", () => {
    const state: ViewState = { scale: 2.5, x: -3000, y: -1800 };
    const screen: Point = { x: 123.5, y: 456.25 };
    const image = screenToImage(screen, state, VIEWPORT, TALL);
    expect(image).not.toBeNull();
    if (image) expectPointClose(imageToScreen(image, state, TALL), screen);
  });

  it("places a point where it is on screen at 1:1", () => {
    // Image pixel (1200, 800) with the top-left at (−1000, −500) is on screen at (200, 300).
    const at = imageToScreen({ x: 1200 / 4000, y: 800 / 2000 }, { scale: 1, x: -1000, y: -500 }, WIDE);
    expect(at.x).toBeCloseTo(200, 9);
    expect(at.y).toBeCloseTo(300, 9);
  });
});

describe("isInsideViewport", () => {
  it("checks the edges with an optional margin", () => {
    expect(isInsideViewport({ x: 0, y: 0 }, VIEWPORT)).toBe(true);
    expect(isInsideViewport({ x: 800, y: 600 }, VIEWPORT)).toBe(true);
    expect(isInsideViewport({ x: 801, y: 300 }, VIEWPORT)).toBe(false);
    expect(isInsideViewport({ x: 10, y: 300 }, VIEWPORT, 24)).toBe(false);
    expect(isInsideViewport({ x: 30, y: 300 }, VIEWPORT, 24)).toBe(true);
  });
});

describe("centreOn", () => {
  it("brings an image point to the viewport centre when there is room", () => {
    const state: ViewState = { scale: 1, x: 0, y: 0 };
    const target = { x: 0.6, y: 0.5 };
    const next = centreOn(target, state, VIEWPORT, WIDE);
    expect(next.scale).toBe(1);
    expectPointClose(imageToScreen(target, next, WIDE), viewportCentre(VIEWPORT));
  });

  it("stops at the edge for a point near the image's corner, but still shows it", () => {
    const next = centreOn({ x: 0.99, y: 0.99 }, { scale: 1, x: 0, y: 0 }, VIEWPORT, WIDE);
    expect(next).toEqual({ scale: 1, x: 800 - 4000, y: 600 - 2000 });
    expect(isInsideViewport(imageToScreen({ x: 0.99, y: 0.99 }, next, WIDE), VIEWPORT)).toBe(true);
  });
});

describe("resizeView", () => {
  it("keeps a fitted view fitted", () => {
    const smaller: Size = { width: 360, height: 270 };
    const next = resizeView(fitView(VIEWPORT, WIDE), VIEWPORT, smaller, WIDE);
    expect(next).toEqual(fitView(smaller, WIDE));
  });

  it("keeps the scale and the image point at the centre when zoomed in", () => {
    const state: ViewState = { scale: 1, x: -1500, y: -700 };
    const before = rawImagePoint(viewportCentre(VIEWPORT), state, WIDE);
    const to: Size = { width: 600, height: 450 };
    const next = resizeView(state, VIEWPORT, to, WIDE);
    expect(next.scale).toBe(1);
    expectPointClose(rawImagePoint(viewportCentre(to), next, WIDE), before);
  });

  it("raises the scale to the new fit when the viewport grows past it", () => {
    const state: ViewState = { scale: 0.25, x: -50, y: 0 };
    const bigger: Size = { width: 1600, height: 1200 };
    const next = resizeView(state, VIEWPORT, bigger, WIDE);
    expect(next).toEqual(fitView(bigger, WIDE));
  });
});

describe("zoomPercent", () => {
  it("rounds the scale to a whole percentage of 1:1", () => {
    expect(zoomPercent(0.2)).toBe(20);
    expect(zoomPercent(2)).toBe(200);
    expect(zoomPercent(0.15)).toBe(15);
    expect(zoomPercent(1.0049)).toBe(100);
  });
});

describe("isClick", () => {
  it("counts movement under 4 px as a click and 4 px or more as a drag", () => {
    expect(CLICK_SLOP_PX).toBe(4);
    expect(isClick(0, 0)).toBe(true);
    expect(isClick(2, 3)).toBe(true);
    expect(isClick(3.9, 0)).toBe(true);
    expect(isClick(4, 0)).toBe(false);
    expect(isClick(3, 3)).toBe(false);
    expect(isClick(0, -10)).toBe(false);
  });
});

describe("wheelZoomFactor", () => {
  it("zooms in when scrolling up and out when scrolling down, symmetrically", () => {
    const down = wheelZoomFactor(100, 0, false, 600);
    const up = wheelZoomFactor(-100, 0, false, 600);
    expect(down).toBeLessThan(1);
    expect(up).toBeGreaterThan(1);
    expect(down * up).toBeCloseTo(1, 12);
    expect(wheelZoomFactor(0, 0, false, 600)).toBe(1);
  });

  it("reads line and page deltas as pixels", () => {
    expect(wheelZoomFactor(3, 1, false, 600)).toBeCloseTo(wheelZoomFactor(48, 0, false, 600), 12);
    expect(wheelZoomFactor(0.1, 2, false, 600)).toBeCloseTo(wheelZoomFactor(60, 0, false, 600), 12);
  });

  it("is more sensitive for trackpad pinches (ctrl+wheel)", () => {
    expect(wheelZoomFactor(-10, 0, true, 600)).toBeGreaterThan(wheelZoomFactor(-10, 0, false, 600));
  });

  it("never zooms more than 2× either way in one event", () => {
    expect(wheelZoomFactor(-100_000, 0, false, 600)).toBe(2);
    expect(wheelZoomFactor(100_000, 0, false, 600)).toBe(0.5);
    expect(wheelZoomFactor(Number.NaN, 0, false, 600)).toBe(1);
  });
});

describe("keyToCommand", () => {
  it("maps the zoom keys", () => {
    expect(keyToCommand("+", true)).toEqual({ kind: "zoom-in" });
    expect(keyToCommand("=", false)).toEqual({ kind: "zoom-in" });
    expect(keyToCommand("-", false)).toEqual({ kind: "zoom-out" });
    expect(keyToCommand("0", false)).toEqual({ kind: "fit" });
    expect(keyToCommand("1", false)).toEqual({ kind: "actual-size" });
    expect(keyToCommand("Enter", false)).toEqual({ kind: "drop-pin" });
  });

  it("pans the way scrolling does: ArrowRight shows more of the right, moving the image left", () => {
    expect(keyToCommand("ArrowRight", false)).toEqual({ kind: "pan", dx: -PAN_STEP_PX, dy: 0 });
    expect(keyToCommand("ArrowLeft", false)).toEqual({ kind: "pan", dx: PAN_STEP_PX, dy: 0 });
    expect(keyToCommand("ArrowDown", false)).toEqual({ kind: "pan", dx: 0, dy: -PAN_STEP_PX });
    expect(keyToCommand("ArrowUp", false)).toEqual({ kind: "pan", dx: 0, dy: PAN_STEP_PX });
  });

  it("takes bigger steps with Shift", () => {
    expect(LARGE_PAN_STEP_PX).toBeGreaterThan(PAN_STEP_PX);
    expect(keyToCommand("ArrowUp", true)).toEqual({ kind: "pan", dx: 0, dy: LARGE_PAN_STEP_PX });
  });

  it("ignores other keys", () => {
    expect(keyToCommand("a", false)).toBeNull();
    expect(keyToCommand("Tab", false)).toBeNull();
    expect(keyToCommand(" ", false)).toBeNull();
  });
});
