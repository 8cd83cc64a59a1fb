import { useId, useState, type ChangeEvent } from "react";
import { DOTS, SWATCH_GAP, SWATCH_H, SWATCH_W } from "./geometry";
import {
  EVIDENCE_STATUS,
  FITZPATRICK_TYPES,
  fitzpatrickLabel,
  HAIR_COLOUR_LABELS,
  HAIR_COLOURS,
  isFitzpatrickType,
  isHairColour,
  pigmentAdvice,
  SHADE_STEP_LABELS,
  SHADE_STEP_WATER,
  SHADE_STEPS,
  swatchDescription,
  swatchTitle,
  type FitzpatrickType,
  type HairColour,
  type PigmentAdvice,
  type ShadeStep,
} from "./model";

// Illustrative colours only: they show "lighter when healed", not a colour match.
const FRESH_DOT: Record<ShadeStep, string> = {
  darkest: "fill-neutral-950",
  dark: "fill-neutral-800",
  medium: "fill-neutral-600",
  light: "fill-neutral-500",
};
const HEALED_DOT: Record<ShadeStep, string> = {
  darkest: "fill-neutral-800",
  dark: "fill-neutral-600",
  medium: "fill-neutral-500",
  light: "fill-neutral-400",
};
const STEP_CHIP: Record<ShadeStep, string> = {
  darkest: "bg-neutral-950",
  dark: "bg-neutral-800",
  medium: "bg-neutral-600",
  light: "bg-neutral-400",
};
const SKIN_FILL: Record<FitzpatrickType, string> = {
  I: "fill-[#f6e2d3]",
  II: "fill-[#ecceb6]",
  III: "fill-[#d8ae8c]",
  IV: "fill-[#b68661]",
  V: "fill-[#875c3e]",
  VI: "fill-[#573a27]",
};

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-stone-900 focus-visible:ring-offset-2";

const SELECT_CLASS = `mt-1 block min-h-11 w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900 ${FOCUS_RING}`;

/**
 * Interactive pigment-shade guide for MDX course pages: pick a Fitzpatrick type and a stubble
 * colour, see a relative starting step, the first-session plan, healed-versus-fresh
 * expectations and risk notes. Renders the same markup on the server and on first client render.
 */
