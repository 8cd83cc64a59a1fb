import { issuerDid, issuerPagePath, statusListPath } from "./issuer";

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

/** What a credential says, all copied from the certificate and the course when it is first signed. */
export type CredentialFacts = {
  appUrl: string;
  /** "stipple" or the issuing clinic's id. */
  issuer: string;
  issuerName: string;
  credentialId: string;
  code: string;
  courseSlug: string;
  programmeTitle: string;
  description: string;
  criteriaNarrative: string;
  issuedAt: number;
  expiresAt: number;
  /** `sha256$<hex>` of the holder's email followed by `salt`. */
  identityHash: string;
  salt: string;
  statusIndex: number;
  /** The holder has made the transcript public on the verification page. */
  transcriptPublic: boolean;
  /** When it is signed (the JWT `iat`). */
  signedAt: number;
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The OpenBadgeCredential (Open Badges 3.0 on the VC 2.0 data model) as the JWT payload: the
 * credential's own properties plus the registered claims VC-JWT asks for (`iss`, `jti`, `nbf`,
 * `exp`, `iat`), which repeat what the credential says. `issuanceDate` repeats `validFrom` for
 * verifiers still on the 1.1-era schema (decision 027).
 */
export function openBadgeCredential(f: CredentialFacts) {
  const did = issuerDid(f.appUrl, f.issuer);
  const url = (p: string) => new URL(p, f.appUrl).toString();
  const verifyUrl = url(`/verify/${f.code}`);
  const listUrl = url(statusListPath(f.issuer));
  const issuer = { id: did, type: ["Profile"], name: f.issuerName, url: url(issuerPagePath(f.issuer)) };
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    id: f.credentialId,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: f.programmeTitle,
    description: `${f.programmeTitle}, certificate ${f.code}, issued by ${f.issuerName}.`,
    issuer,
    validFrom: iso(f.issuedAt),
    validUntil: iso(f.expiresAt),
    issuanceDate: iso(f.issuedAt),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityHash: f.identityHash, identityType: "emailAddress", hashed: true, salt: f.salt }],
      achievement: {
        id: url(`/courses/${f.courseSlug}#certification`),
        type: ["Achievement"],
        achievementType: "Certification",
        name: f.programmeTitle,
        description: f.description,
        criteria: { id: url(`/courses/${f.courseSlug}#certification`), narrative: f.criteriaNarrative },
        image: { id: url(`/badges/${f.courseSlug}.png`), type: "Image", caption: `${f.programmeTitle} badge` },
        creator: issuer,
      },
    },
    evidence: [
      {
        id: verifyUrl,
        type: ["Evidence"],
        name: `Certificate check for ${f.code}`,
        description: f.transcriptPublic
          ? "The public verification page: the certificate's current state, and the holder's transcript, which they chose to show."
          : "The public verification page: the certificate's current state.",
      },
    ],
    credentialStatus: {
      id: `${listUrl}#${f.statusIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(f.statusIndex),
      statusListCredential: listUrl,
    },
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
    iss: did,
    jti: f.credentialId,
    nbf: seconds(f.issuedAt),
    exp: seconds(f.expiresAt),
    iat: seconds(f.signedAt),
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** VC 2.0's wrapper for a credential secured as a JWT: what `credential.json` holds. */
export function envelope(jws: string) {
  return { "@context": [VC_CONTEXT], id: `data:application/vc+jwt,${jws}`, type: "EnvelopedVerifiableCredential" };
}
