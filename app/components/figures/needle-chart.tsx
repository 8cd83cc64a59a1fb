import { useId, useState, type ChangeEvent, type FormEvent } from "react";

/*
 * Every number here comes from supplier and practitioner web pages (industry practice, not
 * evidence). The two supplier guides agree from #8 upwards but not on #6 (Solong 0.20 mm,
 * Big Wasp 0.22 mm), and #4 and #14 appear in one guide only, so the figure keeps each reading
 * with its source instead of collapsing them into one "official" value.
 */

/** One diameter that one or more suppliers give for a gauge. */
export type DiameterReading = { mm: number; sources: readonly string[] };

export type GaugeRow = {
  gauge: number;
  readings: readonly DiameterReading[];
  /** What the SMP sources say about this size, in words, with their short names. */
  smpUse: string;
};

/** Gauge ↔ diameter ↔ SMP use, thinnest first. */
export const GAUGE_TABLE: readonly GaugeRow[] = [
  {
    gauge: 4,
    readings: [{ mm: 0.18, sources: ["Big Wasp"] }],
    smpUse: "Lower end of the 0.18–0.30 mm range given for SMP (Rob James; SMP Store).",
  },
  {
    gauge: 6,
    readings: [
      { mm: 0.2, sources: ["Solong"] },
      { mm: 0.22, sources: ["Big Wasp"] },
    ],
    smpUse: "Rob James lists 0603 at 0.20 mm and names it a go-to choice. Inside ProHair’s 0.15–0.25 mm range.",
  },
  {
    gauge: 8,
    readings: [{ mm: 0.25, sources: ["Solong", "Big Wasp"] }],
    smpUse: "Rob James names 0803 as a go-to choice. Top of ProHair’s 0.15–0.25 mm range.",
  },
  {
    gauge: 10,
    readings: [{ mm: 0.3, sources: ["Solong", "Big Wasp"] }],
    smpUse: "Upper end of the 0.18–0.30 mm range (Rob James; SMP Store).",
  },
  {
    gauge: 12,
    readings: [{ mm: 0.35, sources: ["Solong", "Big Wasp"] }],
    smpUse: "Over 0.30 mm: used occasionally, for fill or density (SMP Store).",
  },
  {
    gauge: 14,
    readings: [{ mm: 0.4, sources: ["Big Wasp"] }],
    smpUse: "Over 0.30 mm: used occasionally, for fill or density (SMP Store).",
  },
];

export type Agreement = "agreed" | "one-source" | "disputed";

export type GaugeDiameter =
  | { known: false; gauge: number }
  | {
      known: true;
      gauge: number;
      /** agreed: two or more suppliers give the same value; disputed: suppliers differ. */
      agreement: Agreement;
      readings: readonly DiameterReading[];
    };

/**
 * The diameter the course's sources give for a gauge number (#12 → 0.35 mm). Never throws;
 * a gauge the sources do not list, or a non-integer, comes back as `{ known: false }`.
 */
export function diameterForGauge(gauge: number): GaugeDiameter {
  const row = Number.isInteger(gauge) ? GAUGE_TABLE.find((r) => r.gauge === gauge) : undefined;
  if (!row) return { known: false, gauge };
  let agreement: Agreement = "agreed";
  if (row.readings.length > 1) agreement = "disputed";
  else if ((row.readings[0]?.sources.length ?? 0) < 2) agreement = "one-source";
  return { known: true, gauge, agreement, readings: row.readings };
}

function formatMm(mm: number): string {
  return `${mm.toFixed(2)} mm`;
}

/** The diameter in words: "0.35 mm", or both readings when the suppliers disagree. */
export function formatDiameter(diameter: GaugeDiameter): string {
  if (!diameter.known) return "no diameter given in this course’s sources";
  if (diameter.agreement === "disputed") {
    const options = diameter.readings.map((r) => `${formatMm(r.mm)} (${r.sources.join(", ")})`);
    return `${options.join(" or ")}: suppliers disagree`;
  }
  const reading = diameter.readings[0];
  if (!reading) return "no diameter given in this course’s sources";
  if (diameter.agreement === "one-source") {
    return `${formatMm(reading.mm)} (one supplier only: ${reading.sources.join(", ")})`;
  }
  return formatMm(reading.mm);
}

