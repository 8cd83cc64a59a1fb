import {
  epicanthalLine,
  FRONT,
  FRONT_BRACKET_OFFSET,
  FRONT_HEAD_PATH,
  FRONT_MOUTH_PATH,
  FRONT_NECK_PATH,
  FRONT_NOSE_PATH,
  FRONT_NOSTRILS_PATH,
  frontBrowPath,
  frontEarCentre,
  frontEyePath,
  frontHairPath,
  frontIrisCentre,
  markerPoints,
  plannedAngleCm,
  plannedFrontPath,
  plannedSidePath,
  PX_PER_CM,
  SIDE,
  SIDE_BRACKET_X,
  SIDE_BROW_PATH,
  SIDE_CROWN_CENTRE,
  SIDE_EAR_CENTRE,
  SIDE_EAR_DETAIL_PATH,
  SIDE_EYE_PATH,
  SIDE_HEAD_PATH,
  sideAngleX,
  sideHairPath,
  sideMidFrontalPoint,
  SIDES,
  TEMPORAL_POINT_FRONT,
  TEMPORAL_POINT_SIDE,
  toFront,
  toSide,
  type MarkerShape,
  type Pt,
} from "./geometry";
import { LATERAL_CANTHUS_CM, MFP_MAX_CM, MFP_MIN_CM, type Landmark, type StageOutline } from "./model";

const MARKER_CLASS = "fill-white stroke-stone-950";

function Marker({ shape, at, size = 5 }: { shape: MarkerShape; at: Pt; size?: number }) {
  const [x, y] = at;
  if (shape === "circle") {
    return <circle cx={x} cy={y} r={size * 0.85} strokeWidth={2} className={MARKER_CLASS} />;
  }
  return <polygon points={markerPoints(shape, at, size)} strokeWidth={2} strokeLinejoin="round" className={MARKER_CLASS} />;
}

/** A landmark's marker shape on its own, for the landmark checkboxes. */
export function MarkerIcon({ shape }: { shape: MarkerShape }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="h-5 w-5 shrink-0">
      <Marker shape={shape} at={[10, 10]} size={6} />
    </svg>
  );
}

const HALO_TEXT = "fill-stone-900 stroke-white text-sm font-semibold tabular-nums [paint-order:stroke]";

function RangeBracket({ x, toPoint, labelSide }: { x: number; toPoint: (p: Pt) => Pt; labelSide: "left" | "right" }) {
  const [, top] = toPoint([0, MFP_MAX_CM]);
  const [, bottom] = toPoint([0, MFP_MIN_CM]);
  const labelX = labelSide === "right" ? x + 7 : x - 7;
  const anchor = labelSide === "right" ? "start" : "end";
  return (
    <g>
      <rect x={x - 3} y={top} width={6} height={bottom - top} className="fill-amber-300 opacity-80" />
      {[top, bottom].map((y) => (
        <line key={y} x1={x - 6} x2={x + 6} y1={y} y2={y} strokeWidth={2} className="stroke-amber-800" />
      ))}
      <text x={labelX} y={top + 5} textAnchor={anchor} strokeWidth={4} strokeLinejoin="round" className={HALO_TEXT}>
        10
      </text>
      <text x={labelX} y={bottom + 5} textAnchor={anchor} strokeWidth={4} strokeLinejoin="round" className={HALO_TEXT}>
        7
      </text>
    </g>
  );
}

type ViewProps = {
  outline: StageOutline;
  mfpCm: number;
  shown: Readonly<Record<Landmark, boolean>>;
  titleId: string;
  descId: string;
  clipId: string;
  patternId: string;
  title: string;
  desc: string;
};

function HairPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width={5} height={5} patternUnits="userSpaceOnUse">
      <rect width={5} height={5} className="fill-stone-500" />
      <circle cx={1.5} cy={1.5} r={1.05} className="fill-stone-800" />
      <circle cx={4} cy={3.8} r={0.9} className="fill-stone-800" />
    </pattern>
  );
}

const SKIN = "fill-orange-50 stroke-stone-500";
const FEATURE = "fill-none stroke-stone-600";

