import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireActor } from "~/http/session.server";
import { can } from "~/modules/auth/permissions";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { markedPairs, pairsCsv } from "~/modules/practicals/agreement.server";

/** Every clinic's double-marked pairs as CSV, for platform admins only (404 for anyone else). */
export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  if (!can.administer(actor)) throw data({ message: "Not found" }, { status: 404 });
  return new Response(pairsCsv(getCatalogue().courses[0]!, markedPairs(context.db, null)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="double-marked-pairs-all-clinics.csv"',
      "Cache-Control": "no-store",
    },
  });
}