/** Configuration letters this course can support from its sources. */
export const CONFIGURATIONS: Readonly<Record<string, { name: string; source: string }>> = {
  RL: { name: "round liner", source: "Solong" },
};

export type Configuration = { code: string; covered: true; name: string } | { code: string; covered: false };

export type DecodeFailureReason =
  "empty" | "invalid-characters" | "missing-digits" | "too-few-digits" | "too-many-digits" | "missing-configuration" | "zero-gauge" | "zero-needles";

export type DecodeResult =
  | {
      ok: true;
      /** The code as read: spaces removed, letters upper-case. */
      code: string;
      gauge: number;
      diameter: GaugeDiameter;
      needleCount: number;
      configuration: Configuration;
    }
  | { ok: false; input: string; reason: DecodeFailureReason; message: string };

export const MAX_CODE_LENGTH = 16;

/** Removes spaces and upper-cases, so " 1207 rl " reads as "1207RL". */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, "").toUpperCase();
}

function fail(input: string, reason: DecodeFailureReason, message: string): DecodeResult {
  return { ok: false, input, reason, message };
}

/**
 * Reads a cartridge code as gauge (two digits), needle count (two digits) and configuration
 * letters: 1207RL → #12, 7 needles, round liner (Solong). Never throws; a code it cannot read
 * comes back as `{ ok: false, reason, message }`.
 */
export function decodeCartridgeCode(code: string): DecodeResult {
  const input = code.trim();
  const normal = normaliseCode(code);
  if (normal === "") {
    return fail(input, "empty", "Type a cartridge code, for example 1207RL.");
  }
  if (!/^[A-Z0-9]+$/.test(normal)) {
    return fail(input, "invalid-characters", `“${input}” contains characters that are not part of a code. Use only digits and letters, for example 1207RL.`);
  }
  const match = /^(\d*)(.*)$/.exec(normal);
  const digits = match?.[1] ?? "";
  const letters = match?.[2] ?? "";
  if (digits === "") {
    return fail(
      input,
      "missing-digits",
      `“${input}” does not start with digits. A code starts with four digits, two for the gauge and two for the number of needles, then the configuration letters: 1207RL.`,
    );
  }
  if (digits.length < 4) {
    return fail(
      input,
      "too-few-digits",
      `“${input}” has ${digits.length} digit${digits.length === 1 ? "" : "s"} before the letters; a full code has 4: two for the gauge, then two for the number of needles, as in 1207RL. Shorthand such as 1RL or 3RL names only the grouping, not the needle diameter.`,
    );
  }
  if (digits.length > 4) {
    return fail(
      input,
      "too-many-digits",
      `“${input}” has ${digits.length} digits before the letters; a code has exactly 4: two for the gauge, then two for the number of needles, as in 1207RL.`,
    );
  }
  if (letters === "") {
    return fail(input, "missing-configuration", `“${input}” has no configuration letters. Add them after the four digits, for example ${digits}RL.`);
  }
  const gauge = Number(digits.slice(0, 2));
  const needleCount = Number(digits.slice(2, 4));
  if (gauge === 0) {
    return fail(input, "zero-gauge", `“${input}” gives gauge 00, which is not a needle diameter.`);
  }
  if (needleCount === 0) {
    return fail(input, "zero-needles", `“${input}” gives 00 needles; a cartridge has at least one.`);
  }
  const known = CONFIGURATIONS[letters];
  const configuration: Configuration = known ? { code: letters, covered: true, name: known.name } : { code: letters, covered: false };
  return { ok: true, code: normal, gauge, diameter: diameterForGauge(gauge), needleCount, configuration };
}

/** The whole decode in one sentence, for the live region and the figure's text alternative. */
export function describeDecode(result: DecodeResult): string {
  if (!result.ok) return result.message;
  const needles = `${result.needleCount} needle${result.needleCount === 1 ? "" : "s"}`;
  const config = result.configuration.covered
    ? `configuration ${result.configuration.code}, ${result.configuration.name}`
    : `configuration ${result.configuration.code}, which is not covered in this course`;
  return `${result.code}: gauge #${result.gauge}, each needle ${formatDiameter(result.diameter)}; ${needles}; ${config}.`;
}

