import { useId, useState, type ChangeEvent } from "react";

/*
 * Every recommendation here is industry practice, not evidence: the shade habits come from
 * trainer, supplier and clinic pages (Karen Nicolaou, Luxe Micro, Pro-Micro, Scalp Amplified,
 * Maryam Collahi, ScalpGenesis, ScalpStudio, TeamMicro, Vinci). No source publishes
 * pigment-to-diluent ratios, so the guide speaks in relative steps only. Three choices are this
 * figure's own conventions and are said so in its text: which stubble colour maps to which
 * step, moving "one step" for darker skin and for the first session, and treating Fitzpatrick
 * IV–VI as "darker skin" (the grouping Bendick et al. use for risk).
 */

export const FITZPATRICK_TYPES = ["I", "II", "III", "IV", "V", "VI"] as const;
export type FitzpatrickType = (typeof FITZPATRICK_TYPES)[number];

export const HAIR_COLOURS = ["black", "dark-brown", "mid-brown", "light-brown-blond", "grey-white"] as const;
export type HairColour = (typeof HAIR_COLOURS)[number];

/** Relative dilution steps, lightest (most diluent) first. Not ratios: no source gives ratios. */
export const SHADE_STEPS = ["light", "medium", "dark", "darkest"] as const;
export type ShadeStep = (typeof SHADE_STEPS)[number];

export const EVIDENCE_STATUS = "Industry practice, not evidence";

export const HAIR_COLOUR_LABELS: Record<HairColour, string> = {
  black: "Black",
  "dark-brown": "Dark brown",
  "mid-brown": "Mid brown",
  "light-brown-blond": "Light brown or blond",
  "grey-white": "Grey or white",
};

export const SHADE_STEP_LABELS: Record<ShadeStep, string> = {
  light: "Light",
  medium: "Medium",
  dark: "Dark",
  darkest: "Darkest",
};

const SHADE_STEP_WATER: Record<ShadeStep, string> = {
  light: "most diluent",
  medium: "more diluent",
  dark: "less diluent",
  darkest: "least diluent",
};

/*
 * Lighter stubble, more diluent (Luxe Micro; Pro-Micro). Grey or white stubble has no step:
 * none of the sources says how to match it.
 */
const STUBBLE_STEP: Record<HairColour, ShadeStep | null> = {
  black: "darkest",
  "dark-brown": "dark",
  "mid-brown": "medium",
  "light-brown-blond": "light",
  "grey-white": null,
};

const DARKER_SKIN_TYPES: ReadonlySet<FitzpatrickType> = new Set(["IV", "V", "VI"]);

/** True when the string is one of the six Fitzpatrick types, I to VI. */
export function isFitzpatrickType(value: string): value is FitzpatrickType {
  return (FITZPATRICK_TYPES as readonly string[]).includes(value);
}

/** True when the string is one of the stubble colours this guide offers. */
export function isHairColour(value: string): value is HairColour {
  return (HAIR_COLOURS as readonly string[]).includes(value);
}

function assertInputs(fitzpatrick: string, hairColour: string): void {
  if (!isFitzpatrickType(fitzpatrick)) {
    throw new RangeError(`pigmentAdvice: unknown Fitzpatrick type "${fitzpatrick}"`);
  }
  if (!isHairColour(hairColour)) {
    throw new RangeError(`pigmentAdvice: unknown hair colour "${hairColour}"`);
  }
}

/**
 * The option label for a Fitzpatrick type. Only the two ends of the scale carry the 1988
 * descriptions, because those are the only descriptions the course's sources quote.
 */
export function fitzpatrickLabel(type: FitzpatrickType): string {
  if (type === "I") return "Type I: always burns, never tans";
  if (type === "VI") return "Type VI: never burns";
  return `Type ${type}`;
}

/** True for Fitzpatrick IV–VI, the types this guide treats as darker skin with higher risks. */
export function isDarkerSkinType(type: FitzpatrickType): boolean {
  return DARKER_SKIN_TYPES.has(type);
}

/** Moves a step by `by` places (positive = darker), stopping at light and darkest. */
export function shiftShade(step: ShadeStep, by: number): ShadeStep {
  const index = SHADE_STEPS.indexOf(step) + Math.trunc(by);
  const clamped = Math.min(SHADE_STEPS.length - 1, Math.max(0, index));
  return SHADE_STEPS[clamped] ?? step;
}

