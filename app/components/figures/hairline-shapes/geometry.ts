import { LATERAL_CANTHUS_CM, type Landmark, type StageOutline } from "./model";

// ---------------------------------------------------------------------------------------------
// Drawing. Coordinates are in cm: x across (front view) or back from the glabella (side view),
// y up from the glabella. Each view maps them to its own viewBox.

export type Pt = readonly [number, number];

export const PX_PER_CM = 9.5;
export const FRONT = { w: 240, h: 300, cx: 120, gy: 162 } as const;
// The range bar sits just right of the midline so it never hides the mid-frontal point marker.
export const FRONT_BRACKET_OFFSET = 12;
export const SIDE = { w: 260, h: 300, gx: 64, gy: 162 } as const;
// How far above the planned mid-frontal point the planned angles are drawn: schematic only.
const PLANNED_ANGLE_RISE_CM = 1.5;

/** Height (cm above the glabella) at which the planned frontotemporal angles are drawn. */
export function plannedAngleCm(mfpCm: number): number {
  return mfpCm + PLANNED_ANGLE_RISE_CM;
}

/** Rounds a viewBox coordinate to one decimal for path data. */
export function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** Front view: cm (x across, y up from the glabella) to viewBox units. */
export function toFront([x, y]: Pt): Pt {
  return [FRONT.cx + x * PX_PER_CM, FRONT.gy - y * PX_PER_CM];
}

/** Side view: cm (x back from the glabella, y up from it) to viewBox units. */
export function toSide([x, y]: Pt): Pt {
  return [SIDE.gx + x * PX_PER_CM, SIDE.gy - y * PX_PER_CM];
}

/** Catmull-Rom spline through the points, as cubic Bézier segments. */
export function smoothPath(points: readonly Pt[], closed: boolean): string {
  const n = points.length;
  const at = (i: number): Pt => {
    if (closed) return points[((i % n) + n) % n]!;
    return points[Math.min(n - 1, Math.max(0, i))]!;
  };
  const [x0, y0] = at(0);
  const parts = [`M ${fmt(x0)} ${fmt(y0)}`];
  const segments = closed ? n : n - 1;
  for (let i = 0; i < segments; i += 1) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    parts.push(`C ${fmt(c1x)} ${fmt(c1y)} ${fmt(c2x)} ${fmt(c2y)} ${fmt(p2[0])} ${fmt(p2[1])}`);
  }
  if (closed) parts.push("Z");
  return parts.join(" ");
}

export function polygonPath(points: readonly Pt[]): string {
  return `${points.map(([x, y], i) => `${i === 0 ? "M" : "L"} ${fmt(x)} ${fmt(y)}`).join(" ")} Z`;
}

export function polylinePath(points: readonly Pt[]): string {
  return points.map(([x, y], i) => `${i === 0 ? "M" : "L"} ${fmt(x)} ${fmt(y)}`).join(" ");
}

function mirrorX(points: readonly Pt[]): Pt[] {
  return points.map(([x, y]) => [-x, y] as const);
}

// Front view ----------------------------------------------------------------------------------

const HEAD_RIGHT_HALF: readonly Pt[] = [
  [0, 13.5],
  [3.6, 13],
  [6.2, 11.2],
  [7.4, 8.2],
  [7.7, 4.5],
  [7.5, 1],
  [7.1, -2.5],
  [6.5, -5.6],
  [5.3, -8.4],
  [3.2, -10.4],
  [0, -11.3],
];
const HEAD_OUTLINE: readonly Pt[] = [...HEAD_RIGHT_HALF, ...mirrorX(HEAD_RIGHT_HALF.slice(1, -1)).reverse()];
export const FRONT_HEAD_PATH = smoothPath(HEAD_OUTLINE.map(toFront), true);

// The temple below the frontotemporal angle, from the notch down to the sideburn (right side).
const TEMPLE_NOTCH: Pt = [6.3, 5.2];
export const TEMPORAL_POINT_FRONT: Pt = [5.5, 4];
const TEMPLE_LOWER: readonly Pt[] = [TEMPORAL_POINT_FRONT, [6.8, 2.5], [7.2, -1.5]];

