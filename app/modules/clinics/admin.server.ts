import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { memberships, organisations } from "~/db/schema";
import { can, type Actor } from "~/modules/auth/permissions";
import { Invalid, NotFound } from "~/modules/errors";
import { ACADEMY_ID } from "./academy";
import { invite } from "./invitations.server";

/** Platform admins create a clinic and invite its first clinic admin. NotFound for anyone else. */
export function createClinic(db: Db, actor: Actor, input: { name: string; adminEmail: string }, now = Date.now()) {
  if (!can.administer(actor)) throw new NotFound("No such page");
  const name = input.name.trim();
  if (!name) throw new Invalid("Enter the clinic's name.", "name");
  const clinic = db.insert(organisations).values({ name, createdAt: now }).returning().get();
  const { token } = invite(db, actor, clinic.id, { email: input.adminEmail, role: "admin" }, now);
  return { clinic, token };
}

/** The clinics (Stipple Academy apart: it has its own section) with their member counts, for a platform admin. */
export function listClinics(db: Db, actor: Actor) {
  if (!can.administer(actor)) throw new NotFound("No such page");
  return db
    .select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt, members: sql<number>`count(${memberships.id})` })
    .from(organisations)
    .leftJoin(memberships, and(eq(memberships.organisationId, organisations.id), isNull(memberships.removedAt)))
    .where(ne(organisations.id, ACADEMY_ID))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name))
    .all();
}
