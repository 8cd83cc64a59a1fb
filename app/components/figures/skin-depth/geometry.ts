import { DEPTH_MAX_MM, DERMIS_MM, EPIDERMIS_MM } from "./model";

// Cross-section geometry, in viewBox units.
export const VIEW_W = 400;
export const VIEW_H = 312;
export const SURFACE_Y = 48;
const PX_PER_MM = 100;
export const AXIS_X = 46;
export const SKIN_X = 52;
export const SKIN_BOTTOM_Y = VIEW_H - 4;
export const LABEL_X = VIEW_W - 8;
// The needle sits where the wavy epidermal junction crosses exactly 0.1 mm, so the drawing
// agrees with classifyDepth at the boundary.
export const NEEDLE_X = 160;
const NEEDLE_HALF_WIDTH = 3;
const NEEDLE_TAPER = 14;
const RIDGE_STEP = 20;
export const RIDGE_CONTROL = 5;

/** y of a depth (mm below the skin surface). */
export function yAt(depthMm: number): number {
  return SURFACE_Y + depthMm * PX_PER_MM;
}

export const SCALE_TICKS_MM: readonly number[] = Array.from({ length: Math.round(DEPTH_MAX_MM * 10) + 1 }, (_, i) => i / 10);

export const FOLLICLES: readonly { x: number; bulbMm: number }[] = [
  { x: 212, bulbMm: 2.05 },
  { x: 256, bulbMm: 1.85 },
];

function buildEpidermisPath(): string {
  const junctionY = yAt(EPIDERMIS_MM);
  const parts = [`M ${SKIN_X} ${SURFACE_Y}`, `H ${VIEW_W}`, `V ${junctionY}`];
  let x = VIEW_W;
  let ridgeDown = true;
  while (x > SKIN_X) {
    const next = Math.max(SKIN_X, x - RIDGE_STEP);
    const controlY = junctionY + (ridgeDown ? RIDGE_CONTROL : -RIDGE_CONTROL);
    parts.push(`Q ${(x + next) / 2} ${controlY} ${next} ${junctionY}`);
    x = next;
    ridgeDown = !ridgeDown;
  }
  parts.push("Z");
  return parts.join(" ");
}

function buildFatLobules(): readonly { cx: number; cy: number }[] {
  const lobules: { cx: number; cy: number }[] = [];
  const top = yAt(DERMIS_MM);
  for (let row = 0; row < 4; row += 1) {
    for (let col = 0; col < 13; col += 1) {
      const cx = SKIN_X + 14 + col * 28 + (row % 2) * 14;
      if (cx <= VIEW_W - 12) lobules.push({ cx, cy: top + 14 + row * 25 });
    }
  }
  return lobules;
}

/** A hair follicle from the skin surface down to its bulb at bulbY, as path data. */
export function folliclePath(x: number, bulbY: number): string {
  const neckY = bulbY - 10;
  return `M ${x - 7} ${SURFACE_Y} V ${neckY} A 10 12 0 1 0 ${x + 7} ${neckY} V ${SURFACE_Y}`;
}

export const EPIDERMIS_PATH = buildEpidermisPath();
export const FAT_LOBULES = buildFatLobules();

/** The needle's outline, from above the skin down to its tip at tipY, as a `points` attribute. */
export function needlePoints(tipY: number): string {
  return [
    `${NEEDLE_X - NEEDLE_HALF_WIDTH},0`,
    `${NEEDLE_X + NEEDLE_HALF_WIDTH},0`,
    `${NEEDLE_X + NEEDLE_HALF_WIDTH},${tipY - NEEDLE_TAPER}`,
    `${NEEDLE_X},${tipY}`,
    `${NEEDLE_X - NEEDLE_HALF_WIDTH},${tipY - NEEDLE_TAPER}`,
  ].join(" ");
}

/** The arrowhead pointing at the depth scale from the depth guide at y, as a `points` attribute. */
export function depthArrowPoints(y: number): string {
  return `${AXIS_X - 8},${y - 5} ${AXIS_X},${y} ${AXIS_X - 8},${y + 5}`;
}
