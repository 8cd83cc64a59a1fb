import type { CertificateState } from "~/modules/certification/eligibility";

/** A certificate's state, or a presented credential that failed its checks. */
export type BadgeState = CertificateState | "NOT VALID";

const LOOK: Record<BadgeState, { box: string; icon: string; word: string }> = {
  VALID: { box: "border-emerald-700 bg-emerald-50 text-emerald-900", icon: "M5 12.5l4.5 4.5L19 7.5", word: "Valid" },
  EXPIRED: { box: "border-amber-600 bg-amber-50 text-amber-900", icon: "M12 7v5.5l3.5 2M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18z", word: "Expired" },
  REVOKED: { box: "border-rose-700 bg-rose-50 text-rose-900", icon: "M6 6l12 12M18 6L6 18", word: "Revoked" },
  "NOT VALID": { box: "border-rose-700 bg-white text-rose-900", icon: "M12 7v6M12 16.5v.5M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18z", word: "Not valid" },
};

/** A certificate's state in words, an icon and colour together (never colour alone). */
export function StateBadge({ state, size = "sm" }: { state: BadgeState; size?: "sm" | "lg" }) {
  const look = LOOK[state];
  return (
    <span
      className={`inline-flex items-center gap-2 rounded-md border-2 font-bold uppercase tracking-wide ${look.box} ${size === "lg" ? "px-4 py-2 text-2xl" : "px-2 py-0.5 text-xs"}`}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className={size === "lg" ? "h-7 w-7" : "h-4 w-4"}
        fill="none"
        stroke="currentColor"
        strokeWidth="2.5"
        strokeLinecap="round"
      >
        <path d={look.icon} />
      </svg>
      {look.word}
    </span>
  );
}
