/**
 * How long a learner stays on a module before "Mark complete" is offered even if they have not
 * scrolled to its end (a screen reader or a very tall screen may never scroll): half the module's
 * stated reading time, at least one minute and at most five.
 */
export function readingDwellMs(minutes: number): number {
  const half = (Math.max(0, minutes) * 60_000) / 2;
  return Math.min(5 * 60_000, Math.max(60_000, half));
}
