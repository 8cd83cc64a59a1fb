const styles: Record<string, string> = {
  "not-started": "bg-stone-100 text-stone-700",
  submitted: "bg-sky-100 text-sky-900",
  in_review: "bg-indigo-100 text-indigo-900",
  second_marking: "bg-violet-100 text-violet-900",
  moderation: "bg-violet-100 text-violet-900",
  revise: "bg-amber-100 text-amber-900",
  passed: "bg-brand-100 text-brand-800",
  failed: "bg-rose-100 text-rose-900",
};
const text: Record<string, string> = {
  "not-started": "Not started",
  submitted: "Submitted",
  in_review: "In review",
  // The learner sees one state for both: they are told a second assessor is checking, not whether the two agreed.
  second_marking: "Second check",
  moderation: "Second check",
  revise: "Revise and resubmit",
  passed: "Passed",
  failed: "Not passed",
};

/** A submission's status in words (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ${styles[status] ?? styles["not-started"]}`}>{text[status] ?? status}</span>
  );
}