/** The front view of the head: remaining hair, planned hairline, range bar and landmarks. */
export function FrontView({ outline, mfpCm, shown, titleId, descId, clipId, patternId, title, desc }: ViewProps) {
  const plannedAngle = plannedAngleCm(mfpCm);
  const [gx, gy] = toFront([0, 0]);
  const [, mfpY] = toFront([0, mfpCm]);
  return (
    <svg viewBox={`0 0 ${FRONT.w} ${FRONT.h}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="block h-auto w-full">
      <title id={titleId}>{title}</title>
      <desc id={descId}>{desc}</desc>
      <defs>
        <HairPattern id={patternId} />
        <clipPath id={clipId}>
          <path d={FRONT_HEAD_PATH} />
        </clipPath>
      </defs>

      <path d={FRONT_NECK_PATH} className={SKIN} />
      {SIDES.map((side) => {
        const [ex, ey] = frontEarCentre(side);
        return <ellipse key={side} cx={ex} cy={ey} rx={PX_PER_CM} ry={2.6 * PX_PER_CM} className={SKIN} />;
      })}
      <path d={FRONT_HEAD_PATH} className={SKIN} strokeWidth={1.5} />
      <g clipPath={`url(#${clipId})`}>
        <path d={frontHairPath(outline)} fill={`url(#${patternId})`} />
      </g>
      <path d={FRONT_HEAD_PATH} className="fill-none stroke-stone-500" strokeWidth={1.5} />

      {/* Face */}
      {SIDES.map((side) => {
        const [ix, iy] = frontIrisCentre(side);
        return (
          <g key={side}>
            <path d={frontBrowPath(side)} strokeWidth={3} strokeLinecap="round" className="fill-none stroke-stone-700" />
            <path d={frontEyePath(side)} className="fill-white stroke-stone-600" />
            <circle cx={ix} cy={iy} r={3.4} className="fill-stone-700" />
          </g>
        );
      })}
      <path d={FRONT_NOSE_PATH} className={FEATURE} strokeLinecap="round" />
      <path d={FRONT_NOSTRILS_PATH} className={FEATURE} strokeLinecap="round" />
      <path d={FRONT_MOUTH_PATH} className={FEATURE} strokeWidth={1.5} strokeLinecap="round" />

      {/* Lateral epicanthal lines */}
      {shown["frontotemporal-angle"]
        ? SIDES.map((side) => {
            const { x, y1, y2 } = epicanthalLine(side);
            return <line key={side} x1={x} x2={x} y1={y1} y2={y2} strokeWidth={1.5} strokeDasharray="2 4" strokeLinecap="round" className="stroke-sky-800" />;
          })
        : null}

      {/* Mid-frontal point range and measurement */}
      {shown["mid-frontal-point"] ? (
        <g>
          <line x1={gx} x2={gx} y1={gy} y2={mfpY} strokeWidth={1.5} strokeDasharray="1 3" strokeLinecap="round" className="stroke-stone-900" />
          <RangeBracket x={gx + FRONT_BRACKET_OFFSET} toPoint={toFront} labelSide="right" />
        </g>
      ) : null}

      {/* Planned hairline */}
      <path d={plannedFrontPath(mfpCm)} strokeWidth={3} strokeDasharray="7 4" strokeLinecap="round" strokeLinejoin="round" className="fill-none stroke-white" />
      <path
        d={plannedFrontPath(mfpCm)}
        strokeWidth={2}
        strokeDasharray="7 4"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="fill-none stroke-brand-700"
      />

      {shown.glabella ? <Marker shape="circle" at={[gx, gy]} /> : null}
      {shown["mid-frontal-point"] ? <Marker shape="diamond" at={[gx, mfpY]} /> : null}
      {shown["frontotemporal-angle"]
        ? SIDES.map((side) => <Marker key={side} shape="triangle" at={toFront([side * LATERAL_CANTHUS_CM, plannedAngle])} />)
        : null}
      {shown["temporal-point"]
        ? SIDES.map((side) => <Marker key={side} shape="square" at={toFront([side * TEMPORAL_POINT_FRONT[0], TEMPORAL_POINT_FRONT[1]])} size={4.5} />)
        : null}
    </svg>
  );
}

/** The side view of the head, face to the left: remaining hair, crown, planned hairline and landmarks. */
export function SideView({ outline, mfpCm, shown, titleId, descId, clipId, patternId, title, desc }: ViewProps) {
  const plannedAngle = plannedAngleCm(mfpCm);
  const glabella = toSide([0, 0]);
  const mfp = sideMidFrontalPoint(mfpCm);
  const [crownX, crownY] = toSide(SIDE_CROWN_CENTRE);
  const [earX, earY] = SIDE_EAR_CENTRE;
  return (
    <svg viewBox={`0 0 ${SIDE.w} ${SIDE.h}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="block h-auto w-full">
      <title id={titleId}>{title}</title>
      <desc id={descId}>{desc}</desc>
      <defs>
        <HairPattern id={patternId} />
        <clipPath id={clipId}>
          <path d={SIDE_HEAD_PATH} />
        </clipPath>
      </defs>

      <path d={SIDE_HEAD_PATH} className={SKIN} strokeWidth={1.5} />
      <g clipPath={`url(#${clipId})`}>
        <path d={sideHairPath(outline)} fill={`url(#${patternId})`} />
        {outline.crownCm > 0 ? (
          <ellipse cx={crownX} cy={crownY} rx={outline.crownCm * PX_PER_CM} ry={outline.crownCm * 0.7 * PX_PER_CM} className="fill-orange-50" />
        ) : null}
      </g>
      <path d={SIDE_HEAD_PATH} className="fill-none stroke-stone-500" strokeWidth={1.5} />
      <ellipse cx={earX} cy={earY} rx={1.3 * PX_PER_CM} ry={2.8 * PX_PER_CM} className={SKIN} strokeWidth={1.5} />
      <path d={SIDE_EAR_DETAIL_PATH} className={FEATURE} />
      <path d={SIDE_BROW_PATH} strokeWidth={3} strokeLinecap="round" className="fill-none stroke-stone-700" />
      <path d={SIDE_EYE_PATH} className="fill-white stroke-stone-600" />

      {shown["mid-frontal-point"] ? (
        <g>
          <line
            x1={SIDE_BRACKET_X}
            x2={SIDE_BRACKET_X}
            y1={glabella[1]}
            y2={mfp[1]}
            strokeWidth={1.5}
            strokeDasharray="1 3"
            strokeLinecap="round"
            className="stroke-stone-900"
          />
          <line
            x1={SIDE_BRACKET_X - 5}
            x2={glabella[0]}
            y1={glabella[1]}
            y2={glabella[1]}
            strokeWidth={1.5}
            strokeDasharray="1 3"
            strokeLinecap="round"
            className="stroke-stone-900"
          />
          <line
            x1={SIDE_BRACKET_X}
            x2={mfp[0]}
            y1={mfp[1]}
            y2={mfp[1]}
            strokeWidth={1.5}
            strokeDasharray="1 3"
            strokeLinecap="round"
            className="stroke-stone-900"
          />
          <RangeBracket x={SIDE_BRACKET_X} toPoint={toSide} labelSide="left" />
        </g>
      ) : null}

      <path d={plannedSidePath(mfpCm)} strokeWidth={3} strokeDasharray="7 4" strokeLinecap="round" strokeLinejoin="round" className="fill-none stroke-white" />
      <path
        d={plannedSidePath(mfpCm)}
        strokeWidth={2}
        strokeDasharray="7 4"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="fill-none stroke-brand-700"
      />

      {shown.glabella ? <Marker shape="circle" at={glabella} /> : null}
      {shown["mid-frontal-point"] ? <Marker shape="diamond" at={mfp} /> : null}
      {shown["frontotemporal-angle"] ? <Marker shape="triangle" at={toSide([sideAngleX(plannedAngle), plannedAngle])} /> : null}
      {shown["temporal-point"] ? <Marker shape="square" at={toSide(TEMPORAL_POINT_SIDE)} size={4.5} /> : null}
    </svg>
  );
}
