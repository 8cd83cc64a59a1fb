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

/** A diameter with two decimals: 0.2 → "0.20 mm". */
export function formatMm(mm: number): string {
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

/** The codes the "Try a code" buttons offer, including two the decoder cannot read. */
export const EXAMPLE_CODES: readonly string[] = ["1207RL", "0603RL", "0803RL", "1003RS", "12RL", "abc"];
/** The code decoded when the figure first renders. */
export const DEFAULT_CODE = "1207RL";

/** The two SMP size ranges the chart brackets, which do not match each other. */
export const SMP_RANGES: readonly { label: string; from: number; to: number }[] = [
  { label: "Rob James; SMP Store: 0.18–0.30 mm", from: 0.18, to: 0.3 },
  { label: "ProHair: 0.15–0.25 mm", from: 0.15, to: 0.25 },
];

/** The chart's text alternative: every gauge's diameter, the SMP ranges and the gauge marked. */
export function chartDescription(highlightGauge: number | null): string {
  const rows = GAUGE_TABLE.map((row) => `#${row.gauge}: ${formatDiameter(diameterForGauge(row.gauge))}`);
  const highlight =
    highlightGauge === null
      ? ""
      : diameterForGauge(highlightGauge).known
        ? ` The bar for #${highlightGauge}, the gauge in your code, is marked.`
        : ` Your code's gauge, #${highlightGauge}, is not on the chart.`;
  return `Horizontal bars of needle diameter in millimetres, from 0 to 0.5 mm. ${rows.join("; ")}. Two brackets above the bars mark SMP size ranges from industry pages: 0.18 to 0.30 mm (Rob James; SMP Store) and 0.15 to 0.25 mm (ProHair).${highlight}`;
}