/** The remaining hair in the front view, as path data (one polygon, or two side patches once the top has gone). */
export function frontHairPath(outline: StageOutline): string {
  const far = 12;
  const top = 16;
  const bottom = -1.5;
  if (outline.frontal) {
    const { midlineCm, angleCm } = outline.frontal;
    const right: Pt[] = [[0, midlineCm], [2.2, midlineCm + (angleCm - midlineCm) * 0.3], [LATERAL_CANTHUS_CM, angleCm], TEMPLE_NOTCH, ...TEMPLE_LOWER];
    const left = mirrorX(right).reverse();
    const line = [...left, ...right.slice(1)];
    const points: Pt[] = [[-far, top], [-far, bottom], ...line, [far, bottom], [far, top]];
    return polygonPath(points.map(toFront));
  }
  const fringe = outline.fringeCm ?? TEMPLE_NOTCH[1];
  const notch: Pt = [TEMPLE_NOTCH[0], Math.min(TEMPLE_NOTCH[1], fringe)];
  const rightPatch: Pt[] = [[far, bottom], [7.2, bottom], [6.8, 2.5], TEMPORAL_POINT_FRONT, notch, [6.6, fringe], [far, fringe]];
  return `${polygonPath(rightPatch.map(toFront))} ${polygonPath(mirrorX(rightPatch).map(toFront))}`;
}

/** The planned hairline in the front view, as path data. */
export function plannedFrontPath(mfpCm: number): string {
  const angle = plannedAngleCm(mfpCm);
  const right: Pt[] = [
    [0, mfpCm],
    [2.2, mfpCm + PLANNED_ANGLE_RISE_CM * 0.3],
    [LATERAL_CANTHUS_CM, angle],
  ];
  const curve = smoothPath([...mirrorX(right).reverse(), ...right.slice(1)].map(toFront), false);
  const corner: Pt = [LATERAL_CANTHUS_CM, angle];
  const leftTemple = polylinePath(mirrorX([TEMPLE_NOTCH, corner]).map(toFront));
  const rightTemple = polylinePath([corner, TEMPLE_NOTCH].map(toFront));
  return `${leftTemple} ${curve} ${rightTemple}`;
}

// Side view -----------------------------------------------------------------------------------

const PROFILE: readonly Pt[] = [
  [5.4, -14],
  [5, -12.6],
  [3, -12],
  [0.6, -11.6],
  [-0.7, -10.6],
  [-0.4, -9.4],
  [-0.8, -8.4],
  [-0.5, -7.7],
  [-0.9, -7],
  [-0.6, -5.7],
  [-2.2, -5.3],
  [-2.4, -4.7],
  [-0.6, -2.6],
  [0.5, -1],
  [0, 0],
  [0.25, 2.5],
  [0.8, 5.5],
  [1.9, 8.5],
  [3.6, 11],
  [6.2, 12.9],
  [9.5, 13.6],
  [12.8, 13.1],
  [15.6, 11.4],
  [17.8, 8.6],
  [19, 5.2],
  [19.1, 1.6],
  [18.3, -1.8],
  [16.9, -4.8],
  [15.6, -7.6],
  [15.2, -10],
  [15.4, -14],
];
export const SIDE_HEAD_PATH = `${smoothPath(PROFILE.map(toSide), false)} Z`;
const FOREHEAD: readonly Pt[] = PROFILE.slice(
  PROFILE.findIndex(([x, y]) => x === 0 && y === 0),
  20,
);

/** x of the forehead profile at height y (cm), by linear interpolation. */
export function foreheadXAt(yCm: number): number {
  for (let i = 1; i < FOREHEAD.length; i += 1) {
    const [x0, y0] = FOREHEAD[i - 1]!;
    const [x1, y1] = FOREHEAD[i]!;
    if (yCm <= y1) return x0 + ((x1 - x0) * (yCm - y0)) / (y1 - y0);
  }
  return FOREHEAD[FOREHEAD.length - 1]![0];
}

