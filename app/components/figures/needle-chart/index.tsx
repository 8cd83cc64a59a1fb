import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { AXIS_TICKS_MM, AXIS_Y, BAR_H, bracketPath, bracketY, gaugeBar, LEFT, RIGHT, rowY, VIEW_H, VIEW_W, xAt } from "./geometry";
import {
  chartDescription,
  decodeCartridgeCode,
  DEFAULT_CODE,
  describeDecode,
  diameterForGauge,
  EXAMPLE_CODES,
  formatDiameter,
  formatMm,
  GAUGE_TABLE,
  MAX_CODE_LENGTH,
  SMP_RANGES,
  type DecodeResult,
  type GaugeRow,
} from "./model";

const FOCUS_RING = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-stone-900 focus-visible:ring-offset-2";

/**
 * Gauge-to-diameter chart and table, with a cartridge-code decoder, for MDX course pages.
 * Renders the same markup on the server and on first client render.
 */
export function NeedleChart({ initialCode }: { initialCode?: string }) {
  const start = initialCode ?? DEFAULT_CODE;
  const [draft, setDraft] = useState<string>(start);
  const [submitted, setSubmitted] = useState<string>(start);

  const uid = useId().replace(/:/g, "");
  const ids = {
    input: `${uid}-code`,
    hint: `${uid}-hint`,
    error: `${uid}-error`,
    chartTitle: `${uid}-chart-title`,
    chartDesc: `${uid}-chart-desc`,
    hatch: `${uid}-hatch`,
  };

  const result = decodeCartridgeCode(submitted);
  const highlightGauge = result.ok ? result.gauge : null;

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    setDraft(event.currentTarget.value);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(draft);
  }

  function tryExample(code: string) {
    setDraft(code);
    setSubmitted(code);
  }

  return (
    <div className="not-prose my-8 rounded-xl border border-stone-200 bg-white p-4 text-stone-900 shadow-sm sm:p-5">
      <div className="flex flex-col gap-6 md:flex-row md:items-start">
        <div className="flex min-w-0 flex-col gap-4 md:w-1/2">
          <form onSubmit={handleSubmit} noValidate>
            <label htmlFor={ids.input} className="text-sm font-semibold text-stone-900">
              Cartridge code
            </label>
            <p id={ids.hint} className="mt-1 text-sm text-stone-600">
              Four digits then letters, for example 1207RL. Press Enter or Decode.
            </p>
            <div className="mt-2 flex gap-2">
              <input
                id={ids.input}
                type="text"
                value={draft}
                onChange={handleChange}
                maxLength={MAX_CODE_LENGTH}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                aria-invalid={!result.ok}
                aria-describedby={result.ok ? ids.hint : `${ids.hint} ${ids.error}`}
                className={`min-h-11 w-full min-w-0 rounded-md border px-3 py-2 font-mono text-base text-stone-900 ${FOCUS_RING} ${
                  result.ok ? "border-stone-400" : "border-rose-700"
                }`}
              />
              <button
                type="submit"
                className={`min-h-11 shrink-0 rounded-md border border-stone-900 bg-stone-900 px-4 py-2 text-sm font-semibold text-white hover:bg-stone-700 ${FOCUS_RING}`}
              >
                Decode
              </button>
            </div>
          </form>

          <fieldset className="m-0 border-0 p-0">
            <legend className="mb-2 text-sm font-semibold text-stone-900">Try a code</legend>
            <div className="flex flex-wrap gap-2">
              {EXAMPLE_CODES.map((example) => (
                <button
                  key={example}
                  type="button"
                  onClick={() => tryExample(example)}
                  aria-pressed={submitted === example}
                  className={`min-h-11 rounded-md border px-3 py-2 font-mono text-sm transition-colors ${FOCUS_RING} ${
                    submitted === example ? "border-stone-900 bg-stone-900 text-white" : "border-stone-300 bg-white text-stone-800 hover:bg-stone-100"
                  }`}
                >
                  {example}
                </button>
              ))}
            </div>
          </fieldset>

          <div role="status">
            {result.ok ? (
              <DecodedPanel result={result} />
            ) : (
              <div id={ids.error} className="rounded-lg border border-l-4 border-rose-300 bg-rose-50 p-4 text-rose-950">
                <p className="text-base font-semibold">Cannot decode this code</p>
                <p className="mt-1 text-sm leading-relaxed">{result.message}</p>
              </div>
            )}
          </div>
        </div>

        <figure className="m-0 min-w-0 md:w-1/2">
          <DiameterChart highlightGauge={highlightGauge} titleId={ids.chartTitle} descId={ids.chartDesc} hatchId={ids.hatch} />
          <figcaption className="mt-2 text-sm leading-relaxed text-stone-600">
            Needle diameter by gauge number; the arrow marks the gauge in your code. Dashed outlines mark values from one supplier only. The striped piece of
            the #6 bar is the gap between the two supplier values (0.20 mm Solong, 0.22 mm Big Wasp). The brackets show two SMP size ranges that do not match
            each other.
          </figcaption>
        </figure>
      </div>

      <div className="mt-6 overflow-x-auto" role="region" aria-label="Gauge, diameter and SMP use table" tabIndex={0}>
        <table className="w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left text-sm font-semibold text-stone-900">
            Gauge number, needle diameter and what SMP sources say about each size
          </caption>
          <thead>
            <tr className="border-b-2 border-stone-300">
              <th scope="col" className="py-2 pr-3 font-semibold">
                Gauge
              </th>
              <th scope="col" className="py-2 pr-3 font-semibold">
                Diameter of each needle
              </th>
              <th scope="col" className="py-2 font-semibold">
                Typical SMP use (industry practice)
              </th>
            </tr>
          </thead>
          <tbody>
            {GAUGE_TABLE.map((row) => {
              const current = row.gauge === highlightGauge;
              return (
                <tr key={row.gauge} className={`border-b border-stone-200 align-top ${current ? "bg-amber-50" : ""}`}>
                  <th scope="row" className="py-2 pr-3 font-semibold tabular-nums">
                    #{row.gauge}
                    {current ? (
                      <span className="mt-1 block w-fit rounded border border-amber-700 px-1 text-sm font-medium text-amber-900">your code</span>
                    ) : null}
                  </th>
                  <td className="py-2 pr-3 tabular-nums">
                    <DiameterCell row={row} />
                  </td>
                  <td className="py-2 leading-relaxed text-stone-700">{row.smpUse}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <p className="mt-4 text-sm leading-relaxed text-stone-600">
        Sources: Solong and Big Wasp (gauge guides; the code 1207RL and the name round liner from Solong); Rob James, ProHair and SMP Store (SMP sizes). All are
        supplier or practitioner web pages: industry practice, not evidence. Gauge means the diameter of each needle, not the number of needles (Big Wasp). The
        decoder names only RL, the one configuration these sources describe; other letters are reported as not covered in this course.
      </p>
    </div>
  );
}

function DiameterCell({ row }: { row: GaugeRow }) {
  const diameter = diameterForGauge(row.gauge);
  if (!diameter.known) return null;
  return (
    <>
      {row.readings.map((r, i) => (
        <span key={r.mm} className="block">
          {i > 0 ? "or " : ""}
          <span className="font-semibold">{formatMm(r.mm)}</span> ({r.sources.join(", ")})
        </span>
      ))}
      {diameter.agreement === "disputed" ? <span className="mt-1 block font-medium text-amber-900">Suppliers disagree</span> : null}
      {diameter.agreement === "one-source" ? <span className="mt-1 block text-stone-600">One supplier only</span> : null}
    </>
  );
}

function DecodedPanel({ result }: { result: Extract<DecodeResult, { ok: true }> }) {
  const { configuration } = result;
  return (
    <div className="rounded-lg border border-l-4 border-emerald-300 bg-emerald-50 p-4 text-emerald-950">
      <p className="text-base font-semibold">
        Decoded <span className="font-mono">{result.code}</span>
      </p>
      <p className="sr-only">{describeDecode(result)}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" aria-hidden="true">
        <dt className="font-semibold">Gauge</dt>
        <dd className="m-0">
          #{result.gauge} <span className="text-emerald-900">(digits 1–2)</span>
        </dd>
        <dt className="font-semibold">Diameter</dt>
        <dd className="m-0">{formatDiameter(result.diameter)}</dd>
        <dt className="font-semibold">Needles</dt>
        <dd className="m-0">
          {result.needleCount} <span className="text-emerald-900">(digits 3–4)</span>
        </dd>
        <dt className="font-semibold">Configuration</dt>
        <dd className="m-0">
          <span className="font-mono">{configuration.code}</span>: {configuration.covered ? configuration.name : "not covered in this course"}
        </dd>
      </dl>
      {!result.diameter.known ? <p className="mt-2 text-sm">The sources behind this course list diameters for #4 to #14 (even numbers) only.</p> : null}
    </div>
  );
}

function DiameterChart({ highlightGauge, titleId, descId, hatchId }: { highlightGauge: number | null; titleId: string; descId: string; hatchId: string }) {
  return (
    <svg viewBox={`0 0 ${VIEW_W} ${VIEW_H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="block h-auto w-full">
      <title id={titleId}>Needle diameter by gauge number, with SMP size ranges</title>
      <desc id={descId}>{chartDescription(highlightGauge)}</desc>
      <defs>
        <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="fill-amber-100" />
          <line x1="0" y1="0" x2="0" y2="6" strokeWidth="3" className="stroke-amber-700" />
        </pattern>
      </defs>

      {SMP_RANGES.map((range, i) => {
        const y = bracketY(i);
        const x1 = xAt(range.from);
        const x2 = xAt(range.to);
        return (
          <g key={range.label}>
            <text x={4} y={y + 4} className="fill-stone-700 text-sm">
              {range.label}
            </text>
            <path d={bracketPath(range.from, range.to, y)} fill="none" strokeWidth={1.5} className="stroke-stone-600" />
            <line x1={x1} x2={x1} y1={y + 18} y2={AXIS_Y} strokeDasharray="3 4" className="stroke-stone-300" />
            <line x1={x2} x2={x2} y1={y + 18} y2={AXIS_Y} strokeDasharray="3 4" className="stroke-stone-300" />
          </g>
        );
      })}

      {GAUGE_TABLE.map((row, i) => {
        const y = rowY(i);
        const current = row.gauge === highlightGauge;
        const { low, high, single } = gaugeBar(row);
        return (
          <g key={row.gauge}>
            {current ? (
              <text x={4} y={y + BAR_H / 2 + 5} className="fill-stone-950 text-sm font-bold">
                ▶
              </text>
            ) : null}
            <text
              x={LEFT - 8}
              y={y + BAR_H / 2 + 5}
              textAnchor="end"
              className={`text-sm tabular-nums ${current ? "fill-stone-950 font-bold" : "fill-stone-700"}`}
            >
              {`#${row.gauge}`}
            </text>
            <rect
              x={LEFT}
              y={y}
              width={xAt(low) - LEFT}
              height={BAR_H}
              strokeWidth={current ? 2.5 : 1}
              strokeDasharray={single ? "4 3" : undefined}
              className={current ? "fill-stone-700 stroke-stone-950" : "fill-stone-400 stroke-stone-500"}
            />
            {high > low ? (
              <rect
                x={xAt(low)}
                y={y}
                width={xAt(high) - xAt(low)}
                height={BAR_H}
                fill={`url(#${hatchId})`}
                strokeWidth={current ? 2.5 : 1}
                className={current ? "stroke-stone-950" : "stroke-amber-700"}
              />
            ) : null}
            <text x={xAt(high) + 6} y={y + BAR_H / 2 + 5} className="fill-stone-800 text-sm tabular-nums">
              {high > low ? `${low.toFixed(2)} or ${high.toFixed(2)}` : low.toFixed(2)}
            </text>
          </g>
        );
      })}

      <line x1={LEFT} x2={RIGHT} y1={AXIS_Y} y2={AXIS_Y} className="stroke-stone-500" />
      {AXIS_TICKS_MM.map((mm) => (
        <g key={mm}>
          <line x1={xAt(mm)} x2={xAt(mm)} y1={AXIS_Y} y2={AXIS_Y + 5} className="stroke-stone-500" />
          <text x={xAt(mm)} y={AXIS_Y + 20} textAnchor="middle" className="fill-stone-700 text-sm tabular-nums">
            {mm === 0 ? "0" : mm.toFixed(1)}
          </text>
        </g>
      ))}
      <text x={(LEFT + RIGHT) / 2} y={AXIS_Y + 42} textAnchor="middle" className="fill-stone-700 text-sm">
        Diameter of each needle (mm)
      </text>
    </svg>
  );
}
