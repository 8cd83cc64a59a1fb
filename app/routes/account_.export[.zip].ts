import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { exportFileName, exportSnapshot, exportZipStream } from "~/modules/account/export.server";
import { getStorage } from "~/modules/storage/storage.server";

/**
 * The signed-in person's data as one zip, streamed as it is built (photos read one at a time).
 * Only ever their own: there is no id in the address to change.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const now = Date.now();
  const snapshot = orHttpError(() => exportSnapshot(context.db, actor, actor.id, now));
  return new Response(exportZipStream(snapshot, getStorage(), request.signal), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${exportFileName(now)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
