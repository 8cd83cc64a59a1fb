import type { RevocationReason } from "~/db/schema/certification";

/** The public wording of each revocation reason (the verify page shows it; the note stays internal). */
export const REVOCATION_REASON_TEXT: Record<RevocationReason, string> = {
  "issued-in-error": "Issued in error",
  "requirements-not-met": "Requirements found not met",
  misconduct: "Professional misconduct",
  "holder-request": "At the holder's request",
  other: "Other reason",
};

/** The reasons in the order a form offers them. */
export const REVOCATION_REASON_OPTIONS = Object.keys(REVOCATION_REASON_TEXT) as [RevocationReason, ...RevocationReason[]];