export function PigmentGuide({
  initialFitzpatrick = "III",
  initialHairColour = "dark-brown",
}: {
  initialFitzpatrick?: FitzpatrickType;
  initialHairColour?: HairColour;
}) {
  const [fitzpatrick, setFitzpatrick] = useState<FitzpatrickType>(initialFitzpatrick);
  const [hairColour, setHairColour] = useState<HairColour>(initialHairColour);

  const uid = useId().replace(/:/g, "");
  const ids = {
    skin: `${uid}-skin`,
    skinHint: `${uid}-skin-hint`,
    hair: `${uid}-hair`,
    hairHint: `${uid}-hair-hint`,
    steps: `${uid}-steps`,
    swatchTitle: `${uid}-swatch-title`,
    swatchDesc: `${uid}-swatch-desc`,
  };

  const advice = pigmentAdvice(fitzpatrick, hairColour);

  function handleSkin(event: ChangeEvent<HTMLSelectElement>) {
    const value = event.currentTarget.value;
    if (isFitzpatrickType(value)) setFitzpatrick(value);
  }

  function handleHair(event: ChangeEvent<HTMLSelectElement>) {
    const value = event.currentTarget.value;
    if (isHairColour(value)) setHairColour(value);
  }

  return (
    <div className="not-prose my-8 rounded-xl border border-stone-200 bg-white p-4 text-stone-900 shadow-sm sm:p-5">
      <div className="flex flex-col gap-6 md:flex-row md:items-start">
        <div className="flex min-w-0 flex-col gap-5 md:w-2/5">
          <div>
            <label htmlFor={ids.skin} className="text-sm font-semibold text-stone-900">
              Fitzpatrick skin type
            </label>
            <select id={ids.skin} value={fitzpatrick} onChange={handleSkin} aria-describedby={ids.skinHint} className={SELECT_CLASS}>
              {FITZPATRICK_TYPES.map((type) => (
                <option key={type} value={type}>
                  {fitzpatrickLabel(type)}
                </option>
              ))}
            </select>
            <p id={ids.skinHint} className="mt-1 text-sm leading-relaxed text-stone-600">
              Fitzpatrick 1988 runs from type I, &ldquo;always burns, never tans&rdquo;, to type VI, &ldquo;never burns&rdquo;. Types II–V lie between; our
              sources quote only the two ends.
            </p>
          </div>

          <div>
            <label htmlFor={ids.hair} className="text-sm font-semibold text-stone-900">
              Stubble colour at the root
            </label>
            <select id={ids.hair} value={hairColour} onChange={handleHair} aria-describedby={ids.hairHint} className={SELECT_CLASS}>
              {HAIR_COLOURS.map((colour) => (
                <option key={colour} value={colour}>
                  {HAIR_COLOUR_LABELS[colour]}
                </option>
              ))}
            </select>
            <p id={ids.hairHint} className="mt-1 text-sm leading-relaxed text-stone-600">
              Match the stubble where it leaves the scalp, not the longer hair (ScalpGenesis).
            </p>
          </div>

          <StepScale advice={advice} headingId={ids.steps} />
        </div>

        <div className="flex min-w-0 flex-col gap-4 md:w-3/5">
          <div role="status" className="rounded-lg border border-l-4 border-stone-300 border-l-stone-700 bg-stone-50 p-4">
            <p className="text-xs font-semibold uppercase tracking-wide text-stone-700">{EVIDENCE_STATUS}</p>
            <p className="mt-1 text-base font-semibold leading-snug text-stone-900">{advice.summary}</p>
          </div>

          <section aria-label="First session">
            <h4 className="text-sm font-semibold text-stone-900">First session</h4>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-sm leading-relaxed text-stone-800">
              {advice.firstSessionGuidance.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>

          <section aria-label="Healed versus fresh">
            <h4 className="text-sm font-semibold text-stone-900">Healed versus fresh</h4>
            <Swatches fitzpatrick={fitzpatrick} step={advice.firstSession} titleId={ids.swatchTitle} descId={ids.swatchDesc} />
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm leading-relaxed text-stone-800">
              {advice.healedVsFresh.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>

          {advice.riskNotes.length > 0 ? (
            <section aria-label={`Risk notes for type ${fitzpatrick}`} className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-rose-950">
              <h4 className="text-sm font-semibold">Risk notes for type {fitzpatrick} (IV–VI)</h4>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-sm leading-relaxed">
                {advice.riskNotes.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </section>
          ) : (
            <p className="rounded-md border border-stone-200 bg-stone-50 px-3 py-2 text-sm leading-relaxed text-stone-700">
              Our sources give no type-specific risk note for type {fitzpatrick}. The general cautions in this module (depth, iron oxide, allergy history) still
              apply.
            </p>
          )}
        </div>
      </div>

      <p className="mt-5 border-t border-stone-200 pt-3 text-sm leading-relaxed text-stone-600">
        Sources: dilution and shade habits from Karen Nicolaou, Luxe Micro, Pro-Micro, Scalp Amplified, Maryam Collahi, ScalpGenesis, ScalpStudio, TeamMicro and
        Vinci, all industry pages, so industry practice, not evidence. Skin types: Fitzpatrick 1988. Risks: Bendick et al.; Bayat 2005. Blue or green tinge: Pak
        (BaldingBlog), disputed. Which stubble colour maps to which step, the one-step moves and the IV–VI cut-off are this guide&rsquo;s conventions; no source
        gives ratios. Swatch colours are illustrations, not colour matches.
      </p>
    </div>
  );
}

function StepScale({ advice, headingId }: { advice: PigmentAdvice; headingId: string }) {
  return (
    <div>
      <p id={headingId} className="text-sm font-semibold text-stone-900">
        Dilution steps, most diluent to least
      </p>
      <ol aria-labelledby={headingId} className="mt-2 flex flex-col gap-1.5">
        {SHADE_STEPS.map((step) => {
          const isStart = advice.firstSession === step;
          const isAim = advice.target === step;
          const highlighted = isStart || isAim;
          return (
            <li
              key={step}
              className={`flex items-center gap-3 rounded-md border px-2 py-1.5 text-sm ${
                highlighted ? "border-stone-700 bg-stone-100" : "border-stone-200 bg-white"
              }`}
            >
              <span aria-hidden="true" className={`h-5 w-5 shrink-0 rounded-full ${STEP_CHIP[step]}`} />
              <span className="min-w-0 flex-1">
                <span className="font-medium">{SHADE_STEP_LABELS[step]}</span> <span className="text-stone-600">({SHADE_STEP_WATER[step]})</span>
              </span>
              {isStart ? <span className="rounded bg-stone-800 px-1.5 py-0.5 text-sm font-semibold text-white">Start</span> : null}
              {isAim ? <span className="rounded border border-stone-800 px-1.5 py-0.5 text-sm font-semibold text-stone-900">Aim</span> : null}
            </li>
          );
        })}
      </ol>
      {advice.target === null ? <p className="mt-2 text-sm text-stone-700">No step marked: no source covers grey or white stubble.</p> : null}
    </div>
  );
}

function Swatches({ fitzpatrick, step, titleId, descId }: { fitzpatrick: FitzpatrickType; step: ShadeStep | null; titleId: string; descId: string }) {
  if (step === null) {
    return (
      <p className="mt-1 rounded-md border border-dashed border-stone-300 px-3 py-2 text-sm text-stone-700">
        No swatch: the guide suggests no step for grey or white stubble.
      </p>
    );
  }
  const name = SHADE_STEP_LABELS[step].toLowerCase();
  const panels = [
    { key: "fresh", label: "Fresh, on the day", x: 0, dot: FRESH_DOT[step] },
    { key: "healed", label: "Healed, lighter", x: SWATCH_W + SWATCH_GAP, dot: HEALED_DOT[step] },
  ] as const;
  return (
    <figure className="m-0 mt-2">
      <svg
        viewBox={`0 0 ${SWATCH_W * 2 + SWATCH_GAP} ${SWATCH_H + 28}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="block h-auto w-full max-w-sm"
      >
        <title id={titleId}>{swatchTitle(step)}</title>
        <desc id={descId}>{swatchDescription(fitzpatrick, step)}</desc>
        {panels.map((panel) => (
          <g key={panel.key} transform={`translate(${panel.x} 0)`}>
            <rect x={0} y={0} width={SWATCH_W} height={SWATCH_H} rx={8} className={`${SKIN_FILL[fitzpatrick]} stroke-stone-300`} />
            {DOTS.map((dot) => (
              <circle key={`${dot.x}-${dot.y}`} cx={dot.x} cy={dot.y} r={2.6} className={panel.dot} />
            ))}
            <text x={0} y={SWATCH_H + 20} className="fill-stone-800 text-sm font-medium">
              {panel.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="mt-1 text-sm text-stone-600">
        Illustrative only: first-session step ({name}) on a type {fitzpatrick} skin tone. Real colour depends on pigment, depth and skin.
      </figcaption>
    </figure>
  );
}