/** Where a step sits from lightest (0) to darkest (3). */
export function shadeRank(step: ShadeStep): number {
  return SHADE_STEPS.indexOf(step);
}

/** The step matching the stubble at the root, or null when no source covers that colour. */
export function stubbleShade(hairColour: HairColour): ShadeStep | null {
  return STUBBLE_STEP[hairColour];
}

/**
 * The healed shade to aim for: the stubble's step, one step darker for Fitzpatrick IV–VI
 * ("darker skin, darker pigment": TeamMicro, Vinci). Null for grey or white stubble.
 */
export function targetShade(fitzpatrick: FitzpatrickType, hairColour: HairColour): ShadeStep | null {
  const stubble = stubbleShade(hairColour);
  if (stubble === null) return null;
  return isDarkerSkinType(fitzpatrick) ? shiftShade(stubble, 1) : stubble;
}

/**
 * The step to start the first session at: one step lighter than the target, but never lighter
 * than the lightest step ("go light first": Scalp Amplified, Maryam Collahi). Null when there
 * is no target.
 */
export function firstSessionShade(fitzpatrick: FitzpatrickType, hairColour: HairColour): ShadeStep | null {
  const target = targetShade(fitzpatrick, hairColour);
  return target === null ? null : shiftShade(target, -1);
}

export type PigmentAdvice = {
  fitzpatrick: FitzpatrickType;
  hairColour: HairColour;
  /** Step matching the stubble at the root, before any skin adjustment. */
  stubble: ShadeStep | null;
  /** Healed shade to aim for over the course of sessions. */
  target: ShadeStep | null;
  /** Step to start the first session at. */
  firstSession: ShadeStep | null;
  /** Whether the skin type moved the target one step darker. */
  skinStepApplied: boolean;
  /** Whether the skin type called for a darker step but the stubble was already darkest. */
  skinStepCapped: boolean;
  /** Whether the first session could not go lighter than the target (already the lightest). */
  startsAtTarget: boolean;
  /** One sentence stating the result, for the live region. */
  summary: string;
  firstSessionGuidance: string[];
  healedVsFresh: string[];
  /** Empty for types I–III: the sources give no type-specific risk for them. */
  riskNotes: string[];
};

function stepName(step: ShadeStep): string {
  return SHADE_STEP_LABELS[step].toLowerCase();
}

/**
 * The guide's advice for a skin type and stubble colour: relative steps (never ratios), the
 * first-session plan, healed-versus-fresh expectations and risk notes, each labelled as
 * industry practice where it is. Throws a RangeError for an unknown type or colour.
 */
