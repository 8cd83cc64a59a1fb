import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createId } from "../ids";
import { users } from "./users";

export const organisations = sqliteTable("organisations", {
  id: text("id").primaryKey().$defaultFn(createId),
  name: text("name").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
  /** Whether an instructor's grades count only after their standardisation exercise on the practical (when it has benchmarks). */
  requireStandardisation: integer("require_standardisation", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at")
    .notNull()
    .$defaultFn(() => Date.now()),
});

export const MEMBERSHIP_ROLES = ["technician", "instructor", "admin"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
    /** A lead instructor (granted by a clinic admin) moderates disagreements and sets benchmarks. */
    lead: integer("lead", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at")
      .notNull()
      .$defaultFn(() => Date.now()),
    /** Removal keeps the row (and the learner's records) but ends access. */
    removedAt: integer("removed_at"),
    /** The member deleted their Stipple account (the clinic sees that they left, not who they were). */
    leftStippleAt: integer("left_stipple_at"),
  },
  (t) => [
    index("memberships_org_idx").on(t.organisationId),
    // One active clinic per person at a time.
    uniqueIndex("memberships_one_active_per_user")
      .on(t.userId)
      .where(sql`removed_at is null`),
  ],
);

export const cohorts = sqliteTable(
  "cohorts",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    startsOn: text("starts_on").notNull(),
    createdAt: integer("created_at")
      .notNull()
      .$defaultFn(() => Date.now()),
  },
  (t) => [index("cohorts_org_idx").on(t.organisationId)],
);

export const cohortLearners = sqliteTable(
  "cohort_learners",
  {
    cohortId: text("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at")
      .notNull()
      .$defaultFn(() => Date.now()),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index("cohort_learners_user_idx").on(t.userId)],
);

export const cohortInstructors = sqliteTable(
  "cohort_instructors",
  {
    cohortId: text("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at")
      .notNull()
      .$defaultFn(() => Date.now()),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index("cohort_instructors_user_idx").on(t.userId)],
);

/** A single-use, expiring invitation to join a clinic (only the token's SHA-256 is stored). */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
    cohortId: text("cohort_id").references(() => cohorts.id, { onDelete: "set null" }),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("invitations_org_idx").on(t.organisationId)],
);

/** What was done, by whom, to what: revocations, removals, refused tampering. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey().$defaultFn(createId),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    detail: text("detail", { mode: "json" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);
