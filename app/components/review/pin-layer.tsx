import { imageToScreen, type Size, type ViewState } from "~/components/review/viewer-math";
import { FOCUS_RING } from "~/components/review/viewer-styles";
import type { ViewerPin } from "~/components/review/viewer-types";

function isFocusVisible(element: Element): boolean {
  try {
    return element.matches(":focus-visible");
  } catch {
    return true; // a browser without :focus-visible: reveal, as for the keyboard
  }
}

function pinLabel(pin: ViewerPin): string {
  const comment = pin.comment.trim() || "no comment yet";
  const criterion = pin.criterionTitle ? ` (${pin.criterionTitle})` : "";
  return `Pin ${pin.number}: ${comment}${criterion}`;
}

export type PinLayerProps = {
  /** All pins; only those on `photoId` are shown, in number order. */
  pins: ViewerPin[];
  photoId: string;
  view: ViewState;
  image: Size;
  /** The viewport size the view was laid out for; pins are placed as percentages of it. */
  viewport: Size;
  selectedPinId: string | null;
  onSelectPin?: (pinId: string) => void;
  /** Called when a pin gets keyboard focus, to pan it into view. */
  onRevealPin: (pin: ViewerPin) => void;
};

/**
 * The numbered pin buttons over the photo, positioned for the current view. Each is a toggle
 * button named by its number, comment and criterion; clicking selects it.
 */
export function PinLayer({ pins, photoId, view, image, viewport, selectedPinId, onSelectPin, onRevealPin }: PinLayerProps) {
  const photoPins = pins.filter((pin) => pin.photoId === photoId).sort((a, b) => a.number - b.number);
  return (
    <>
      {photoPins.map((pin) => {
        const at = imageToScreen(pin, view, image);
        const selected = pin.id === selectedPinId;
        const name = pinLabel(pin);
        return (
          <button
            key={pin.id}
            type="button"
            aria-label={name}
            aria-pressed={selected}
            title={name}
            onClick={() => onSelectPin?.(pin.id)}
            onFocus={(event) => {
              // Keyboard focus only: a mouse click on a pin near the edge should not move the photo.
              if (isFocusVisible(event.currentTarget)) onRevealPin(pin);
            }}
            className={`absolute flex -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full border-2 font-semibold tabular-nums shadow-md transition-colors before:absolute before:-inset-2 ${FOCUS_RING} ${
              selected
                ? "z-20 h-9 w-9 border-white bg-brand-800 text-sm text-white"
                : "z-10 h-7 w-7 border-brand-700 bg-white text-xs text-brand-800 hover:bg-brand-100"
            }`}
            style={{
              left: `${(at.x / viewport.width) * 100}%`,
              top: `${(at.y / viewport.height) * 100}%`,
            }}
          >
            {pin.number}
          </button>
        );
      })}
    </>
  );
}

/** The crosshair at the viewport centre, shown while the viewport has keyboard focus: Enter drops a pin there. */
export function DropCrosshair() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 32 32"
      className="pointer-events-none absolute left-1/2 top-1/2 z-30 hidden h-8 w-8 -translate-x-1/2 -translate-y-1/2 group-focus-visible:block"
    >
      <path d="M16 2v11M16 19v11M2 16h11M19 16h11" className="stroke-white" strokeWidth={5} strokeLinecap="round" />
      <path d="M16 2v11M16 19v11M2 16h11M19 16h11" className="stroke-brand-800" strokeWidth={2} strokeLinecap="round" />
      <circle cx={16} cy={16} r={1.5} className="fill-brand-800" />
    </svg>
  );
}
