import { LONGEST_SERIES_WEEKS } from "./model";

// Timeline geometry, in viewBox units. The axis always spans the longer series (64 weeks) so
// switching laser type changes the markers, not the scale.
export const TL_W = 280;
export const TL_H = 86;
export const TL_LEFT = 14;
export const TL_RIGHT = TL_W - 14;
export const TL_AXIS_Y = 50;
const TL_MAX_WEEKS = LONGEST_SERIES_WEEKS;
export const TL_TICKS = [0, 16, 32, 48, 64] as const;

/** x of a week on the timeline's axis. */
export function xAtWeek(week: number): number {
  return TL_LEFT + (week / TL_MAX_WEEKS) * (TL_RIGHT - TL_LEFT);
}
