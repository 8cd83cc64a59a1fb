import { describe, expect, it } from "vitest";
import { atRiskReasons } from "~/modules/clinics/at-risk";
import { csvCell, toCsv } from "~/modules/clinics/csv";
import { median } from "~/modules/clinics/dashboard.server";

describe("CSV cells", () => {
  it("neutralise spreadsheet formulas", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    for (const start of ["+1", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(start).replace(/^"/, "")).toMatch(/^'/);
  });

  it("quote commas, quotes and line breaks, and leave plain text alone", () => {
    expect(csvCell("Smith, Jo")).toBe('"Smith, Jo"');
    expect(csvCell('Jo "JJ" Smith')).toBe('"Jo ""JJ"" Smith"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("Lena")).toBe("Lena");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
  });

  it("join rows with CRLF, header first", () => {
    expect(toCsv(["a", "b"], [["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe("at-risk flags", () => {
  const DAY = 86_400_000;
  const now = 100 * DAY;
  it("flags 14 days without activity, two failed attempts, and a revise left for over 7 days", () => {
    expect(atRiskReasons({ lastActivityAt: now - 15 * DAY, enrolledAt: 0, failedAttempts: 0, oldestReviseSince: null }, now)).toEqual([
      "No activity for 15 days",
    ]);
    expect(atRiskReasons({ lastActivityAt: now - DAY, enrolledAt: 0, failedAttempts: 2, oldestReviseSince: now - 8 * DAY }, now)).toEqual([
      "2 failed quiz attempts",
      "Revision requested 8 days ago, not resubmitted",
    ]);
  });

  it("does not flag an active learner, or one enrolled in the last fortnight with nothing done yet", () => {
    expect(atRiskReasons({ lastActivityAt: now - 13 * DAY, enrolledAt: 0, failedAttempts: 1, oldestReviseSince: now - 6 * DAY }, now)).toEqual([]);
    expect(atRiskReasons({ lastActivityAt: null, enrolledAt: now - 3 * DAY, failedAttempts: 0, oldestReviseSince: null }, now)).toEqual([]);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
