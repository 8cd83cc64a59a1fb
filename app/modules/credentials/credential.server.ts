import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { and, eq, isNotNull, isNull, or } from "drizzle-orm";
import { CompactSign } from "jose";
import type { Db } from "~/db/client.server";
import { certificates, credentials, organisations, users, type Certificate } from "~/db/schema";
import type { Actor } from "~/modules/auth/permissions";
import { getCatalogue } from "~/modules/content/catalogue.server";
import type { Course } from "~/modules/content/load-content.server";
import { Conflict, NotFound } from "~/modules/errors";
import { bakePng } from "./baking.server";
import { badgeImage } from "./badge-image.server";
import { didDocument, issuerDid, STIPPLE_ISSUER, statusListPath, type DidDocument } from "./issuer";
import { currentSigner, publishedKeys, type Signer } from "./keys.server";
import { envelope, openBadgeCredential, VC_CONTEXT } from "./open-badge";
import { encodeStatusList, STATUS_LIST_BITS } from "./status-list.server";

/** The issuer a certificate names: its clinic, or Stipple for an independent learner. */
export const issuerOf = (cert: Pick<Certificate, "organisationId">) => cert.organisationId ?? STIPPLE_ISSUER;

/** The media type of a credential secured as a JWT (VC-JOSE-COSE). */
export const VC_JWT_TYPE = "application/vc+jwt";

/** Signs a payload as a compact JWS (EdDSA) under the key's DID URL. */
export async function signJwt(payload: object, signer: Signer, kidDid: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid: `${kidDid}#${signer.kid}`, typ: "vc+jwt", cty: "vc" })
    .sign(signer.privateKey);
}

function criteriaOf(course: Course | undefined, programmeTitle: string): string {
  if (course?.certification?.criteria) return course.certification.criteria;
  return `Met every requirement of the ${programmeTitle} programme as its course states them.`;
}

/** A free status-list bit, claimed for the certificate (or the one it already has). Random, so neighbouring bits say nothing about issue order. */
function claimStatusIndex(db: Db, certificateId: string, now: number): void {
  db.transaction(
    (tx) => {
      if (tx.select({ id: credentials.certificateId }).from(credentials).where(eq(credentials.certificateId, certificateId)).get()) return;
      for (let tries = 0; tries < 64; tries++) {
        const index = randomInt(STATUS_LIST_BITS);
        const taken = tx.select({ id: credentials.certificateId }).from(credentials).where(eq(credentials.statusIndex, index)).get();
        if (taken) continue;
        tx.insert(credentials).values({ certificateId, statusIndex: index, createdAt: now }).run();
        return;
      }
      throw new Conflict("No free place in the status list; a second list is needed.");
    },
    { behavior: "immediate" },
  );
}

/**
 * The certificate's signed credential, signed the first time it is asked for and kept, so every
 * download is the same bytes. Only the holder gets it (NotFound for anyone else); not for a
 * revoked certificate or a deleted holder (Conflict).
 */
export async function holderCredential(db: Db, actor: Actor, certificateId: string, appUrl: string, now = Date.now()) {
  const cert = db.select().from(certificates).where(eq(certificates.id, certificateId)).get();
  if (!cert || cert.userId !== actor.id) throw new NotFound("No such certificate");
  if (cert.revokedAt !== null) throw new Conflict("This certificate was revoked; its credential can no longer be downloaded.");
  if (cert.holderDeletedAt !== null) throw new Conflict("This certificate is no longer available.");
  const jws = await ensureCredential(db, cert, appUrl, now);
  return { jws, code: cert.code, cert };
}

/** The JWS of a certificate's credential, signing it now if it has none yet. */
export async function ensureCredential(db: Db, cert: Certificate, appUrl: string, now = Date.now()): Promise<string> {
  const existing = db.select().from(credentials).where(eq(credentials.certificateId, cert.id)).get();
  if (existing?.jws) return existing.jws;
  claimStatusIndex(db, cert.id, now);
  const row = db.select().from(credentials).where(eq(credentials.certificateId, cert.id)).get()!;
  const email = db.select({ email: users.email }).from(users).where(eq(users.id, cert.userId)).get()?.email;
  if (!email) throw new NotFound("No such certificate");
  const salt = randomBytes(16).toString("hex");
  const course = getCatalogue().bySlug.get(cert.courseSlug);
  const issuer = issuerOf(cert);
  const signer = currentSigner();
  const payload = openBadgeCredential({
    appUrl,
    issuer,
    issuerName: cert.issuerName ?? "Stipple",
    credentialId: `urn:uuid:${randomUUID()}`,
    code: cert.code,
    courseSlug: cert.courseSlug,
    programmeTitle: cert.programmeTitle,
    description: course?.summary ?? cert.programmeTitle,
    criteriaNarrative: criteriaOf(course, cert.programmeTitle),
    issuedAt: cert.issuedAt,
    expiresAt: cert.expiresAt,
    identityHash: `sha256$${createHash("sha256")
      .update(email.trim().toLowerCase() + salt, "utf8")
      .digest("hex")}`,
    salt,
    statusIndex: row.statusIndex,
    transcriptPublic: cert.transcriptPublic,
    signedAt: now,
  });
  const jws = await signJwt(payload, signer, issuerDid(appUrl, issuer));
  // Two first downloads at once: the first stored wins, and both answer with it.
  db.update(credentials)
    .set({ jws })
    .where(and(eq(credentials.certificateId, cert.id), isNull(credentials.jws)))
    .run();
  return db.select({ jws: credentials.jws }).from(credentials).where(eq(credentials.certificateId, cert.id)).get()!.jws!;
}

