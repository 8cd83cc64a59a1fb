import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { compactVerify, decodeProtectedHeader, importJWK } from "jose";
import type { Db } from "~/db/client.server";
import { NotFound } from "~/modules/errors";
import { extractBakedCredential, isPng } from "./baking.server";
import { issuerDidDocument, statusListCredential } from "./credential.server";
import { didWebUrl, localIssuerOf, type DidDocument } from "./issuer";
import { statusBit } from "./status-list.server";

export type CredentialVerdict = "VALID" | "EXPIRED" | "REVOKED" | "NOT VALID";

/** What the verify page shows about a presented credential. */
export type CredentialCheck = {
  verdict: CredentialVerdict;
  /** Why, in a sentence, for anything but VALID. */
  reason: string | null;
  /** What the credential claims; only once its signature has been checked. */
  claims: {
    achievement: string;
    issuerName: string;
    issuerDid: string;
    validFrom: string | null;
    validUntil: string | null;
    credentialId: string;
    evidenceUrl: string | null;
  } | null;
};

export type CheckOptions = {
  appUrl: string;
  now?: number;
  /** How foreign issuers' documents are fetched (tests pass one that fails, as offline). */
  fetch?: typeof fetch;
};

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const notValid = (reason: string, claims: CredentialCheck["claims"] = null): CredentialCheck => ({ verdict: "NOT VALID", reason, claims });

class Refusal extends Error {}

/** The compact JWS inside what was presented: a JWS, `credential.json` (VC 2.0 envelope) or a baked PNG. */
function jwsOf(presented: { text?: string; bytes?: Uint8Array }): string {
  let text = presented.text ?? "";
  if (presented.bytes && presented.bytes.length > 0) {
    if (isPng(presented.bytes)) {
      let baked: string | null;
      try {
        baked = extractBakedCredential(presented.bytes);
      } catch (error) {
        throw new Refusal(`The image could not be read: ${(error as Error).message}.`);
      }
      if (baked === null) throw new Refusal("This image has no Open Badges credential baked into it.");
      text = baked;
    } else {
      text = Buffer.from(presented.bytes).toString("utf8");
    }
  }
  text = text.trim();
  if (text.startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Refusal("This is not valid JSON.");
    }
    const o = json as { type?: unknown; id?: unknown; proof?: unknown };
    const types = Array.isArray(o.type) ? o.type : [o.type];
    if (types.includes("EnvelopedVerifiableCredential") && typeof o.id === "string" && o.id.startsWith("data:application/vc+jwt,")) {
      text = o.id.slice("data:application/vc+jwt,".length);
    } else if (o.proof) {
      throw new Refusal("This credential carries an embedded Data Integrity proof; Stipple checks credentials secured as VC-JWT (EdDSA).");
    } else {
      throw new Refusal("This JSON is not a signed credential: it has no proof.");
    }
  }
  if (!JWS.test(text)) throw new Refusal("This is not a credential: paste the contents of credential.json or upload it, or upload the badge image.");
  return text;
}

async function resolveDid(db: Db, did: string, options: CheckOptions): Promise<DidDocument> {
  const local = localIssuerOf(options.appUrl, did);
  if (local !== null) {
    try {
      return issuerDidDocument(db, local, options.appUrl);
    } catch (error) {
      if (error instanceof NotFound) throw new Refusal(`Unknown issuer: this Stipple installation has no issuer ${did}.`);
      throw error;
    }
  }
  const url = didWebUrl(did);
  if (!url) throw new Refusal(`Unknown issuer: ${did} is not a did:web identifier, so its keys cannot be looked up.`);
  const doc = (await fetchJson(url, options, "the issuer's profile")) as DidDocument;
  if (doc?.id !== did || !Array.isArray(doc.verificationMethod)) throw new Refusal(`The issuer's profile at ${url.host} is not a DID document for ${did}.`);
  return doc;
}

async function fetchJson(url: URL, options: CheckOptions, what: string): Promise<unknown> {
  const text = await fetchText(url, options, what);
  try {
    return JSON.parse(text);
  } catch {
    throw new Refusal(`${capitalise(what)} at ${url.host} is not JSON.`);
  }
}

const MAX_FETCHED_BYTES = 1_000_000;

/**
 * Anyone can make this server fetch a foreign issuer's documents, so only public HTTPS hosts are
 * fetched: no IP literals, no single-label or local names, and (with the real network) no name
 * that resolves to a loopback, private or link-local address.
 */
