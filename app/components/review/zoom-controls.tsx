import { zoomPercent, type ViewerCommand } from "~/components/review/viewer-math";
import { CONTROL_BUTTON } from "~/components/review/viewer-styles";

export type ZoomControlsProps = {
  /** At the fit scale: "Zoom out" is shown disabled. */
  atFit: boolean;
  /** At the largest scale: "Zoom in" is shown disabled. */
  atMax: boolean;
  /** The current scale, for the readout. */
  scale: number;
  onCommand: (command: ViewerCommand) => void;
};

/**
 * The zoom buttons (out, in, fit, 1:1) and the current zoom readout. Buttons at a limit stay
 * focusable and are marked aria-disabled rather than disabled.
 */
export function ZoomControls({ atFit, atMax, scale, onCommand }: ZoomControlsProps) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Zoom" className="flex flex-wrap gap-2">
        <button type="button" className={CONTROL_BUTTON} aria-disabled={atFit} onClick={() => onCommand({ kind: "zoom-out" })}>
          Zoom out
        </button>
        <button type="button" className={CONTROL_BUTTON} aria-disabled={atMax} onClick={() => onCommand({ kind: "zoom-in" })}>
          Zoom in
        </button>
        <button type="button" className={CONTROL_BUTTON} onClick={() => onCommand({ kind: "fit" })}>
          Fit
        </button>
        <button type="button" className={CONTROL_BUTTON} aria-label="1:1 (actual pixels)" onClick={() => onCommand({ kind: "actual-size" })}>
          1:1
        </button>
      </div>
      <p className="text-sm tabular-nums text-stone-700">
        <span className="sr-only">Current zoom: </span>
        {zoomPercent(scale)}%
      </p>
    </div>
  );
}
