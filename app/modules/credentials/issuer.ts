/**
 * Issuer identity (decision 026): Stipple is `did:web:<host>`, each clinic
 * `did:web:<host>:issuers:<clinic id>`, both resolving to documents this server publishes.
 * Pure: no database, so the verify page and the tests share it.
 */

/** The issuer a certificate names: Stipple itself, or the clinic that issued it. */
export const STIPPLE_ISSUER = "stipple";

/** `did:web` host part: the port's colon is percent-encoded, as the method requires. */
export function didHost(appUrl: string): string {
  return encodeURIComponent(new URL(appUrl).host);
}

/** The DID of Stipple (`issuer` = "stipple") or of a clinic (its id). */
export function issuerDid(appUrl: string, issuer: string): string {
  const root = `did:web:${didHost(appUrl)}`;
  return issuer === STIPPLE_ISSUER ? root : `${root}:issuers:${issuer}`;
}

/** The public page of an issuer's profile. */
export const issuerPagePath = (issuer: string) => `/issuers/${issuer}`;

/** Where a `did:web` document lives: `https://host/.well-known/did.json`, or `https://host/path/did.json`. Null for anything else. */
export function didWebUrl(did: string): URL | null {
  const match = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!match) return null;
  let host: string;
  try {
    host = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host)) return null;
  const segments = match[2] ? match[2].slice(1).split(":").map(decodeURIComponent) : [];
  const pathPart = segments.length ? `/${segments.join("/")}/did.json` : "/.well-known/did.json";
  return new URL(`https://${host}${pathPart}`);
}

/** The issuer a DID of this installation names ("stipple" or a clinic id), or null when it is another installation's. */
export function localIssuerOf(appUrl: string, did: string): string | null {
  const root = `did:web:${didHost(appUrl)}`;
  if (did === root) return STIPPLE_ISSUER;
  const prefix = `${root}:issuers:`;
  if (did.startsWith(prefix) && /^[A-Za-z0-9_-]+$/.test(did.slice(prefix.length))) return did.slice(prefix.length);
  return null;
}

export type PublishedKey = { kid: string; publicJwk: { kty: "OKP"; crv: "Ed25519"; x: string }; createdAt: number; retiredAt: number | null };

export type DidDocument = {
  "@context": string[];
  id: string;
  name?: string;
  verificationMethod: Array<{ id: string; type: "JsonWebKey2020"; controller: string; publicKeyJwk: PublishedKey["publicJwk"]; retired?: string }>;
  assertionMethod: string[];
};

/**
 * An issuer's DID document: every key the installation has signed with. Retired keys are listed
 * with the date they were retired and stay assertion methods, so credentials they signed before
 * then still verify; a verifier refuses what a key signed after its retirement.
 */
export function didDocument(did: string, keys: PublishedKey[]): DidDocument {
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    id: did,
    verificationMethod: keys.map((k) => ({
      id: `${did}#${k.kid}`,
      type: "JsonWebKey2020",
      controller: did,
      publicKeyJwk: k.publicJwk,
      ...(k.retiredAt !== null ? { retired: new Date(k.retiredAt).toISOString() } : {}),
    })),
    assertionMethod: keys.map((k) => `${did}#${k.kid}`),
  };
}

/** The status list of an issuer (a Bitstring Status List credential, signed). */
export const statusListPath = (issuer: string) => `/credentials/status/${issuer}`;