async function assertPublicHost(url: URL, options: CheckOptions): Promise<void> {
  const host = url.hostname.toLowerCase();
  const literal = isIP(host.replace(/^\[|\]$/g, "")) !== 0;
  if (url.protocol !== "https:" || literal || !host.includes(".") || /(^|\.)(localhost|local|internal|home\.arpa)$/.test(host)) {
    throw new Refusal(`Unknown issuer: ${url.host} is not a public HTTPS address, so Stipple does not fetch from it.`);
  }
  if (options.fetch) return;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    throw new Refusal(
      `Could not reach ${url.host} to fetch the issuer's documents (its name does not resolve). This server may be offline: a credential from another issuer can be checked only while its profile can be fetched.`,
    );
  }
  if (addresses.some((a) => isPrivateAddress(a.address))) throw new Refusal(`Unknown issuer: ${url.host} points at a private network address.`);
}

function isPrivateAddress(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split(".").map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  return v6 === "::" || v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80");
}

async function fetchText(url: URL, options: CheckOptions, what: string): Promise<string> {
  await assertPublicHost(url, options);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(5000), redirect: "error" });
  } catch {
    throw new Refusal(
      `Could not reach ${url.host} to fetch ${what}. This server may be offline, or that installation down: a credential from another issuer can be checked only while its profile can be fetched.`,
    );
  }
  if (!response.ok) throw new Refusal(`${capitalise(what)} at ${url.host} answered ${response.status}: the issuer cannot be confirmed.`);
  if (Number(response.headers.get("content-length") ?? 0) > MAX_FETCHED_BYTES || !response.body) {
    throw new Refusal(`${capitalise(what)} at ${url.host} is too large or empty.`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new Refusal(`${capitalise(what)} at ${url.host} could not be read to the end.`);
    });
    if (done) break;
    size += value.length;
    if (size > MAX_FETCHED_BYTES) {
      await reader.cancel();
      throw new Refusal(`${capitalise(what)} at ${url.host} is too large.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Verifies a compact JWS against the issuer document's key named by its `kid`; returns the payload and the key's retirement date. */
async function verifyAgainst(jws: string, doc: DidDocument): Promise<{ payload: Record<string, unknown>; retired: number | null }> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new Refusal("The credential's header cannot be read.");
  }
  if (header.alg !== "EdDSA" && header.alg !== "Ed25519")
    throw new Refusal(`The credential is signed with ${String(header.alg)}; Stipple accepts EdDSA (Ed25519) signatures.`);
  const kid = typeof header.kid === "string" ? header.kid : "";
  const method = doc.verificationMethod.find((m) => m.id === kid || `${doc.id}${m.id}` === kid);
  const asserts = (doc.assertionMethod ?? []).some((a) => a === method?.id || `${doc.id}${a}` === kid);
  if (!method || !asserts) throw new Refusal("Unknown key: the issuer does not publish the key this credential names.");
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK({ ...method.publicKeyJwk }, "EdDSA");
  } catch {
    throw new Refusal("The issuer publishes a key that cannot be used.");
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, key, { algorithms: ["EdDSA", "Ed25519"] }));
  } catch {
    throw new Refusal("Bad signature: the credential was changed after it was signed (a tampered field), or it was not signed with the issuer's key.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new Refusal("The signed content is not a JSON credential.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Refusal("The signed content is not a JSON credential.");
  return { payload: parsed as Record<string, unknown>, retired: method.retired ? Date.parse(method.retired) : null };
}

const time = (v: unknown): number | null => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : null);

/**
 * Checks a presented credential (pasted or uploaded JSON, a JWS, or a baked badge image): the
 * signature against the issuer's published keys, the validity dates, and the issuer's status
 * list. REVOKED outranks EXPIRED; anything unverifiable is NOT VALID with the reason.
 */
export async function checkPresentedCredential(db: Db, presented: { text?: string; bytes?: Uint8Array }, options: CheckOptions): Promise<CredentialCheck> {
  const now = options.now ?? Date.now();
  try {
    const jws = jwsOf(presented);
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jws);
    } catch {
      return notValid("The credential's header cannot be read.");
    }
    const did = typeof header.kid === "string" ? header.kid.split("#")[0]! : "";
    if (!did.startsWith("did:")) return notValid("Unknown issuer: the credential does not name the issuer's key.");
    const doc = await resolveDid(db, did, options);
    const { payload, retired } = await verifyAgainst(jws, doc);

    const issuer = payload.issuer as { id?: unknown; name?: unknown } | string | undefined;
    const issuerId = typeof issuer === "string" ? issuer : issuer?.id;
    const types = Array.isArray(payload.type) ? payload.type : [];
    if (issuerId !== did) return notValid("The issuer the credential names is not the owner of the key that signed it.");
    if (!types.includes("OpenBadgeCredential") && !types.includes("AchievementCredential")) return notValid("This is not an Open Badges credential.");
    const subject = payload.credentialSubject as { achievement?: { name?: unknown } } | undefined;
    const evidence = Array.isArray(payload.evidence) ? (payload.evidence[0] as { id?: unknown } | undefined) : undefined;
    const claims: NonNullable<CredentialCheck["claims"]> = {
      achievement: typeof subject?.achievement?.name === "string" ? subject.achievement.name : String(payload.name ?? "(unnamed)"),
      issuerName: typeof issuer === "object" && typeof issuer.name === "string" ? issuer.name : did,
      issuerDid: did,
      validFrom: typeof payload.validFrom === "string" ? payload.validFrom : null,
      validUntil: typeof payload.validUntil === "string" ? payload.validUntil : null,
      credentialId: String(payload.id ?? ""),
      evidenceUrl: typeof evidence?.id === "string" && /^https?:\/\//.test(evidence.id) ? evidence.id : null,
    };
    const signedAt = typeof payload.iat === "number" ? payload.iat * 1000 : time(payload.validFrom);
    if (retired !== null && (signedAt === null || signedAt > retired)) {
      return notValid("Signed with a retired key after it was retired.", claims);
    }
    const validFrom = time(payload.validFrom);
    if (validFrom === null) return notValid("The credential has no valid start date (validFrom).", claims);
    if (validFrom > now) return notValid(`Not valid yet: valid from ${claims.validFrom}.`, claims);

    const status = payload.credentialStatus as
      { type?: unknown; statusPurpose?: unknown; statusListIndex?: unknown; statusListCredential?: unknown } | undefined;
    if (status) {
      if (status.type !== "BitstringStatusListEntry" || status.statusPurpose !== "revocation" || typeof status.statusListCredential !== "string") {
        return notValid("The credential's status entry is not a revocation entry of a Bitstring Status List.", claims);
      }
      const revoked = await revokedInList(db, did, doc, status.statusListCredential, Number(status.statusListIndex), options);
      if (revoked) return { verdict: "REVOKED", reason: "The issuer has revoked this credential: its bit is set in the issuer's status list.", claims };
    }
    const validUntil = time(payload.validUntil);
    if (validUntil !== null && validUntil <= now) return { verdict: "EXPIRED", reason: `It expired on ${claims.validUntil}.`, claims };
    return { verdict: "VALID", reason: null, claims };
  } catch (error) {
    if (error instanceof Refusal) return notValid(error.message);
    throw error;
  }
}

/** Fetches (or, for this installation, builds) the issuer's status list, checks its signature and issuer, and reads the bit. */
async function revokedInList(db: Db, did: string, doc: DidDocument, listUrl: string, index: number, options: CheckOptions): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(listUrl);
  } catch {
    throw new Refusal("The credential's status list address is not a URL.");
  }
  const local = localIssuerOf(options.appUrl, did);
  const ownList = local !== null && url.origin === new URL(options.appUrl).origin && url.pathname === `/credentials/status/${local}`;
  const listJws = ownList
    ? await statusListCredential(db, local, options.appUrl, options.now)
    : (await fetchText(url, options, "the issuer's status list")).trim();
  if (!JWS.test(listJws)) throw new Refusal("The issuer's status list is not a signed credential.");
  const { payload } = await verifyAgainst(listJws, doc).catch((error: unknown) => {
    throw new Refusal(`The issuer's status list could not be trusted: ${(error as Error).message}`);
  });
  if (payload.issuer !== did) throw new Refusal("The status list was issued by someone other than the credential's issuer.");
  const subject = payload.credentialSubject as { encodedList?: unknown; statusPurpose?: unknown } | undefined;
  if (typeof subject?.encodedList !== "string" || subject.statusPurpose !== "revocation") throw new Refusal("The issuer's status list is malformed.");
  try {
    return statusBit(subject.encodedList, index);
  } catch (error) {
    throw new Refusal(`The issuer's status list cannot be read: ${(error as Error).message}.`);
  }
}
