import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NeedleChart } from "~/components/figures/needle-chart";
import {
  CONFIGURATIONS,
  GAUGE_TABLE,
  decodeCartridgeCode,
  describeDecode,
  diameterForGauge,
  formatDiameter,
  normaliseCode,
  type DecodeResult,
} from "~/components/figures/needle-chart/model";

function expectOk(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a decoded code, got ${result.reason}: ${result.message}`);
  return result;
}

function expectFailure(result: DecodeResult): Extract<DecodeResult, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${describeDecode(result)}`);
  return result;
}

describe("diameterForGauge", () => {
  it("gives the diameters both supplier guides agree on (Solong, Big Wasp)", () => {
    for (const [gauge, mm] of [
      [8, 0.25],
      [10, 0.3],
      [12, 0.35],
    ] as const) {
      const d = diameterForGauge(gauge);
      expect(d).toMatchObject({ known: true, gauge, agreement: "agreed" });
      if (!d.known) throw new Error("unreachable");
      expect(d.readings).toHaveLength(1);
      expect(d.readings[0]?.mm).toBe(mm);
      expect(d.readings[0]?.sources).toEqual(["Solong", "Big Wasp"]);
    }
  });

  it("keeps both values for #6 instead of picking one: 0.20 mm (Solong) and 0.22 mm (Big Wasp)", () => {
    const d = diameterForGauge(6);
    expect(d).toMatchObject({ known: true, agreement: "disputed" });
    if (!d.known) throw new Error("unreachable");
    expect(d.readings.map((r) => [r.mm, ...r.sources])).toEqual([
      [0.2, "Solong"],
      [0.22, "Big Wasp"],
    ]);
  });

  it("marks #4 (0.18 mm) and #14 (0.40 mm) as one supplier only", () => {
    const four = diameterForGauge(4);
    const fourteen = diameterForGauge(14);
    expect(four).toMatchObject({ known: true, agreement: "one-source", readings: [{ mm: 0.18, sources: ["Big Wasp"] }] });
    expect(fourteen).toMatchObject({ known: true, agreement: "one-source", readings: [{ mm: 0.4, sources: ["Big Wasp"] }] });
  });

  it("returns unknown for gauges the sources do not list, and for non-integers", () => {
    for (const gauge of [5, 7, 16, 0, -12, 12.5, Number.NaN]) {
      expect(diameterForGauge(gauge)).toEqual({ known: false, gauge });
    }
  });

  it("covers every row of the table, thinnest first", () => {
    const mm = GAUGE_TABLE.map((row) => Math.min(...row.readings.map((r) => r.mm)));
    expect([...mm].sort((a, b) => a - b)).toEqual(mm);
    for (const row of GAUGE_TABLE) expect(diameterForGauge(row.gauge).known).toBe(true);
  });
});

describe("formatDiameter", () => {
  it("states agreed, disputed, one-source and unknown diameters in words", () => {
    expect(formatDiameter(diameterForGauge(12))).toBe("0.35 mm");
    expect(formatDiameter(diameterForGauge(10))).toBe("0.30 mm");
    expect(formatDiameter(diameterForGauge(6))).toBe("0.20 mm (Solong) or 0.22 mm (Big Wasp): suppliers disagree");
    expect(formatDiameter(diameterForGauge(4))).toBe("0.18 mm (one supplier only: Big Wasp)");
    expect(formatDiameter(diameterForGauge(5))).toBe("no diameter given in this course’s sources");
  });
});

describe("decodeCartridgeCode: codes it can read", () => {
  it("decodes 1207RL as #12 (0.35 mm), 7 needles, round liner (Solong's worked example)", () => {
    const r = expectOk(decodeCartridgeCode("1207RL"));
    expect(r.code).toBe("1207RL");
    expect(r.gauge).toBe(12);
    expect(formatDiameter(r.diameter)).toBe("0.35 mm");
    expect(r.needleCount).toBe(7);
    expect(r.configuration).toEqual({ code: "RL", covered: true, name: "round liner" });
  });

  it("decodes 0603RL with the #6 disagreement shown, not hidden", () => {
    const r = expectOk(decodeCartridgeCode("0603RL"));
    expect(r.gauge).toBe(6);
    expect(r.needleCount).toBe(3);
    expect(r.diameter).toMatchObject({ known: true, agreement: "disputed" });
    expect(describeDecode(r)).toContain("0.20 mm (Solong) or 0.22 mm (Big Wasp)");
  });

  it("decodes 0803RL and 1001RL", () => {
    const eight = expectOk(decodeCartridgeCode("0803RL"));
    expect([eight.gauge, eight.needleCount, formatDiameter(eight.diameter)]).toEqual([8, 3, "0.25 mm"]);
    const single = expectOk(decodeCartridgeCode("1001RL"));
    expect([single.gauge, single.needleCount]).toEqual([10, 1]);
    expect(describeDecode(single)).toContain("1 needle;");
  });

  it("reads lower-case and spaced codes the same as the printed form", () => {
    for (const input of ["1207rl", " 1207RL ", "12 07 RL", "1207 rl", "\t1207Rl\n"]) {
      const r = expectOk(decodeCartridgeCode(input));
      expect(r.code).toBe("1207RL");
      expect(r.gauge).toBe(12);
      expect(r.needleCount).toBe(7);
      expect(r.configuration.covered).toBe(true);
    }
  });

  it("reads the digits of configurations it does not cover, and says they are not covered", () => {
    for (const [input, config] of [
      ["1003RS", "RS"],
      ["1207M1", "M1"],
      ["1209CM", "CM"],
      ["0803RLLT", "RLLT"],
    ] as const) {
      const r = expectOk(decodeCartridgeCode(input));
      expect(r.configuration).toEqual({ code: config, covered: false });
      expect(describeDecode(r)).toContain(`configuration ${config}, which is not covered in this course`);
    }
    const rs = expectOk(decodeCartridgeCode("1003RS"));
    expect([rs.gauge, rs.needleCount, formatDiameter(rs.diameter)]).toEqual([10, 3, "0.30 mm"]);
  });

  it("decodes a gauge the sources do not list but says its diameter is unknown", () => {
    const r = expectOk(decodeCartridgeCode("0503RL"));
    expect(r.gauge).toBe(5);
    expect(r.diameter).toEqual({ known: false, gauge: 5 });
    expect(describeDecode(r)).toContain("no diameter given in this course’s sources");
    expect(expectOk(decodeCartridgeCode("1603RL")).diameter.known).toBe(false);
  });

  it("only names configurations the course's sources support", () => {
    expect(Object.keys(CONFIGURATIONS)).toEqual(["RL"]);
  });
});

