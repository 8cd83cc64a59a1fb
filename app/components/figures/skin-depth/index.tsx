import { useId, useState, type ChangeEvent } from "react";
import {
  AXIS_X,
  depthArrowPoints,
  EPIDERMIS_PATH,
  FAT_LOBULES,
  FOLLICLES,
  folliclePath,
  LABEL_X,
  NEEDLE_X,
  needlePoints,
  RIDGE_CONTROL,
  SCALE_TICKS_MM,
  SKIN_BOTTOM_Y,
  SKIN_X,
  SURFACE_Y,
  VIEW_H,
  VIEW_W,
  yAt,
} from "./geometry";
import {
  classifyDepth,
  crossSectionDescription,
  crossSectionTitle,
  DEFAULT_DEPTH_MM,
  DEPTH_MAX_MM,
  DEPTH_MIN_MM,
  DEPTH_STEP_MM,
  depthValueText,
  DERMIS_MM,
  EPIDERMIS_MM,
  EXAMPLE_DEPTHS_MM,
  formatMm,
  ON_TARGET_MAX_MM,
  ON_TARGET_MIN_MM,
  OUTCOME_COPY,
  OUTCOME_ORDER,
  PAPILLARY_MM,
  snapDepth,
  type DepthOutcome,
} from "./model";

type OutcomeTone = {
  guide: string;
  readout: string;
  accent: string;
  panel: string;
  activeButton: string;
};

const OUTCOME_TONE: Record<DepthOutcome, OutcomeTone> = {
  "too-shallow": {
    guide: "stroke-rose-600",
    readout: "fill-rose-800",
    accent: "accent-rose-600",
    panel: "border-rose-300 bg-rose-50 text-rose-950",
    activeButton: "border-rose-700 bg-rose-700 text-white hover:bg-rose-800",
  },
  "on-target": {
    guide: "stroke-amber-600",
    readout: "fill-amber-800",
    accent: "accent-amber-600",
    panel: "border-amber-400 bg-amber-50 text-amber-950",
    activeButton: "border-amber-500 bg-amber-400 text-stone-950 hover:bg-amber-300",
  },
  "too-deep": {
    guide: "stroke-sky-700",
    readout: "fill-sky-800",
    accent: "accent-sky-700",
    panel: "border-sky-300 bg-sky-50 text-sky-950",
    activeButton: "border-sky-700 bg-sky-700 text-white hover:bg-sky-800",
  },
};

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-stone-900 focus-visible:ring-offset-2";

const LABEL_CLASS = "fill-stone-800 stroke-white text-sm font-medium [paint-order:stroke]";

/**
 * Interactive cross-section of scalp skin with a needle-depth slider, for MDX course pages.
 * Renders the same markup on the server and on first client render.
 */