/** Where a frontotemporal angle at height y appears in the side view: it moves back as it rises. */
export function sideAngleX(yCm: number): number {
  return 3 + (yCm - 7) * 0.6;
}

const SIDE_NOTCH: Pt = [6, 5];
export const TEMPORAL_POINT_SIDE: Pt = [5, 3.6];
// Below the temporal point: sideburn, around the ear and down to the nape.
const SIDE_LOWER_EDGE: readonly Pt[] = [
  TEMPORAL_POINT_SIDE,
  [6.2, 2.2],
  [6.4, -2.2],
  [7.4, -2.2],
  [8.1, 0.8],
  [9.6, 2.4],
  [11.2, 0.6],
  [11.8, -2.8],
  [14.8, -6.8],
  [25, -8],
];
export const SIDE_CROWN_CENTRE: Pt = [13, 13.2];

/** The remaining hair in the side view, as path data. */
export function sideHairPath(outline: StageOutline): string {
  if (outline.frontal) {
    const { midlineCm, angleCm } = outline.frontal;
    const points: Pt[] = [[25, 20], [-4, 20], [-4, midlineCm], [sideAngleX(angleCm), angleCm], SIDE_NOTCH, ...SIDE_LOWER_EDGE];
    return polygonPath(points.map(toSide));
  }
  const fringe = outline.fringeCm ?? SIDE_NOTCH[1];
  const points: Pt[] = [
    [SIDE_NOTCH[0], Math.min(SIDE_NOTCH[1], fringe)],
    [6.4, fringe],
    [11, fringe + 0.5],
    [17, fringe + 1],
    [25, fringe + 1],
    ...[...SIDE_LOWER_EDGE].reverse(),
  ];
  return polygonPath(points.map(toSide));
}

/** The planned hairline in the side view, from the mid-frontal point back to the temple, as path data. */
export function plannedSidePath(mfpCm: number): string {
  const angle = plannedAngleCm(mfpCm);
  return polylinePath(([[foreheadXAt(mfpCm), mfpCm], [sideAngleX(angle), angle], SIDE_NOTCH] as const).map(toSide));
}

// Face features: fixed drawings, in viewBox units. -1 is the left side of the front view, 1 the right.

export const SIDES = [-1, 1] as const;
export type Side = (typeof SIDES)[number];

export const FRONT_NECK_PATH = polygonPath(
  (
    [
      [-4.3, -8.8],
      [4.3, -8.8],
      [4.6, -14.5],
      [-4.6, -14.5],
    ] as const
  ).map(toFront),
);

/** Centre of the ear on one side of the front view. */
export function frontEarCentre(side: Side): Pt {
  return toFront([side * 7.7, -2.2]);
}

/** One eyebrow in the front view, as path data. */
export function frontBrowPath(side: Side): string {
  const brow = (
    [
      [1.2, 0.4],
      [3.2, 1.1],
      [5, 0.6],
    ] as const
  ).map(([x, y]) => toFront([side * x, y]));
  return `M ${fmt(brow[0]![0])} ${fmt(brow[0]![1])} Q ${fmt(brow[1]![0])} ${fmt(brow[1]![1])} ${fmt(brow[2]![0])} ${fmt(brow[2]![1])}`;
}

/** One eye outline in the front view, as path data. */
export function frontEyePath(side: Side): string {
  const [l, t, r, b] = (
    [
      [1.7, -1.4],
      [3.1, -0.7],
      [4.5, -1.4],
      [3.1, -2.1],
    ] as const
  ).map(([x, y]) => toFront([side * x, y]));
  return `M ${fmt(l![0])} ${fmt(l![1])} Q ${fmt(t![0])} ${fmt(t![1])} ${fmt(r![0])} ${fmt(r![1])} Q ${fmt(b![0])} ${fmt(b![1])} ${fmt(l![0])} ${fmt(l![1])} Z`;
}

