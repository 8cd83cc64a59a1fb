import { z } from "zod";

/** The largest credential file or badge image the verify page reads. */
export const MAX_CREDENTIAL_FILE_BYTES = 2 * 1024 * 1024;

/** The verify page's credential check: pasted text, or a file (credential.json or the baked badge). */
export const CredentialCheckSchema = z
  .object({
    credential: z.string().trim().max(100_000, "That is far longer than any credential: paste only the contents of credential.json").optional(),
    file: z
      .instanceof(File)
      .optional()
      .refine((f) => !f || f.size <= MAX_CREDENTIAL_FILE_BYTES, "Choose a file under 2 MB: credential.json or the badge image"),
  })
  .superRefine((v, ctx) => {
    if (!v.credential && !(v.file && v.file.size > 0)) {
      ctx.addIssue({ code: "custom", path: ["credential"], message: "Paste a credential, or choose its file below" });
    }
  });
