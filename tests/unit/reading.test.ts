import { describe, expect, it } from "vitest";
import { readingDwellMs } from "~/modules/progress/reading";

describe("readingDwellMs", () => {
  it("is half the stated reading time, between one and five minutes", () => {
    expect(readingDwellMs(6)).toBe(3 * 60_000);
    expect(readingDwellMs(1)).toBe(60_000);
    expect(readingDwellMs(0)).toBe(60_000);
    expect(readingDwellMs(45)).toBe(5 * 60_000);
    expect(readingDwellMs(10)).toBe(5 * 60_000);
  });
});
