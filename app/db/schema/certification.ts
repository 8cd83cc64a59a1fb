import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { CASE_AREAS, CASE_STATUSES, HAIR_LOSS_SCALES } from "../../modules/certification/case-fields";
import { HEALED_COLOURS, HEALED_NEXT_STEPS, HEALED_RETENTIONS, HEALED_SPREADS } from "../../modules/certification/healed-review-fields";
import type { Transcript } from "../../modules/certification/transcript";
import { createId } from "../ids";
import { organisations } from "./clinics";
import { photoColumns } from "./columns";
import { users } from "./users";

/**
 * One supervised session on a real client, as the learner logged it. No client name or contact
 * detail is ever stored: the client is described only by the facts the craft needs.
 * Only a countersigned case counts towards certification.
 */
export const supervisedCases = sqliteTable(
  "supervised_cases",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    learnerId: text("learner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    /** The instructor the learner named as their supervisor, if any. */
    supervisorId: text("supervisor_id").references(() => users.id, { onDelete: "set null" }),
    /**
     * The supervisor an independent learner named by email (decision 038): only they countersign
     * the case, while their link to the learner stands.
     */
    supervisorLinkId: text("supervisor_link_id").references((): AnySQLiteColumn => caseSupervisors.id, { onDelete: "set null" }),
    /** YYYY-MM-DD, the day of the session. */
    performedOn: text("performed_on").notNull(),
    sessionNumber: integer("session_number").notNull(),
    area: text("area", { enum: CASE_AREAS }).notNull(),
    hairLossScale: text("hair_loss_scale", { enum: HAIR_LOSS_SCALES }).notNull(),
    hairLossStage: text("hair_loss_stage").notNull(),
    fitzpatrick: integer("fitzpatrick").notNull(),
    needle: text("needle").notNull(),
    pigment: text("pigment").notNull(),
    dilution: text("dilution").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    notes: text("notes").notNull(),
    consentConfirmedAt: integer("consent_confirmed_at").notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("submitted"),
    /** The supervisor's comment when returning the case for changes. */
    returnComment: text("return_comment"),
    reviewedBy: text("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: integer("reviewed_at"),
    countersignedAt: integer("countersigned_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /**
     * When housekeeping's retention sweep passed the countersigned case and deleted its photos,
     * and the policy's months then (null when the case had no photos to delete).
     */
    photosDeletedAt: integer("photos_deleted_at"),
    photosRetentionMonths: integer("photos_retention_months"),
  },
  (t) => [
    index("supervised_cases_learner_idx").on(t.learnerId, t.courseSlug),
    index("supervised_cases_status_idx").on(t.status, t.updatedAt),
    // Housekeeping's retention sweep reads only countersigned cases old enough, not every case.
    index("supervised_cases_retention_idx")
      .on(t.countersignedAt)
      .where(sql`status = 'countersigned' and photos_deleted_at is null`),
  ],
);

/**
 * A supervisor an independent learner named by email (decision 038): a practitioner who sees
 * the client and countersigns the learner's cases that name them — nothing else. Pending until
 * the invited person accepts (only the token's SHA-256 is stored); a platform admin may revoke it.
 */
export const caseSupervisors = sqliteTable(
  "case_supervisors",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    learnerId: text("learner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Lower-cased; the invitation goes here and only this account may accept it. */
    email: text("email").notNull(),
    /** The name as the learner gave it, until the supervisor accepts with their own account. */
    name: text("name").notNull(),
    /** The account that accepted; null while pending, or after that account was deleted. */
    supervisorId: text("supervisor_id").references(() => users.id, { onDelete: "set null" }),
    /** What the supervisor declared when accepting: their qualification or licence. */
    qualification: text("qualification"),
    tokenHash: text("token_hash").notNull().unique(),
    invitedAt: integer("invited_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
    revokedAt: integer("revoked_at"),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("case_supervisors_supervisor_idx").on(t.supervisorId),
    // One standing link per learner and address: naming the same person again reuses it.
    uniqueIndex("case_supervisors_one_per_email")
      .on(t.learnerId, t.email)
      .where(sql`revoked_at is null`),
  ],
);

export const supervisedCasePhotos = sqliteTable(
  "supervised_case_photos",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    caseId: text("case_id")
      .notNull()
      .references(() => supervisedCases.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Taken at the session, or at its healed-result review 4 to 6 weeks later. */
    stage: text("stage", { enum: ["session", "healed"] })
      .notNull()
      .default("session"),
    ...photoColumns(),
  },
  (t) => [index("supervised_case_photos_case_idx").on(t.caseId)],
);

/**
 * The healed-result review of a case: the learner sees the client again 4 to 6 weeks after the
 * session, photographs the healed result and records what they judge of it. At most one per
 * case; it has the case's own life (submitted, returned, countersigned) and the same
 * countersigner. Its photos are the case's, with stage "healed".
 */
export const healedReviews = sqliteTable(
  "healed_reviews",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    caseId: text("case_id")
      .notNull()
      .unique()
      .references(() => supervisedCases.id, { onDelete: "cascade" }),
    /** YYYY-MM-DD, the day the learner saw the healed result. */
    reviewedOn: text("reviewed_on").notNull(),
    healedColour: text("healed_colour", { enum: HEALED_COLOURS }).notNull(),
    retention: text("retention", { enum: HEALED_RETENTIONS }).notNull(),
    spread: text("spread", { enum: HEALED_SPREADS }).notNull(),
    /** The client reported or showed signs of a reaction or infection since the session. */
    reaction: integer("reaction", { mode: "boolean" }).notNull(),
    nextStep: text("next_step", { enum: HEALED_NEXT_STEPS }).notNull(),
    notes: text("notes").notNull(),
    consentConfirmedAt: integer("consent_confirmed_at").notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("submitted"),
    returnComment: text("return_comment"),
    reviewedBy: text("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: integer("reviewed_at"),
    countersignedAt: integer("countersigned_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("healed_reviews_status_idx").on(t.status, t.updatedAt)],
);

export const REVOCATION_REASONS = ["issued-in-error", "requirements-not-met", "misconduct", "holder-request", "other"] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/**
 * A certificate as issued. Holder name, programme and issuer are copied at issue so the
 * certificate (and its PDF) never changes afterwards. A learner holds at most one first
 * certificate per course; each renewal supersedes exactly one earlier certificate.
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    code: text("code").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseSlug: text("course_slug").notNull(),
    organisationId: text("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    holderName: text("holder_name").notNull(),
    programmeTitle: text("programme_title").notNull(),
    issuerName: text("issuer_name"),
    issuedAt: integer("issued_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    supersedesId: text("supersedes_id").references((): AnySQLiteColumn => certificates.id, { onDelete: "set null" }),
    supersededAt: integer("superseded_at"),
    revokedAt: integer("revoked_at"),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
    revocationReason: text("revocation_reason", { enum: REVOCATION_REASONS }),
    /** The issuer chose to show the reason on the public verification page (default: a neutral "revoked by the issuer"). */
    revocationReasonPublic: integer("revocation_reason_public", { mode: "boolean" }).notNull().default(false),
    /** Internal: never shown on the public page. */
    revocationNote: text("revocation_note"),
    /**
     * What the holder did to earn it, copied at issue so it never changes later: modules, scores,
     * practicals with their assessors, countersigned cases with their supervisors (transcript.server.ts).
     * Null on certificates issued before transcripts were kept.
     */
    transcript: text("transcript", { mode: "json" }).$type<Transcript>(),
    /** The holder chose to show the transcript on the public verification page (default: hidden). */
    transcriptPublic: integer("transcript_public", { mode: "boolean" }).notNull().default(false),
    reminded90At: integer("reminded_90_at"),
    reminded30At: integer("reminded_30_at"),
    /**
     * The holder deleted their account: the name is gone from the row and the public page says
     * the certificate is no longer available (018).
     */
    holderDeletedAt: integer("holder_deleted_at"),
  },
  (t) => [
    uniqueIndex("certificates_first_per_course")
      .on(t.userId, t.courseSlug)
      .where(sql`supersedes_id is null`),
    uniqueIndex("certificates_supersedes_unique")
      .on(t.supersedesId)
      .where(sql`supersedes_id is not null`),
    index("certificates_user_idx").on(t.userId),
    index("certificates_org_idx").on(t.organisationId, t.expiresAt),
  ],
);

export type SupervisedCase = typeof supervisedCases.$inferSelect;
export type CaseSupervisor = typeof caseSupervisors.$inferSelect;
export type HealedReview = typeof healedReviews.$inferSelect;
export type Certificate = typeof certificates.$inferSelect;