export function pigmentAdvice(fitzpatrick: FitzpatrickType, hairColour: HairColour): PigmentAdvice {
  assertInputs(fitzpatrick, hairColour);
  const stubble = stubbleShade(hairColour);
  const target = targetShade(fitzpatrick, hairColour);
  const firstSession = firstSessionShade(fitzpatrick, hairColour);
  const darkerSkin = isDarkerSkinType(fitzpatrick);
  const skinStepApplied = stubble !== null && target !== null && target !== stubble;
  const skinStepCapped = darkerSkin && stubble === "darkest";
  const startsAtTarget = target !== null && firstSession === target;
  const hair = HAIR_COLOUR_LABELS[hairColour].toLowerCase();
  const who = `Fitzpatrick type ${fitzpatrick} with ${hair} stubble`;

  let summary: string;
  if (target === null || firstSession === null) {
    summary = `${who}: no source in this course gives a shade for it, so the guide suggests no step. The general practice still applies: go light first. ${EVIDENCE_STATUS}.`;
  } else {
    const why = skinStepApplied ? ` (${stepName(stubble ?? target)} for the stubble, one step darker for type IV–VI skin)` : "";
    const start = startsAtTarget
      ? `Start the first session at ${stepName(firstSession)} too: it is already the lightest step in this guide.`
      : `Start the first session one step lighter, at ${stepName(firstSession)}.`;
    summary = `${who}: aim for the ${stepName(target)} step once healed${why}. ${start} ${EVIDENCE_STATUS}.`;
  }

  const firstSessionGuidance: string[] = [];
  if (firstSession === null) {
    firstSessionGuidance.push(
      "No source in this course says how to match grey or white stubble, so the guide gives no step. Ask your trainer, and follow the general practice: start light and build darker (Scalp Amplified; Maryam Collahi). Industry practice, not evidence.",
    );
  } else {
    firstSessionGuidance.push(
      startsAtTarget
        ? `Start at ${stepName(firstSession)}. The aim is already the lightest step in this guide, and no source says how much lighter a first session should be. Go light first, build darker later (Scalp Amplified; Maryam Collahi; Karen Nicolaou). Industry practice, not evidence.`
        : `Start at ${stepName(firstSession)}, one step lighter than the ${stepName(target ?? firstSession)} aim, and build darker at later sessions (Scalp Amplified; Maryam Collahi; Karen Nicolaou). Industry practice, not evidence; "one step" is this guide's convention.`,
    );
  }
  firstSessionGuidance.push("Match the colour of the stubble at the root, not the longer hair (ScalpGenesis). Industry practice, not evidence.");
  if (darkerSkin) {
    firstSessionGuidance.push(
      skinStepCapped
        ? "Darker skin takes darker pigment and slightly larger dots, without letting dots merge (TeamMicro; Vinci). Black stubble is already at the darkest step, so the guide cannot go darker. Industry practice, not evidence; treating types IV–VI as darker skin is this guide’s convention."
        : "Darker skin takes darker pigment and slightly larger dots, without letting dots merge (TeamMicro; Vinci). Industry practice, not evidence; treating types IV–VI as darker skin, and moving one step, are this guide’s conventions.",
    );
  }
  firstSessionGuidance.push(
    "Measure the dilution by syringe against your supplier’s chart (Luxe Micro; Pro-Micro): more diluent, lighter shade. No source gives ratios, so the steps here are relative.",
    "Dilute only with sterile water from a sealed single-use container or the pigment maker’s own diluent, in a single-use cap; never distilled, deionised or tap water, and never pour back (CDC, MMWR 2012;61(33):653–656).",
  );

  const healedVsFresh = [
    "Fresh dots look darker on the day than they will once healed: healed pigment reads lighter than fresh (ScalpStudio). Industry practice, not evidence.",
    "Judge the shade at the healed review, against the stubble at the root, before you go darker.",
    "Pak (BaldingBlog) says all pigment under the skin looks faintly blue or green within weeks; vendors dispute this, and it is an opinion, not a study.",
  ];

  const riskNotes = darkerSkin
    ? [
        "Types IV–VI carry a higher risk of colour shift, hypertrophic scars and keloids after skin interventions (Bendick et al.).",
        "Keloids are 5–15 times commoner in darker skin, peaking at ages 10–40 (Bayat 2005). Ask about keloids and raised scars before planning.",
      ]
    : [];

  return {
    fitzpatrick,
    hairColour,
    stubble,
    target,
    firstSession,
    skinStepApplied,
    skinStepCapped,
    startsAtTarget,
    summary,
    firstSessionGuidance,
    healedVsFresh,
    riskNotes,
  };
}

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

const SWATCH_W = 140;
const SWATCH_H = 96;

// A fixed scatter so server and client draw the same dots.
const DOTS: readonly { x: number; y: number }[] = (() => {
  const dots: { x: number; y: number }[] = [];
  // Park–Miller generator: small enough products to stay exact in double precision.
  let seed = 20_811;
  const next = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  for (let row = 0; row < 5; row += 1) {
    for (let col = 0; col < 7; col += 1) {
      dots.push({
        x: 12 + col * 19.5 + (next() - 0.5) * 9,
        y: 12 + row * 18 + (next() - 0.5) * 8,
      });
    }
  }
  return dots;
})();

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
          <div aria-live="polite" aria-atomic="true" className="rounded-lg border border-l-4 border-stone-300 border-l-stone-700 bg-stone-50 p-4">
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
    { key: "healed", label: "Healed, lighter", x: SWATCH_W + 20, dot: HEALED_DOT[step] },
  ] as const;
  return (
    <figure className="m-0 mt-2">
      <svg viewBox={`0 0 ${SWATCH_W * 2 + 20} ${SWATCH_H + 28}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="block h-auto w-full max-w-sm">
        <title id={titleId}>{`Illustrative swatches: the ${name} step fresh and healed`}</title>
        <desc id={descId}>
          {`Two patches of scattered dots on an illustrative type ${fitzpatrick} skin tone. Left, labelled fresh: the ${name} step as it looks on the day. Right, labelled healed: the same dots drawn lighter, because industry sources say healed pigment reads lighter than fresh. Colours are illustrations, not colour matches.`}
        </desc>
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
