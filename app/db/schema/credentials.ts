import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { certificates } from "./certification";

/**
 * Every public key this installation has signed credentials with. The current one has no
 * `retiredAt`; retired keys stay here, and in the published issuer documents, so credentials
 * they signed keep verifying. Private keys never enter the database (decision 026).
 */
export const signingKeys = sqliteTable("signing_keys", {
  /** The key's RFC 7638 thumbprint: the fragment of its verification method in the DID documents. */
  kid: text("kid").primaryKey(),
  publicJwk: text("public_jwk", { mode: "json" }).$type<{ kty: "OKP"; crv: "Ed25519"; x: string }>().notNull(),
  createdAt: integer("created_at").notNull(),
  retiredAt: integer("retired_at"),
});

/**
 * The Open Badges credential of a certificate, signed once and kept, so every download (JSON or
 * baked badge) is the same bytes. `statusIndex` is its bit in the issuer's status list.
 */
export const credentials = sqliteTable("credentials", {
  certificateId: text("certificate_id")
    .primaryKey()
    .references(() => certificates.id, { onDelete: "cascade" }),
  statusIndex: integer("status_index").notNull().unique(),
  /** The compact JWS (VC-JWT, EdDSA). */
  jws: text("jws"),
  createdAt: integer("created_at").notNull(),
});

export type SigningKeyRow = typeof signingKeys.$inferSelect;
