import { z } from "zod";

/** The forms of clinic administration, checked the same way in the browser and on the server. */

export const CreateClinicSchema = z.object({
  name: z.string({ error: "Enter the clinic's name" }).trim().min(1, "Enter the clinic's name").max(120, "Keep the name under 120 characters"),
  adminEmail: z.email({ error: "Enter the first admin's email" }),
});

/** A platform admin invites a Stipple Academy instructor by email. */
export const AcademyInstructorSchema = z.object({
  email: z.email({ error: "Enter an email address like name@example.com" }).transform((e) => e.toLowerCase()),
});

export const NewCohortSchema = z.object({
  name: z.string({ error: "Name the cohort" }).trim().min(1, "Name the cohort").max(120, "Keep the name under 120 characters"),
  startsOn: z.string({ error: "Choose a start date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a start date"),
});

export const INVITE_ROLES = ["technician", "instructor", "admin"] as const;

export const InviteSchema = z.object({
  email: z.email({ error: "Enter an email address like name@clinic.com" }).transform((e) => e.toLowerCase()),
  role: z.enum(INVITE_ROLES, { error: "Choose a role" }),
  cohortId: z
    .string()
    .optional()
    .transform((v) => v || null),
});

/**
 * Accepting an invitation: a name and password for a new account, nothing for someone already
 * signed in as the invited address. `acceptInvitation` decides which applies and checks them.
 */
export const AcceptInvitationSchema = z.object({
  name: z.string().max(200, "Keep your name under 200 characters").default(""),
  password: z.string().max(1000).default(""),
});
