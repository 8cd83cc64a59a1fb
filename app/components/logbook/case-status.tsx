import type { CaseStatus } from "~/modules/certification/case-fields";

const styles: Record<CaseStatus, string> = {
  submitted: "bg-sky-100 text-sky-900",
  returned: "bg-amber-100 text-amber-900",
  countersigned: "bg-brand-100 text-brand-800",
};

export const CASE_STATUS_TEXT: Record<CaseStatus, string> = {
  submitted: "Waiting for countersignature",
  returned: "Returned for changes",
  countersigned: "Countersigned",
};

/** A case's status in words (never colour alone). */
export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ${styles[status]}`}>{CASE_STATUS_TEXT[status]}</span>;
}