describe("decodeCartridgeCode: codes it rejects", () => {
  it("rejects grouping shorthand like 12RL and explains the four digits", () => {
    const r = expectFailure(decodeCartridgeCode("12RL"));
    expect(r.reason).toBe("too-few-digits");
    expect(r.message).toContain("has 2 digits");
    expect(r.message).toContain("1207RL");
    expect(expectFailure(decodeCartridgeCode("3RL")).message).toContain("has 1 digit before");
  });

  it("rejects codes with no digits", () => {
    expect(expectFailure(decodeCartridgeCode("abc")).reason).toBe("missing-digits");
    expect(expectFailure(decodeCartridgeCode("RL1207")).reason).toBe("missing-digits");
  });

  it("rejects empty and blank input", () => {
    expect(expectFailure(decodeCartridgeCode("")).reason).toBe("empty");
    expect(expectFailure(decodeCartridgeCode("   ")).reason).toBe("empty");
  });

  it("rejects punctuation and other characters", () => {
    for (const input of ["12-07-RL", "1207/RL", "#1207RL", "1207RL!", "1207ŘL"]) {
      expect(expectFailure(decodeCartridgeCode(input)).reason).toBe("invalid-characters");
    }
  });

  it("rejects the wrong number of digits", () => {
    expect(expectFailure(decodeCartridgeCode("120RL")).reason).toBe("too-few-digits");
    expect(expectFailure(decodeCartridgeCode("12007RL")).reason).toBe("too-many-digits");
  });

  it("rejects digits with no configuration letters", () => {
    const r = expectFailure(decodeCartridgeCode("1207"));
    expect(r.reason).toBe("missing-configuration");
    expect(r.message).toContain("1207RL");
  });

  it("rejects a zero gauge or zero needles", () => {
    expect(expectFailure(decodeCartridgeCode("0007RL")).reason).toBe("zero-gauge");
    expect(expectFailure(decodeCartridgeCode("1200RL")).reason).toBe("zero-needles");
  });

  it("quotes the learner's input back, trimmed, in the message", () => {
    const r = expectFailure(decodeCartridgeCode("  12rl "));
    expect(r.input).toBe("12rl");
    expect(r.message.startsWith("“12rl”")).toBe(true);
  });
});

describe("normaliseCode and describeDecode", () => {
  it("strips all whitespace and upper-cases", () => {
    expect(normaliseCode(" 08 03 rl ")).toBe("0803RL");
  });

  it("describes a decoded code in one sentence", () => {
    expect(describeDecode(decodeCartridgeCode("1207RL"))).toBe("1207RL: gauge #12, each needle 0.35 mm; 7 needles; configuration RL, round liner.");
  });

  it("describes a failure with its message", () => {
    const r = decodeCartridgeCode("abc");
    expect(describeDecode(r)).toBe(expectFailure(r).message);
  });
});

describe("NeedleChart first render", () => {
  it("renders the same markup every time, with the default code decoded", () => {
    const first = renderToString(createElement(NeedleChart));
    expect(renderToString(createElement(NeedleChart))).toBe(first);
    expect(first).toContain("1207RL: gauge #12, each needle 0.35 mm; 7 needles; configuration RL, round liner.");
    expect(first).toContain("Suppliers disagree");
  });

  it("shows the validation message for a bad starting code", () => {
    const html = renderToString(createElement(NeedleChart, { initialCode: "12RL" }));
    expect(html).toContain("Cannot decode this code");
    expect(html).toContain('aria-invalid="true"');
  });
});