export function SkinDepth({ initialDepthMm }: { initialDepthMm?: number }) {
  const [depthMm, setDepthMm] = useState<number>(() =>
    snapDepth(initialDepthMm !== undefined && Number.isFinite(initialDepthMm) ? initialDepthMm : DEFAULT_DEPTH_MM),
  );

  const uid = useId().replace(/:/g, "");
  const ids = {
    title: `${uid}-title`,
    desc: `${uid}-desc`,
    slider: `${uid}-slider`,
    spreadBlur: `${uid}-spread-blur`,
    healedBlur: `${uid}-healed-blur`,
  };

  const outcome = classifyDepth(depthMm);
  const copy = OUTCOME_COPY[outcome];
  const tone = OUTCOME_TONE[outcome];
  const mm = formatMm(depthMm);
  const valueText = depthValueText(depthMm);

  function handleSlider(event: ChangeEvent<HTMLInputElement>) {
    const next = Number(event.currentTarget.value);
    if (Number.isFinite(next)) setDepthMm(snapDepth(next));
  }

  // One grid: on a phone the drawing, then its controls, then the caption, so the caption never
  // sits between the drawing and the control that moves it; on a wide screen the caption goes
  // under the drawing and the controls beside both.
  return (
    <figure className="not-prose my-8 grid grid-cols-1 gap-6 rounded-xl border border-stone-200 bg-white p-4 text-stone-900 shadow-sm sm:p-5 md:grid-cols-5 md:grid-rows-[auto_1fr] md:items-start">
      <div className="min-w-0 md:col-span-3">
        <CrossSection depthMm={depthMm} outcome={outcome} titleId={ids.title} descId={ids.desc} spreadBlurId={ids.spreadBlur} />
      </div>

      <div className="flex min-w-0 flex-col gap-4 md:col-span-2 md:row-span-2">
        <div>
          <div className="flex items-baseline justify-between gap-3">
            <label htmlFor={ids.slider} className="text-sm font-semibold text-stone-900">
              Needle depth in the skin
            </label>
            <span className="text-lg font-semibold tabular-nums text-stone-900">{mm} mm</span>
          </div>
          <input
            id={ids.slider}
            type="range"
            min={DEPTH_MIN_MM}
            max={DEPTH_MAX_MM}
            step={DEPTH_STEP_MM}
            value={depthMm}
            onChange={handleSlider}
            aria-valuetext={valueText}
            className={`mt-2 block w-full cursor-pointer rounded ${tone.accent} ${FOCUS_RING}`}
          />
          <div className="mt-1 flex justify-between text-sm text-stone-600" aria-hidden="true">
            <span>{DEPTH_MIN_MM} mm</span>
            <span>{DEPTH_MAX_MM} mm</span>
          </div>
        </div>

        <fieldset className="m-0 border-0 p-0">
          <legend className="mb-2 text-sm font-semibold text-stone-900">Try an example depth</legend>
          <div className="flex flex-wrap gap-2">
            {OUTCOME_ORDER.map((example) => (
              <button
                key={example}
                type="button"
                onClick={() => setDepthMm(EXAMPLE_DEPTHS_MM[example])}
                className={`min-h-11 rounded-md border px-3 py-2 text-sm font-medium transition-colors ${FOCUS_RING} ${
                  example === outcome ? OUTCOME_TONE[example].activeButton : "border-stone-300 bg-white text-stone-800 hover:bg-stone-100"
                }`}
              >
                {OUTCOME_COPY[example].label}
              </button>
            ))}
          </div>
        </fieldset>

        <div role="status" className={`rounded-lg border border-l-4 p-4 ${tone.panel}`}>
          <p className="text-base font-semibold">{copy.heading}</p>
          <div className="mt-3 flex items-start gap-3">
            <HealedDotPreview outcome={outcome} blurId={ids.healedBlur} />
            <div className="min-w-0">
              <p className="text-sm font-medium">Healed dot: {copy.healedDot}.</p>
              <p className="mt-1 text-sm leading-relaxed">{copy.explanation}</p>
            </div>
          </div>
        </div>

        <p className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm leading-relaxed text-rose-900">
          <strong className="font-semibold">Needle length is not tissue depth: skin deforms under the needle (Kalluri 2011).</strong> Judge depth by how the
          tissue responds and by the healed dot, not by a number.
        </p>
      </div>

      <figcaption className="min-w-0 text-sm leading-relaxed text-stone-600 md:col-span-3 md:-mt-3">
        Depths are drawn to the millimetre scale at the side (widths are not); the sources disagree on how thick each layer is, so the layers are drawn at
        reference values: epidermis to {EPIDERMIS_MM} mm (≈ 0.07–0.12 mm on the scalp, Selçuk study); papillary (upper) dermis to {PAPILLARY_MM} mm; reticular
        dermis to {DERMIS_MM} mm (the dermis measured ≈ 1.1–1.9 mm thick in the Selçuk study, while Oltulu 2018 reported 2.1–5.9 mm); hypodermis (fat) below.
        The amber band is this lesson&apos;s target, the papillary dermis, {ON_TARGET_MIN_MM}–{ON_TARGET_MAX_MM} mm: a teaching band, not a clinical number.
      </figcaption>
    </figure>
  );
}

