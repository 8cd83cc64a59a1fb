import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { memberships } from "~/db/schema";

/**
 * Members of this clinic who deleted their Stipple account while they belonged to it, newest
 * first: the role they had and the dates, never who they were (their name is gone, 018).
 */
export function membersWhoLeft(db: Db, clinicId: string) {
  return db
    .select({ membershipId: memberships.id, role: memberships.role, since: memberships.createdAt, leftAt: memberships.leftStippleAt })
    .from(memberships)
    .where(and(eq(memberships.organisationId, clinicId), isNotNull(memberships.leftStippleAt)))
    .orderBy(desc(memberships.leftStippleAt))
    .all()
    .map((m) => ({ ...m, leftAt: m.leftAt! }));
}
