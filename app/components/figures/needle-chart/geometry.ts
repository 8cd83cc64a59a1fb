import { GAUGE_TABLE, type GaugeRow } from "./model";

// Chart geometry, in viewBox units.
// The viewBox is about as wide as the figure at 360 px, so text-sm stays near 14 px on phones.
export const VIEW_W = 300;
export const LEFT = 56;
export const RIGHT = 290;
const MAX_MM = 0.5;
const BRACKET_TOP = 18;
const BRACKET_GAP = 34;
const BARS_TOP = 96;
const ROW_H = 30;
export const BAR_H = 18;
export const AXIS_TICKS_MM: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
export const VIEW_H = BARS_TOP + GAUGE_TABLE.length * ROW_H + 56;
/** y of the diameter axis, just below the last bar. */
export const AXIS_Y = BARS_TOP + GAUGE_TABLE.length * ROW_H + 4;

/** x of a diameter (mm) on the chart. */
export function xAt(mm: number): number {
  return LEFT + (mm / MAX_MM) * (RIGHT - LEFT);
}

/** y of the i-th SMP range's label; its bracket hangs just below. */
export function bracketY(i: number): number {
  return BRACKET_TOP + i * BRACKET_GAP;
}

/** The bracket over an SMP range whose label sits at y, as path data. */
export function bracketPath(from: number, to: number, y: number): string {
  return `M ${xAt(from)} ${y + 18} V ${y + 10} H ${xAt(to)} V ${y + 18}`;
}

/** y of the top of the i-th gauge's bar. */
export function rowY(i: number): number {
  return BARS_TOP + i * ROW_H;
}

/**
 * What one gauge's bar spans: the smallest and largest diameter the suppliers give (equal
 * unless they disagree), and whether a single supplier gives it (drawn dashed).
 */
export function gaugeBar(row: GaugeRow): { low: number; high: number; single: boolean } {
  const low = Math.min(...row.readings.map((r) => r.mm));
  const high = Math.max(...row.readings.map((r) => r.mm));
  const single = row.readings.length === 1 && (row.readings[0]?.sources.length ?? 0) < 2;
  return { low, high, single };
}
