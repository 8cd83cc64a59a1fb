import { useId, useState, type ChangeEvent } from "react";
import { LANDMARK_SHAPE } from "./geometry";
import {
  ALL_SHOWN,
  DEFAULT_MFP_CM,
  DEFAULT_STAGE,
  formatCm,
  isLandmark,
  isNorwoodStage,
  LANDMARK_HINTS,
  LANDMARK_LABELS,
  LANDMARKS,
  MFP_MAX_CM,
  MFP_MIN_CM,
  MFP_STEP_CM,
  midFrontalPointLabel,
  midFrontalPointNotes,
  NORWOOD_STAGES,
  snapMidFrontalPoint,
  stageGuidance,
  stageOutline,
  viewDescription,
  viewTitle,
  type Landmark,
  type NorwoodStage,
} from "./model";
import { FrontView, MarkerIcon, SideView } from "./views";

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-stone-900 focus-visible:ring-offset-2";

/**
 * Interactive front and side schematic of hairline design across Hamilton–Norwood types, for
 * MDX course pages. Renders the same markup on the server and on first client render.
 */
export function HairlineShapes({ initialStage, initialMfpCm }: { initialStage?: NorwoodStage; initialMfpCm?: number }) {
  const [stage, setStage] = useState<NorwoodStage>(initialStage ?? DEFAULT_STAGE);
  const [mfpCm, setMfpCm] = useState<number>(() =>
    snapMidFrontalPoint(initialMfpCm !== undefined && Number.isFinite(initialMfpCm) ? initialMfpCm : DEFAULT_MFP_CM),
  );
  const [shown, setShown] = useState<Record<Landmark, boolean>>(ALL_SHOWN);

  const uid = useId().replace(/:/g, "");
  const ids = {
    stageName: `${uid}-stage`,
    slider: `${uid}-mfp`,
    sliderHint: `${uid}-mfp-hint`,
    frontTitle: `${uid}-front-title`,
    frontDesc: `${uid}-front-desc`,
    frontClip: `${uid}-front-clip`,
    frontHair: `${uid}-front-hair`,
    sideTitle: `${uid}-side-title`,
    sideDesc: `${uid}-side-desc`,
    sideClip: `${uid}-side-clip`,
    sideHair: `${uid}-side-hair`,
  };

  const outline = stageOutline(stage);
  const guidance = stageGuidance(stage);
  const shownList = LANDMARKS.filter((landmark) => shown[landmark]);
  const notes = midFrontalPointNotes(mfpCm);

  function handleStage(event: ChangeEvent<HTMLInputElement>) {
    const next = event.currentTarget.value;
    if (isNorwoodStage(next)) setStage(next);
  }

  function handleSlider(event: ChangeEvent<HTMLInputElement>) {
    const next = Number(event.currentTarget.value);
    if (Number.isFinite(next)) setMfpCm(snapMidFrontalPoint(next));
  }

  function handleLandmark(event: ChangeEvent<HTMLInputElement>) {
    const { value, checked } = event.currentTarget;
    if (isLandmark(value)) setShown((prev) => ({ ...prev, [value]: checked }));
  }

  const viewShared = { outline, mfpCm, shown };

  return (
    <div className="not-prose my-8 rounded-xl border border-stone-200 bg-white p-4 text-stone-900 shadow-sm sm:p-5">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="min-w-0">
          <p className="mb-1 text-sm font-semibold text-stone-700" aria-hidden="true">
            Front
          </p>
          <FrontView
            {...viewShared}
            titleId={ids.frontTitle}
            descId={ids.frontDesc}
            clipId={ids.frontClip}
            patternId={ids.frontHair}
            title={viewTitle("front", stage, mfpCm)}
            desc={viewDescription("front", stage, mfpCm, shownList)}
          />
        </div>
        <div className="min-w-0">
          <p className="mb-1 text-sm font-semibold text-stone-700" aria-hidden="true">
            Side
          </p>
          <SideView
            {...viewShared}
            titleId={ids.sideTitle}
            descId={ids.sideDesc}
            clipId={ids.sideClip}
            patternId={ids.sideHair}
            title={viewTitle("side", stage, mfpCm)}
            desc={viewDescription("side", stage, mfpCm, shownList)}
          />
        </div>
      </div>

      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700" aria-label="Key">
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 28 12" aria-hidden="true" className="h-3 w-7 shrink-0">
            <line x1={1} x2={27} y1={6} y2={6} strokeWidth={2.5} strokeDasharray="7 4" className="stroke-brand-700" />
          </svg>
          Planned hairline
        </li>
        <li className="flex items-center gap-2">
          <svg viewBox="0 0 14 14" aria-hidden="true" className="h-4 w-4 shrink-0">
            <rect x={0} y={0} width={14} height={14} rx={2} className="fill-stone-500" />
            <circle cx={4} cy={4} r={1.6} className="fill-stone-800" />
            <circle cx={10} cy={10} r={1.6} className="fill-stone-800" />
            <circle cx={10} cy={4} r={1.2} className="fill-stone-800" />
            <circle cx={4} cy={10} r={1.2} className="fill-stone-800" />
          </svg>
          Remaining hair
        </li>
      </ul>

      <div className="mt-5 grid grid-cols-1 gap-5 md:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-5">
          <fieldset className="m-0 min-w-0 border-0 p-0">
            <legend className="mb-2 text-sm font-semibold text-stone-900">Hamilton–Norwood type (schematic)</legend>
            <div className="flex flex-wrap gap-2">
              {NORWOOD_STAGES.map((option) => {
                const id = `${ids.stageName}-${option}`;
                const checked = option === stage;
                return (
                  <div
                    key={option}
                    className={`flex min-h-11 items-center gap-2 rounded-md border px-3 ${
                      checked ? "border-stone-900 bg-stone-100 font-semibold" : "border-stone-300 bg-white"
                    }`}
                  >
                    <input
                      id={id}
                      type="radio"
                      name={ids.stageName}
                      value={option}
                      checked={checked}
                      onChange={handleStage}
                      className={`h-4 w-4 cursor-pointer accent-stone-900 ${FOCUS_RING}`}
                    />
                    <label htmlFor={id} className="cursor-pointer text-sm">
                      <span className="sr-only">Type </span>
                      {option}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>

          <div>
            <div className="flex items-baseline justify-between gap-3">
              <label htmlFor={ids.slider} className="text-sm font-semibold text-stone-900">
                Mid-frontal point above the glabella
              </label>
              <span className="whitespace-nowrap text-lg font-semibold tabular-nums">{formatCm(mfpCm)} cm</span>
            </div>
            <input
              id={ids.slider}
              type="range"
              min={MFP_MIN_CM}
              max={MFP_MAX_CM}
              step={MFP_STEP_CM}
              value={mfpCm}
              onChange={handleSlider}
              aria-valuetext={midFrontalPointLabel(mfpCm)}
              aria-describedby={ids.sliderHint}
              className={`mt-2 block w-full cursor-pointer rounded accent-brand-700 ${FOCUS_RING}`}
            />
            <div id={ids.sliderHint} className="mt-1 flex justify-between gap-2 text-sm text-stone-600">
              <span>7 cm: aggressive (lower)</span>
              <span className="text-right">10 cm: conservative (higher)</span>
            </div>
          </div>
        </div>

        <fieldset className="m-0 min-w-0 border-0 p-0">
          <legend className="mb-2 text-sm font-semibold text-stone-900">Show landmarks</legend>
          <ul className="flex flex-col gap-2">
            {LANDMARKS.map((landmark) => {
              const id = `${uid}-landmark-${landmark}`;
              return (
                <li key={landmark} className="flex items-start gap-2">
                  <input
                    id={id}
                    type="checkbox"
                    value={landmark}
                    checked={shown[landmark]}
                    onChange={handleLandmark}
                    className={`mt-0.5 h-4 w-4 shrink-0 cursor-pointer accent-stone-900 ${FOCUS_RING}`}
                  />
                  <MarkerIcon shape={LANDMARK_SHAPE[landmark]} />
                  <label htmlFor={id} className="cursor-pointer text-sm leading-snug">
                    <span className="font-medium">{LANDMARK_LABELS[landmark]}</span>
                    <span className="block text-stone-600">{LANDMARK_HINTS[landmark]}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      </div>

      <div role="status" className="mt-5 rounded-lg border border-l-4 border-stone-300 border-l-brand-700 bg-brand-50 p-4 text-stone-900">
        <p className="text-base font-semibold">
          {guidance.name} (schematic): {guidance.pattern}
        </p>
        <p className="mt-2 text-sm leading-relaxed">{guidance.guidance}</p>
        <p className="mt-3 text-sm font-medium">Planned mid-frontal point: {midFrontalPointLabel(mfpCm)}.</p>
        <ul className="mt-1 list-disc pl-5 text-sm leading-relaxed">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </div>

      <p className="mt-4 text-sm leading-relaxed text-stone-600">
        Schematic and not to scale: the loss outlines are simplified drawings of the Hamilton–Norwood types (Gupta &amp; Mysore 2016), without the A and V
        variants, and are not a staging chart. Rules at every type: not too low, frontotemporal angles kept open on the lateral epicanthal line, planned for
        future loss, irregular edge (Shapiro 2013). The 7–10 cm range is from a summary of Shapiro 2013; Garg 2017 gives 8 cm; Tan &amp; Pathomvanich 2016 give
        7–9 cm for East and Southeast Asian hairlines. The rule of thirds is a proportion of the face, so on a long or short face it can give a different
        height. How far the planned angles sit above the mid-frontal point is drawn, not sourced.
      </p>
    </div>
  );
}
