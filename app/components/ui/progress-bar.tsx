import { percentOf } from "~/modules/progress/summarise";

/** A labelled progress bar: the number is in the text too, never only in the colour or width. */
export function ProgressBar({ value, max = 100, label, size = "md" }: { value: number; max?: number; label: string; size?: "sm" | "md" }) {
  const percent = percentOf(value, max);
  return (
    <div className="w-full">
      <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
        <span className="text-stone-700">{label}</span>
        <span className="font-medium tabular-nums text-stone-900">{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% (${value} of ${max})`}
        className={`w-full overflow-hidden rounded-full bg-stone-200 ${size === "sm" ? "h-2" : "h-3"}`}
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