/** Centre of one iris in the front view. */
export function frontIrisCentre(side: Side): Pt {
  return toFront([side * 3.1, -1.4]);
}

export const FRONT_NOSE_PATH = polylinePath(
  (
    [
      [-0.4, -1.2],
      [-0.9, -4.9],
    ] as const
  ).map(toFront),
);

export const FRONT_NOSTRILS_PATH = smoothPath(
  (
    [
      [-1.6, -5.2],
      [0, -5.9],
      [1.6, -5.2],
    ] as const
  ).map(toFront),
  false,
);

export const FRONT_MOUTH_PATH = smoothPath(
  (
    [
      [-2, -7.9],
      [0, -8.4],
      [2, -7.9],
    ] as const
  ).map(toFront),
  false,
);

/** The lateral epicanthal line on one side of the front view: x, and y from the outer eye corner up. */
export function epicanthalLine(side: Side): { x: number; y1: number; y2: number } {
  const [x, y1] = toFront([side * LATERAL_CANTHUS_CM, -1.4]);
  const [, y2] = toFront([0, 13]);
  return { x, y1, y2 };
}

/** x of the range bar in the side view, in front of the forehead. */
export const SIDE_BRACKET_X = toSide([-3.4, 0])[0];
export const SIDE_EAR_CENTRE = toSide([10, -1]);

export const SIDE_EAR_DETAIL_PATH = smoothPath(
  (
    [
      [9.9, 0.6],
      [9.3, -0.8],
      [9.8, -2.6],
    ] as const
  ).map(toSide),
  false,
);

export const SIDE_BROW_PATH = polylinePath(
  (
    [
      [0.5, 0.5],
      [2.3, 0.8],
    ] as const
  ).map(toSide),
);

const [SIDE_EYE_X, SIDE_EYE_Y] = toSide([1.5, -1.4]);
export const SIDE_EYE_PATH = `M ${fmt(SIDE_EYE_X - 6)} ${fmt(SIDE_EYE_Y)} Q ${fmt(SIDE_EYE_X)} ${fmt(SIDE_EYE_Y - 4)} ${fmt(SIDE_EYE_X + 5)} ${fmt(SIDE_EYE_Y)} Q ${fmt(SIDE_EYE_X)} ${fmt(SIDE_EYE_Y + 4)} ${fmt(SIDE_EYE_X - 6)} ${fmt(SIDE_EYE_Y)} Z`;

/** The mid-frontal point on the forehead profile in the side view. */
export function sideMidFrontalPoint(mfpCm: number): Pt {
  return toSide([foreheadXAt(mfpCm), mfpCm]);
}

// Markers -------------------------------------------------------------------------------------

export type MarkerShape = "circle" | "diamond" | "triangle" | "square";

export const LANDMARK_SHAPE: Record<Landmark, MarkerShape> = {
  glabella: "circle",
  "mid-frontal-point": "diamond",
  "frontotemporal-angle": "triangle",
  "temporal-point": "square",
};

/** The `points` attribute of a diamond, triangle or square marker centred on `at`. */
export function markerPoints(shape: Exclude<MarkerShape, "circle">, [x, y]: Pt, size: number): string {
  const points: readonly Pt[] =
    shape === "diamond"
      ? [
          [x, y - size * 1.2],
          [x + size, y],
          [x, y + size * 1.2],
          [x - size, y],
        ]
      : shape === "triangle"
        ? [
            [x, y - size * 1.1],
            [x + size, y + size * 0.75],
            [x - size, y + size * 0.75],
          ]
        : [
            [x - size * 0.8, y - size * 0.8],
            [x + size * 0.8, y - size * 0.8],
            [x + size * 0.8, y + size * 0.8],
            [x - size * 0.8, y + size * 0.8],
          ];
  return points.map(([px, py]) => `${fmt(px)},${fmt(py)}`).join(" ");
}
