import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { managedClinic } from "~/modules/clinics/scope.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { markedPairs, pairsCsv } from "~/modules/practicals/agreement.server";

/** The clinic's double-marked pairs as CSV, for its own admins only (404 for anyone else). */
export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  return new Response(pairsCsv(getCatalogue().courses[0]!, markedPairs(context.db, clinicId)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="double-marked-pairs.csv"',
      "Cache-Control": "no-store",
    },
  });
}