function CrossSection({
  depthMm,
  outcome,
  titleId,
  descId,
  spreadBlurId,
}: {
  depthMm: number;
  outcome: DepthOutcome;
  titleId: string;
  descId: string;
  spreadBlurId: string;
}) {
  const tone = OUTCOME_TONE[outcome];
  const mm = formatMm(depthMm);
  const tipY = yAt(depthMm);

  return (
    <svg viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="block h-auto max-h-[28rem] w-full">
      <title id={titleId}>{crossSectionTitle(depthMm)}</title>
      <desc id={descId}>{crossSectionDescription(depthMm)}</desc>

      <defs>
        <filter id={spreadBlurId} x="-100%" y="-100%" width="300%" height="300%">
          <feGaussianBlur stdDeviation="3" />
        </filter>
      </defs>

      {/* Layers, deepest first so each shallower one overlaps the seam above it. */}
      <rect x={SKIN_X} y={yAt(DERMIS_MM)} width={VIEW_W - SKIN_X} height={SKIN_BOTTOM_Y - yAt(DERMIS_MM)} className="fill-neutral-50" />
      {FAT_LOBULES.map(({ cx, cy }) => (
        <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r={12} className="fill-white stroke-neutral-300" />
      ))}
      <rect x={SKIN_X} y={yAt(PAPILLARY_MM)} width={VIEW_W - SKIN_X} height={yAt(DERMIS_MM) - yAt(PAPILLARY_MM)} className="fill-stone-200" />
      <rect
        x={SKIN_X}
        y={yAt(EPIDERMIS_MM) - RIDGE_CONTROL}
        width={VIEW_W - SKIN_X}
        height={yAt(PAPILLARY_MM) - yAt(EPIDERMIS_MM) + RIDGE_CONTROL}
        className="fill-stone-100"
      />
      <path d={EPIDERMIS_PATH} className="fill-stone-300" />
      <line x1={SKIN_X} x2={VIEW_W} y1={yAt(DERMIS_MM)} y2={yAt(DERMIS_MM)} className="stroke-stone-400" />
      <line x1={SKIN_X} x2={VIEW_W} y1={SURFACE_Y} y2={SURFACE_Y} strokeWidth={1.5} className="stroke-stone-700" />

      {/* Target band */}
      <rect
        x={SKIN_X}
        y={yAt(ON_TARGET_MIN_MM)}
        width={VIEW_W - SKIN_X}
        height={yAt(ON_TARGET_MAX_MM) - yAt(ON_TARGET_MIN_MM)}
        className="fill-amber-300 opacity-40"
      />
      {[ON_TARGET_MIN_MM, ON_TARGET_MAX_MM].map((edgeMm) => (
        <line key={edgeMm} x1={SKIN_X} x2={VIEW_W} y1={yAt(edgeMm)} y2={yAt(edgeMm)} strokeDasharray="6 4" className="stroke-amber-600" />
      ))}

      {/* Hair follicles, each with a sebaceous gland and a shaved hair shaft */}
      {FOLLICLES.map(({ x, bulbMm }) => {
        const bulbY = yAt(bulbMm);
        return (
          <g key={x}>
            <ellipse cx={x - 13} cy={yAt(0.55)} rx={5} ry={9} className="fill-stone-50 stroke-stone-400" />
            <path d={folliclePath(x, bulbY)} className="fill-stone-300 stroke-stone-500" />
            <ellipse cx={x} cy={bulbY + 4} rx={3.5} ry={5} className="fill-stone-100" />
            <line x1={x} x2={x} y1={SURFACE_Y - 5} y2={bulbY - 2} strokeWidth={3} strokeLinecap="round" className="stroke-neutral-800" />
          </g>
        );
      })}

      {/* Depth scale */}
      <line x1={AXIS_X} x2={AXIS_X} y1={SURFACE_Y} y2={yAt(DEPTH_MAX_MM)} className="stroke-stone-500" />
      {SCALE_TICKS_MM.map((tickMm, i) => {
        const major = i % 5 === 0;
        return (
          <g key={tickMm}>
            <line x1={AXIS_X - (major ? 6 : 3)} x2={AXIS_X} y1={yAt(tickMm)} y2={yAt(tickMm)} className="stroke-stone-500" />
            {major ? (
              <text x={AXIS_X - 9} y={yAt(tickMm) + 5} textAnchor="end" className="fill-stone-700 text-sm tabular-nums">
                {tickMm === 0 ? "0" : tickMm.toFixed(1)}
              </text>
            ) : null}
          </g>
        );
      })}
      <text x={AXIS_X - 9} y={SURFACE_Y - 14} textAnchor="end" className="fill-stone-700 text-sm">
        mm
      </text>

      {/* Depth guide, needle and pigment */}
      <line x1={AXIS_X} x2={NEEDLE_X} y1={tipY} y2={tipY} strokeWidth={1.5} strokeDasharray="4 3" className={tone.guide} />
      <polygon points={depthArrowPoints(tipY)} className={`${tone.guide} fill-white`} strokeWidth={1.5} />
      <polygon points={needlePoints(tipY)} className="fill-neutral-300 stroke-neutral-700" />
      {outcome === "too-deep" ? <circle cx={NEEDLE_X} cy={tipY} r={11} filter={`url(#${spreadBlurId})`} className="fill-sky-700 opacity-60" /> : null}
      <circle cx={NEEDLE_X} cy={tipY} r={4} className="fill-neutral-900" />
      <text
        x={NEEDLE_X + 10}
        y={26}
        strokeWidth={4}
        strokeLinejoin="round"
        className={`${tone.readout} stroke-white text-sm font-semibold tabular-nums [paint-order:stroke]`}
      >
        {`${mm} mm`}
      </text>

      {/* Labels */}
      <text
        x={SKIN_X + 6}
        y={yAt(0.35) + 5}
        strokeWidth={4}
        strokeLinejoin="round"
        className="fill-amber-900 stroke-white text-sm font-semibold [paint-order:stroke]"
      >
        Target
      </text>
      <text x={LABEL_X} y={SURFACE_Y - 8} textAnchor="end" strokeWidth={4} strokeLinejoin="round" className={LABEL_CLASS}>
        Epidermis
      </text>
      <text x={LABEL_X} y={yAt(0.3) + 5} textAnchor="end" strokeWidth={4} strokeLinejoin="round" className={LABEL_CLASS}>
        Papillary dermis
      </text>
      <text x={LABEL_X} y={yAt(1.0) + 5} textAnchor="end" strokeWidth={4} strokeLinejoin="round" className={LABEL_CLASS}>
        Reticular dermis
      </text>
      <text x={LABEL_X} y={yAt(2.05) + 5} textAnchor="end" strokeWidth={4} strokeLinejoin="round" className={LABEL_CLASS}>
        Hypodermis (fat)
      </text>
    </svg>
  );
}

