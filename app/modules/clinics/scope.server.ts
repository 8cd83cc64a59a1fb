import type { DbOrTx } from "~/db/client.server";
import { auditLog } from "~/db/schema";
import type { Actor } from "~/modules/auth/permissions";
import { can } from "~/modules/auth/permissions";
import { NotFound } from "~/modules/errors";

/**
 * The clinic a clinic admin manages — taken from their membership, never from the request.
 * NotFound for anyone who does not manage a clinic.
 */
export function managedClinic(actor: Actor): string {
  if (actor.role !== "clinic_admin" || !actor.clinicId || !can.manageClinic(actor, actor.clinicId)) throw new NotFound("No clinic");
  return actor.clinicId;
}

/** Records fields a form sent that the server ignores on purpose (a tampered clinicId or role). */
export function logIgnoredFields(db: DbOrTx, actor: Actor, action: string, form: FormData, fields: readonly string[], now = Date.now()): void {
  const sent = fields.filter((f) => form.has(f));
  if (!sent.length) return;
  db.insert(auditLog)
    .values({ actorId: actor.id, action: `ignored-fields:${action}`, detail: Object.fromEntries(sent.map((f) => [f, String(form.get(f)).slice(0, 200)])), createdAt: now })
    .run();
}
