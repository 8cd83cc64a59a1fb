import { z } from "zod";
import { PASSWORD_MAX } from "~/modules/auth/schema";

/** What a person types to confirm that they mean to delete their account. */
export const DELETE_CONFIRMATION = "DELETE";

export const DeleteAccountSchema = z.object({
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(PASSWORD_MAX, "Enter your password"),
  confirm: z
    .string({ error: `Type ${DELETE_CONFIRMATION} to confirm` })
    .trim()
    .refine((v) => v === DELETE_CONFIRMATION, `Type ${DELETE_CONFIRMATION} in capital letters to confirm`),
});
