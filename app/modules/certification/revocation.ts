import { z } from "zod";
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

/** The revoke form: a reason, an internal note, a deliberate confirmation, and whether to publish the reason. */
export const RevokeSchema = z.object({
  reason: z.enum(REVOCATION_REASON_OPTIONS, { error: "Choose the reason for revoking" }),
  note: z.string().max(1000, "Keep the note under 1,000 characters").default(""),
  confirm: z.literal("yes", { error: "Confirm that you mean to revoke this certificate" }),
  publishReason: z
    .literal("yes")
    .optional()
    .transform((v) => v === "yes"),
});
