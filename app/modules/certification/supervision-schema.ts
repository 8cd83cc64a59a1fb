import { z } from "zod";

export const QUALIFICATION_MAX = 300;

/**
 * Accepting a supervisor invitation (038): what qualifies the person to supervise, their promise
 * to countersign only sessions they saw, and a name and password when they have no account yet
 * (`acceptSupervision` decides which applies and checks those).
 */
export const AcceptSupervisionSchema = z.object({
  name: z.string().max(200, "Keep your name under 200 characters").default(""),
  password: z.string().max(1000).default(""),
  qualification: z
    .string({ error: "Say what qualifies you to supervise: your licence or qualification" })
    .trim()
    .min(1, "Say what qualifies you to supervise: your licence or qualification")
    .max(QUALIFICATION_MAX, `Use at most ${QUALIFICATION_MAX} characters`),
  pledge: z.literal(true, { error: "Confirm that you will countersign only sessions you supervised" }),
});

/** A platform admin revokes a supervisor's access to a learner's cases. */
export const RevokeSupervisorSchema = z.object({ linkId: z.string({ error: "Choose a supervisor" }).min(1, "Choose a supervisor") });
