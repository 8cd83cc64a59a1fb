import { adviceSpan, DAY_MAX, type Activity } from "./model";

// Bar geometry, in viewBox units: one unit per day across 0–30, stretched to the row width.
export const BAR_W = DAY_MAX;
export const BAR_H = 6;

/** x of the day marker, kept fully inside the bar at day 0 and day 30. */
export function markerX(day: number): number {
  return Math.min(BAR_W - 0.15, Math.max(0.15, day));
}

/**
 * Where the bar's solid part (every source advises against) and striped part (the sources
 * disagree) end; a source with no end date runs the stripes to the end of the bar.
 */
export function barSegments(activity: Activity): { solidEnd: number; stripeEnd: number } {
  const { earliest, latest } = adviceSpan(activity);
  return { solidEnd: earliest ?? BAR_W, stripeEnd: latest ?? BAR_W };
}
