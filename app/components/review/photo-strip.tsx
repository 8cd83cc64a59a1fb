import { FOCUS_RING } from "~/components/review/viewer-styles";
import type { ViewerPhoto, ViewerPin } from "~/components/review/viewer-types";

export type PhotoStripProps = {
  photos: ViewerPhoto[];
  /** All pins, counted per photo for the badges. */
  pins: ViewerPin[];
  currentId: string;
  onSelect: (photoId: string) => void;
};

/** The thumbnail list for switching photos, each with its pin count; the current one is pressed. */
export function PhotoStrip({ photos, pins, currentId, onSelect }: PhotoStripProps) {
  const pinCounts = new Map<string, number>();
  for (const pin of pins) pinCounts.set(pin.photoId, (pinCounts.get(pin.photoId) ?? 0) + 1);

  return (
    <ul aria-label="Photos" className="flex gap-2 overflow-x-auto p-1">
      {photos.map((item, index) => {
        const isCurrent = item.id === currentId;
        const count = pinCounts.get(item.id) ?? 0;
        return (
          <li key={item.id} className="shrink-0">
            <button
              type="button"
              aria-pressed={isCurrent}
              onClick={() => {
                if (!isCurrent) onSelect(item.id);
              }}
              className={`relative block overflow-hidden rounded-md border-2 ${FOCUS_RING} ${
                isCurrent ? "border-brand-700" : "border-transparent hover:border-stone-400"
              }`}
            >
              <span className="sr-only">{`Photo ${index + 1}: `}</span>
              <img src={item.thumbUrl} alt={item.alt} loading="lazy" draggable={false} className="block h-16 w-16 object-cover" />
              {count > 0 ? (
                <span className="absolute right-0.5 top-0.5 rounded-full bg-brand-800 px-1.5 text-xs font-semibold tabular-nums text-white">
                  <span className="sr-only">, </span>
                  {count}
                  <span className="sr-only">{count === 1 ? " pin" : " pins"}</span>
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