const EXAMPLE_CODES: readonly string[] = ["1207RL", "0603RL", "0803RL", "1003RS", "12RL", "abc"];
const DEFAULT_CODE = "1207RL";

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

          <div aria-live="polite" aria-atomic="true">
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

// Chart geometry, in viewBox units.
// The viewBox is about as wide as the figure at 360 px, so text-sm stays near 14 px on phones.
const VIEW_W = 300;
const LEFT = 56;
const RIGHT = 290;
const MAX_MM = 0.5;
const BRACKET_TOP = 18;
const BRACKET_GAP = 34;
const BARS_TOP = 96;
const ROW_H = 30;
const BAR_H = 18;
const AXIS_TICKS_MM: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
const VIEW_H = BARS_TOP + GAUGE_TABLE.length * ROW_H + 56;

function xAt(mm: number): number {
  return LEFT + (mm / MAX_MM) * (RIGHT - LEFT);
}

const SMP_RANGES: readonly { label: string; from: number; to: number }[] = [
  { label: "Rob James; SMP Store: 0.18–0.30 mm", from: 0.18, to: 0.3 },
  { label: "ProHair: 0.15–0.25 mm", from: 0.15, to: 0.25 },
];

function chartDescription(highlightGauge: number | null): string {
  const rows = GAUGE_TABLE.map((row) => `#${row.gauge}: ${formatDiameter(diameterForGauge(row.gauge))}`);
  const highlight =
    highlightGauge === null
      ? ""
      : diameterForGauge(highlightGauge).known
        ? ` The bar for #${highlightGauge}, the gauge in your code, is marked.`
        : ` Your code's gauge, #${highlightGauge}, is not on the chart.`;
  return `Horizontal bars of needle diameter in millimetres, from 0 to 0.5 mm. ${rows.join("; ")}. Two brackets above the bars mark SMP size ranges from industry pages: 0.18 to 0.30 mm (Rob James; SMP Store) and 0.15 to 0.25 mm (ProHair).${highlight}`;
}

function DiameterChart({ highlightGauge, titleId, descId, hatchId }: { highlightGauge: number | null; titleId: string; descId: string; hatchId: string }) {
  const axisY = BARS_TOP + GAUGE_TABLE.length * ROW_H + 4;
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
        const y = BRACKET_TOP + i * BRACKET_GAP;
        const x1 = xAt(range.from);
        const x2 = xAt(range.to);
        return (
          <g key={range.label}>
            <text x={4} y={y + 4} className="fill-stone-700 text-sm">
              {range.label}
            </text>
            <path d={`M ${x1} ${y + 18} V ${y + 10} H ${x2} V ${y + 18}`} fill="none" strokeWidth={1.5} className="stroke-stone-600" />
            <line x1={x1} x2={x1} y1={y + 18} y2={axisY} strokeDasharray="3 4" className="stroke-stone-300" />
            <line x1={x2} x2={x2} y1={y + 18} y2={axisY} strokeDasharray="3 4" className="stroke-stone-300" />
          </g>
        );
      })}

      {GAUGE_TABLE.map((row, i) => {
        const y = BARS_TOP + i * ROW_H;
        const current = row.gauge === highlightGauge;
        const low = Math.min(...row.readings.map((r) => r.mm));
        const high = Math.max(...row.readings.map((r) => r.mm));
        const single = row.readings.length === 1 && (row.readings[0]?.sources.length ?? 0) < 2;
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

      <line x1={LEFT} x2={RIGHT} y1={axisY} y2={axisY} className="stroke-stone-500" />
      {AXIS_TICKS_MM.map((mm) => (
        <g key={mm}>
          <line x1={xAt(mm)} x2={xAt(mm)} y1={axisY} y2={axisY + 5} className="stroke-stone-500" />
          <text x={xAt(mm)} y={axisY + 20} textAnchor="middle" className="fill-stone-700 text-sm tabular-nums">
            {mm === 0 ? "0" : mm.toFixed(1)}
          </text>
        </g>
      ))}
      <text x={(LEFT + RIGHT) / 2} y={axisY + 42} textAnchor="middle" className="fill-stone-700 text-sm">
        Diameter of each needle (mm)
      </text>
    </svg>
  );
}
