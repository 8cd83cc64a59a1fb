import { z } from "zod";

/** The second-marking rates form: `rate.<practical>` as whole percentages. */
export const RatesFormSchema = z.object({
  rate: z.record(
    z.string().max(64),
    z.coerce
      .number({ message: "Give a whole percentage from 0 to 100." })
      .int("Give a whole percentage from 0 to 100.")
      .min(0, "At least 0%")
      .max(100, "At most 100%"),
  ),
});

/** The standardisation requirement switch. */
export const RequireStandardisationSchema = z.object({ required: z.enum(["on", "off"]) });
