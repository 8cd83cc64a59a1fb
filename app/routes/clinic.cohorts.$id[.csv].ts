import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { cohortMatrix, matrixCsv } from "~/modules/clinics/matrix.server";
import { managedClinic } from "~/modules/clinics/scope.server";

/** The cohort matrix as CSV, for the clinic's own admins only (404 for anyone else). */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const clinicId = orHttpError(() => managedClinic(actor));
  const matrix = orHttpError(() => cohortMatrix(context.db, clinicId, params.id ?? "", getCatalogue().courses[0]!));
  return new Response(matrixCsv(matrix), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cohort-${matrix.cohort.name.replace(/[^\w-]+/g, "-").toLowerCase()}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