function HealedDotPreview({ outcome, blurId }: { outcome: DepthOutcome; blurId: string }) {
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true" className="h-16 w-16 shrink-0">
      <defs>
        <filter id={blurId} x="-100%" y="-100%" width="300%" height="300%">
          <feGaussianBlur stdDeviation="2.5" />
        </filter>
      </defs>
      <rect x={1} y={1} width={62} height={62} rx={8} className="fill-stone-100 stroke-stone-300" />
      {outcome === "on-target" ? <circle cx={32} cy={32} r={7} className="fill-neutral-800" /> : null}
      {outcome === "too-shallow" ? (
        <g>
          <circle cx={32} cy={32} r={7} className="fill-neutral-400 opacity-50" />
          <circle cx={29} cy={30} r={2.2} className="fill-neutral-600 opacity-70" />
          <circle cx={35} cy={34} r={1.6} className="fill-neutral-600 opacity-70" />
          <circle cx={30} cy={36} r={1.4} className="fill-neutral-600 opacity-60" />
          <circle cx={36} cy={28} r={1.2} className="fill-neutral-600 opacity-60" />
        </g>
      ) : null}
      {outcome === "too-deep" ? (
        <g filter={`url(#${blurId})`}>
          <circle cx={32} cy={32} r={13} className="fill-sky-800 opacity-60" />
          <circle cx={32} cy={32} r={7} className="fill-neutral-700 opacity-70" />
        </g>
      ) : null}
    </svg>
  );
}