/** `credential.json`: the credential in VC 2.0's envelope for JWT-secured credentials. */
export function credentialJson(jws: string): string {
  return `${JSON.stringify(envelope(jws), null, 2)}\n`;
}

/** The name, or null when the issuer is neither Stipple nor a clinic of this installation. */
export function issuerName(db: Db, issuer: string): string | null {
  if (issuer === STIPPLE_ISSUER) return "Stipple";
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, issuer)).get()?.name ?? null;
}

/** The DID document of Stipple or of a clinic: every key this installation signs or signed with. NotFound for an unknown issuer. */
export function issuerDidDocument(db: Db, issuer: string, appUrl: string): DidDocument {
  const name = issuerName(db, issuer);
  if (name === null) throw new NotFound("No such issuer");
  return { ...didDocument(issuerDid(appUrl, issuer), publishedKeys(db)), name };
}

/** The issuer's public profile page: name, DID, keys (current and retired). */
export function issuerProfile(db: Db, issuer: string, appUrl: string) {
  const doc = issuerDidDocument(db, issuer, appUrl);
  return {
    name: doc.name!,
    did: doc.id,
    keys: publishedKeys(db).map((k) => ({ kid: k.kid, createdAt: k.createdAt, retiredAt: k.retiredAt })),
    statusListPath: statusListPath(issuer),
  };
}

/** Status-list bits set: certificates revoked, or whose holder deleted their account (Stipple no longer vouches, 018). */
function setBits(db: Db, issuer: string): number[] {
  return db
    .select({ index: credentials.statusIndex })
    .from(credentials)
    .innerJoin(certificates, eq(certificates.id, credentials.certificateId))
    .where(
      and(
        issuer === STIPPLE_ISSUER ? isNull(certificates.organisationId) : eq(certificates.organisationId, issuer),
        or(isNotNull(certificates.revokedAt), isNotNull(certificates.holderDeletedAt)),
      ),
    )
    .all()
    .map((r) => r.index);
}

const signedLists = new Map<string, string>();

/**
 * The issuer's Bitstring Status List credential, signed. Its bits are read from the certificates
 * themselves, so the list a verifier fetches changes in the very transaction that revokes. Signed
 * again only when a bit or the key changes. NotFound for an unknown issuer.
 */
export async function statusListCredential(db: Db, issuer: string, appUrl: string, now = Date.now()): Promise<string> {
  if (issuerName(db, issuer) === null) throw new NotFound("No such issuer");
  const signer = currentSigner();
  const encodedList = encodeStatusList(setBits(db, issuer));
  const cacheKey = `${appUrl} ${issuer} ${signer.kid} ${encodedList}`;
  const cached = signedLists.get(cacheKey);
  if (cached) return cached;
  const did = issuerDid(appUrl, issuer);
  const listUrl = new URL(statusListPath(issuer), appUrl).toString();
  const jws = await signJwt(
    {
      "@context": [VC_CONTEXT],
      id: listUrl,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: did,
      validFrom: new Date(now).toISOString(),
      credentialSubject: { id: `${listUrl}#list`, type: "BitstringStatusList", statusPurpose: "revocation", encodedList },
      iss: did,
      iat: Math.floor(now / 1000),
    },
    signer,
    did,
  );
  if (signedLists.size > 200) signedLists.clear();
  signedLists.set(cacheKey, jws);
  return jws;
}

/** The programme's badge image (public: it says nothing about anyone). NotFound for an unknown course. */
export async function courseBadge(courseSlug: string): Promise<Buffer> {
  const course = getCatalogue().bySlug.get(courseSlug);
  if (!course?.certification) throw new NotFound("No such badge");
  return badgeImage(course.title);
}

/** The badge with the holder's credential baked in (the same JWS as `credential.json`): holder only, as `holderCredential`. */
export async function holderBakedBadge(db: Db, actor: Actor, certificateId: string, appUrl: string, now = Date.now()) {
  const { jws, code, cert } = await holderCredential(db, actor, certificateId, appUrl, now);
  const png = bakePng(await badgeImage(cert.programmeTitle), jws);
  return { png, fileName: `stipple-badge-${code}.png` };
}
