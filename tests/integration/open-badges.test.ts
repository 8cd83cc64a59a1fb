import fs from "node:fs";
import path from "node:path";
import { ed25519 } from "@noble/curves/ed25519.js";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { certificates, credentials, users } from "~/db/schema";
import { deleteAccount } from "~/modules/account/delete-account.server";
import { certificatesOf } from "~/modules/account/export-records.server";
import { hashPassword } from "~/modules/auth/password.server";
import { getStorage } from "~/modules/storage/storage.server";
import { getEnv } from "~/env.server";
import { revokeCertificate } from "~/modules/certification/certificates.server";
import { settleCertification } from "~/modules/certification/issue.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { extractBakedCredential } from "~/modules/credentials/baking.server";
import { signJwt } from "~/modules/credentials/credential.server";
import { issuerDid } from "~/modules/credentials/issuer";
import { newSigningKeyPem, registerSigningKey, signerFromPem, setSigner, type Signer } from "~/modules/credentials/keys.server";
import { statusBit } from "~/modules/credentials/status-list.server";
import { checkPresentedCredential } from "~/modules/credentials/verify-credential.server";
import { completeProgramme } from "~/modules/demo/seed.server";
import { enrol } from "~/modules/progress/progress.server";
import { loader as badgeLoader } from "~/routes/certificates.$id_.badge[.png]";
import { loader as credentialLoader } from "~/routes/certificates.$id_.credential[.json]";
import { loader as statusLoader } from "~/routes/credentials.status.$issuer";
import { loader as stippleDidLoader } from "~/routes/[.well-known].did[.json]";
import { loader as clinicDidLoader } from "~/routes/issuers.$id_.did[.json]";
import { action as verifyAction } from "~/routes/verify._index";
import { loader as certificateLoader } from "~/routes/certificates.$id";
import { contextFor, createTestDb } from "../helpers/db";
import { call, get } from "../helpers/http";
import { clinic, cohort, person, secondMarkingRate } from "../helpers/world";

const COURSE = "smp-practitioner";
const DAY = 24 * 60 * 60 * 1000;
const appUrl = () => getEnv().appUrl;

let db: Db;
let signer: Signer;

async function newSigner(): Promise<Signer> {
  return signerFromPem(await newSigningKeyPem());
}

beforeEach(async () => {
  db = createTestDb();
  signer = await newSigner();
  registerSigningKey(db, signer, Date.now() - 400 * DAY);
  setSigner(signer);
});

/** A technician of Clinic A holding a certificate issued `ago` days back, an outsider, and the clinic's admin. */
function certified(ago = 10) {
  const learner = person(db, "Lena.Holder@a.example");
  const instructor = person(db, "ines@a.example", "instructor");
  const adminA = person(db, "carl@a.example", "clinic_admin");
  const outsider = person(db, "otto@b.example");
  const a = clinic(db, "Clinic A", { technicians: [learner], instructors: [instructor], admins: [adminA] });
  cohort(db, a, "Autumn", { learners: [learner], instructors: [instructor] });
  secondMarkingRate(db, a, 0);
  enrol(db, learner.user.id, COURSE);
  const at = Date.now() - ago * DAY;
  db.transaction((tx) => {
    completeProgramme(tx, findCourse(COURSE), learner.user.id, instructor.user.id, at);
    settleCertification(tx, findCourse(COURSE), learner.user.id, at);
  });
  const cert = db.select().from(certificates).where(eq(certificates.userId, learner.user.id)).get()!;
  return { learner, outsider, adminA, cert, clinicA: a };
}

/** What the holder downloads as credential.json, through the route. */
async function download(id: string, cookie: string) {
  const res = await call(credentialLoader, { request: get(`/certificates/${id}/credential.json`, cookie), params: { id }, context: contextFor(db) });
  return res;
}

const jwsOfEnvelope = (body: unknown) => (body as { id: string }).id.replace("data:application/vc+jwt,", "");
const payloadOf = (jws: string) => JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
const check = (text: string, now?: number) => checkPresentedCredential(db, { text }, { appUrl: appUrl(), now });

describe("Open Badges 3.0 credentials", () => {
  it("round trip: the holder downloads credential.json and the verify check says VALID, with what it claims", async () => {
    const { learner, cert, clinicA } = certified();
    const res = await download(cert.id, learner.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain(`stipple-credential-${cert.code}.json`);
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    const body = res.body as { type: string; id: string };
    expect(body.type).toBe("EnvelopedVerifiableCredential");
    const jws = jwsOfEnvelope(body);
    const vc = payloadOf(jws);
    // The clinic is the named issuer; the email is only there as a salted hash.
    expect(vc.issuer).toMatchObject({ id: issuerDid(appUrl(), clinicA.id), name: "Clinic A", type: ["Profile"] });
    expect(JSON.stringify(vc)).not.toContain("a.example");
    const subject = vc.credentialSubject as { identifier: Array<{ identityHash: string; salt: string }>; achievement: { criteria: { narrative: string } } };
    const { createHash } = await import("node:crypto");
    expect(subject.identifier[0]!.identityHash).toBe(
      `sha256$${createHash("sha256").update(`lena.holder@a.example${subject.identifier[0]!.salt}`).digest("hex")}`,
    );
    expect(subject.achievement.criteria.narrative).toBe(findCourse(COURSE).certification!.criteria);
    expect(vc.validFrom).toBe(new Date(cert.issuedAt).toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect(vc.validUntil).toBe(new Date(cert.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"));
    expect((vc.evidence as Array<{ id: string }>)[0]!.id).toBe(`${appUrl()}/verify/${cert.code}`);
    expect(vc.credentialStatus).toMatchObject({ type: "BitstringStatusListEntry", statusListCredential: `${appUrl()}/credentials/status/${clinicA.id}` });

    const result = await check(JSON.stringify(res.body));
    expect(result).toMatchObject({ verdict: "VALID", reason: null, claims: { achievement: cert.programmeTitle, issuerName: "Clinic A" } });
    // Signed once and kept: a second download is the same bytes.
    expect(jwsOfEnvelope((await download(cert.id, learner.cookie)).body)).toBe(jws);
    expect(db.select().from(credentials).all()).toHaveLength(1);
  });

  it("changing any field of the credential makes it NOT VALID (bad signature)", async () => {
    const { learner, cert } = certified();
    const jws = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    const [header, , signature] = jws.split(".");
    for (const tamper of [
      (vc: Record<string, unknown>) => (vc.validUntil = "2099-01-01T00:00:00Z"),
      (vc: Record<string, unknown>) => (vc.name = "Master Trainer"),
      (vc: Record<string, unknown>) => ((vc.credentialStatus as { statusListIndex: string }).statusListIndex = "1"),
    ]) {
      const vc = payloadOf(jws);
      tamper(vc);
      const forged = `${header}.${Buffer.from(JSON.stringify(vc)).toString("base64url")}.${signature}`;
      const result = await check(
        JSON.stringify({
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          type: "EnvelopedVerifiableCredential",
          id: `data:application/vc+jwt,${forged}`,
        }),
      );
      expect(result.verdict).toBe("NOT VALID");
      expect(result.reason).toMatch(/Bad signature/);
    }
    expect((await check("not a credential")).reason).toMatch(/not a credential/);
    expect((await check('{"@context":[],"type":["VerifiableCredential"]}')).reason).toMatch(/no proof/);
  });

  it("revoking flips the credential's bit in the signed status list: REVOKED", async () => {
    const { learner, adminA, cert, clinicA } = certified();
    const jws = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    const index = Number((payloadOf(jws).credentialStatus as { statusListIndex: string }).statusListIndex);
    const listOf = async () => {
      const res = await call(statusLoader, { request: get(`/credentials/status/${clinicA.id}`), params: { issuer: clinicA.id }, context: contextFor(db) });
      expect(res.headers.get("Content-Type")).toBe("application/vc+jwt");
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      const list = payloadOf(String(res.body));
      expect(list.type).toEqual(["VerifiableCredential", "BitstringStatusListCredential"]);
      return list as { credentialSubject: { encodedList: string } };
    };
    expect(statusBit((await listOf()).credentialSubject.encodedList, index)).toBe(false);
    revokeCertificate(db, adminA.actor(), cert.id, { reason: "misconduct", note: "" });
    expect(statusBit((await listOf()).credentialSubject.encodedList, index)).toBe(true);
    expect(await check(jws)).toMatchObject({ verdict: "REVOKED", reason: expect.stringMatching(/revoked/) });
    // A revoked certificate's credential is not handed out again.
    expect((await download(cert.id, learner.cookie)).status).toBe(409);
  });

  it("past its expiry it is EXPIRED; before its start NOT VALID", async () => {
    const { learner, cert } = certified();
    const jws = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    expect((await check(jws, cert.expiresAt + 1000)).verdict).toBe("EXPIRED");
    expect((await check(jws, cert.expiresAt - 1000)).verdict).toBe("VALID");
    expect(await check(jws, cert.issuedAt - DAY)).toMatchObject({ verdict: "NOT VALID", reason: expect.stringMatching(/Not valid yet/) });
  });

  it("a key rotation keeps an old credential VALID; the retired key stays published, marked retired, and cannot sign new ones", async () => {
    const { learner, cert, clinicA } = certified();
    const old = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    const next = await newSigner();
    registerSigningKey(db, next);
    setSigner(next);
    expect((await check(old)).verdict).toBe("VALID");
    const doc = (await call(clinicDidLoader, { request: get(`/issuers/${clinicA.id}/did.json`), params: { id: clinicA.id }, context: contextFor(db) }))
      .body as {
      verificationMethod: Array<{ id: string; retired?: string }>;
    };
    expect(doc.verificationMethod.map((m) => [m.id.split("#")[1], typeof m.retired])).toEqual([
      [signer.kid, "string"],
      [next.kid, "undefined"],
    ]);
    // Someone holding the retired private key cannot issue with it after its retirement.
    const late = { ...payloadOf(old), iat: Math.floor(Date.now() / 1000) + 60 };
    expect(await check(await signJwt(late, signer, issuerDid(appUrl(), clinicA.id)))).toMatchObject({
      verdict: "NOT VALID",
      reason: expect.stringMatching(/retired key/),
    });
    // What the new key signs verifies too.
    expect((await check(await signJwt(late, next, issuerDid(appUrl(), clinicA.id)))).verdict).toBe("VALID");
  });

  it("names the reason for an unknown issuer, a key it does not publish, and an unreachable foreign issuer (offline)", async () => {
    const { learner, cert } = certified();
    const jws = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    const stranger = await newSigner();
    const resign = (did: string, who = signer) => signJwt({ ...payloadOf(jws), issuer: { id: did, type: ["Profile"] } }, who, did);
    expect((await check(await resign(issuerDid(appUrl(), "no-such-clinic")))).reason).toMatch(/Unknown issuer/);
    expect((await check(await resign(issuerDid(appUrl(), "stipple"), stranger))).reason).toMatch(/Unknown key/);
    const offline: typeof fetch = () => Promise.reject(new TypeError("fetch failed"));
    const foreign = await checkPresentedCredential(db, { text: await resign("did:web:stipple.example", stranger) }, { appUrl: appUrl(), fetch: offline });
    expect(foreign).toMatchObject({ verdict: "NOT VALID", reason: expect.stringMatching(/Could not reach stipple\.example .*offline/) });
    // Nobody can point this server at its own network through a crafted issuer.
    for (const inside of ["did:web:127.0.0.1", "did:web:localhost%3A3000", "did:web:intranet"]) {
      const refused = await checkPresentedCredential(db, { text: await resign(inside, stranger) }, { appUrl: "https://stipple.example", fetch: offline });
      expect(refused).toMatchObject({ verdict: "NOT VALID", reason: expect.stringMatching(/not a public HTTPS address/) });
    }
  });

  it("checks a foreign installation's credential against its published document and status list", async () => {
    const { learner, cert } = certified();
    const jws = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    const foreignDid = "did:web:other.example";
    const other = await newSigner();
    const vc: Record<string, unknown> = { ...payloadOf(jws), issuer: { id: foreignDid, type: ["Profile"], name: "Other Stipple" } };
    (vc.credentialStatus as { statusListCredential: string }).statusListCredential = "https://other.example/credentials/status/stipple";
    const foreignJws = await signJwt(vc, other, foreignDid);
    const { encodeStatusList } = await import("~/modules/credentials/status-list.server");
    const index = Number((vc.credentialStatus as { statusListIndex: string }).statusListIndex);
    let revoked = false;
    const remote: typeof fetch = async (input) => {
      const url = String(input);
      if (url === "https://other.example/.well-known/did.json") {
        return Response.json({
          id: foreignDid,
          verificationMethod: [{ id: `${foreignDid}#${other.kid}`, type: "JsonWebKey2020", controller: foreignDid, publicKeyJwk: other.publicJwk }],
          assertionMethod: [`${foreignDid}#${other.kid}`],
        });
      }
      if (url === "https://other.example/credentials/status/stipple") {
        const list = { issuer: foreignDid, credentialSubject: { statusPurpose: "revocation", encodedList: encodeStatusList(revoked ? [index] : []) } };
        return new Response(await signJwt(list, other, foreignDid));
      }
      return new Response("", { status: 404 });
    };
    const verdict = async () => (await checkPresentedCredential(db, { text: foreignJws }, { appUrl: appUrl(), fetch: remote })).verdict;
    expect(await verdict()).toBe("VALID");
    revoked = true;
    expect(await verdict()).toBe("REVOKED");
  });

  it("validates against the Open Badges 3.0 JSON schema (vendored: 1EdTech/openbadges-specification docs/schema/achievementcredential.json @ e0fdb03, $id …/ob_v3p0_achievementcredential_schema.json, draft 2019-09)", async () => {
    const { learner, cert } = certified();
    const vc = payloadOf(jwsOfEnvelope((await download(cert.id, learner.cookie)).body));
    const schema = JSON.parse(fs.readFileSync(path.resolve("tests/fixtures/open-badges/ob_v3p0_achievementcredential_schema.json"), "utf8")) as object;
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(vc), JSON.stringify(validate.errors)).toBe(true);
    // The schema has teeth: a credential without its achievement's criteria fails it.
    const broken = structuredClone(vc) as { credentialSubject: { achievement: Record<string, unknown> } };
    delete broken.credentialSubject.achievement.criteria;
    expect(validate(broken)).toBe(false);
  });

  it("verifies with a second, independent Ed25519 implementation (@noble/curves) against the published DID document", async () => {
    const { learner, cert, clinicA } = certified();
    const jws = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    const header = JSON.parse(Buffer.from(jws.split(".")[0]!, "base64url").toString("utf8")) as { alg: string; kid: string };
    expect(header.alg).toBe("EdDSA");
    const doc = (await call(clinicDidLoader, { request: get(`/issuers/${clinicA.id}/did.json`), params: { id: clinicA.id }, context: contextFor(db) }))
      .body as {
      id: string;
      verificationMethod: Array<{ id: string; publicKeyJwk: { x: string } }>;
    };
    expect(doc.id).toBe(issuerDid(appUrl(), clinicA.id));
    const key = doc.verificationMethod.find((m) => m.id === header.kid)!;
    const [h, p, s] = jws.split(".") as [string, string, string];
    const verify = (input: string) => ed25519.verify(Buffer.from(s, "base64url"), Buffer.from(input, "ascii"), Buffer.from(key.publicKeyJwk.x, "base64url"));
    expect(verify(`${h}.${p}`)).toBe(true);
    expect(verify(`${h}.${p.slice(0, -2)}AA`)).toBe(false);
    // Stipple's own document names the same keys under its root DID.
    const root = (await call(stippleDidLoader, { request: get("/.well-known/did.json"), params: {}, context: contextFor(db) })).body as { id: string };
    expect(root.id).toBe(issuerDid(appUrl(), "stipple"));
  });

  it("the baked badge is a PNG that opens as an image, carrying exactly the downloaded credential, and the check accepts it", async () => {
    const { learner, cert } = certified();
    const jws = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    const res = (await badgeLoader({
      request: get(`/certificates/${cert.id}/badge.png`, learner.cookie),
      params: { id: cert.id },
      context: contextFor(db),
    })) as Response;
    expect(res.headers.get("Content-Type")).toBe("image/png");
    const png = new Uint8Array(await res.arrayBuffer());
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 600, 600]);
    expect(Buffer.from(extractBakedCredential(png)!, "utf8").equals(Buffer.from(jws, "utf8"))).toBe(true);
    expect((await checkPresentedCredential(db, { bytes: png }, { appUrl: appUrl() })).verdict).toBe("VALID");
    const plain = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    expect((await checkPresentedCredential(db, { bytes: plain }, { appUrl: appUrl() })).reason).toMatch(/no Open Badges credential/);
  });

  it("only the holder gets the credential: signed out is sent to sign in, anyone else gets 404", async () => {
    const { outsider, adminA, cert } = certified();
    const signedOut = await download(cert.id, "");
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toMatch(/^\/login/);
    expect((await download(cert.id, outsider.cookie)).status).toBe(404);
    expect((await download(cert.id, adminA.cookie)).status).toBe(404);
    expect(db.select().from(credentials).all()).toHaveLength(0);
  });

  it("the certificate page offers the holder the downloads and a LinkedIn link with the certification's fields", async () => {
    const { learner, adminA, cert } = certified();
    const page = await call(certificateLoader, { request: get(`/certificates/${cert.id}`, learner.cookie), params: { id: cert.id }, context: contextFor(db) });
    const { credential } = page.body as { credential: { jsonPath: string; badgePath: string; linkedIn: string } };
    expect(credential.jsonPath).toBe(`/certificates/${cert.id}/credential.json`);
    expect(credential.badgePath).toBe(`/certificates/${cert.id}/badge.png`);
    const link = new URL(credential.linkedIn);
    const issued = new Date(cert.issuedAt);
    const expires = new Date(cert.expiresAt);
    expect(link.origin + link.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(link.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: cert.programmeTitle,
      organizationName: "Clinic A",
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      expirationYear: String(expires.getUTCFullYear()),
      expirationMonth: String(expires.getUTCMonth() + 1),
      certId: cert.code,
      certUrl: `${appUrl()}/verify/${cert.code}`,
    });
    const staff = await call(certificateLoader, { request: get(`/certificates/${cert.id}`, adminA.cookie), params: { id: cert.id }, context: contextFor(db) });
    expect((staff.body as { credential: unknown }).credential).toBeNull();
  });

  it("/verify checks a pasted credential or an uploaded badge, and asks for one when given neither", async () => {
    const { learner, cert } = certified();
    const envelopeText = JSON.stringify((await download(cert.id, learner.cookie)).body);
    const post = (fields: Record<string, string | Blob>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      return new Request("http://localhost:3000/verify?index", { method: "POST", body: form, headers: { Origin: "http://localhost:3000" } });
    };
    const pasted = await call(verifyAction, { request: post({ credential: envelopeText }), params: {}, context: contextFor(db) });
    expect(pasted.status).toBe(200);
    expect((pasted.body as { check: { verdict: string } }).check.verdict).toBe("VALID");
    const res = (await badgeLoader({
      request: get(`/certificates/${cert.id}/badge.png`, learner.cookie),
      params: { id: cert.id },
      context: contextFor(db),
    })) as Response;
    const badge = new File([await res.arrayBuffer()], "badge.png", { type: "image/png" });
    const uploaded = await call(verifyAction, { request: post({ credential: "", file: badge }), params: {}, context: contextFor(db) });
    expect((uploaded.body as { check: { verdict: string } }).check.verdict).toBe("VALID");
    const empty = await call(verifyAction, { request: post({ credential: "" }), params: {}, context: contextFor(db) });
    expect(empty.status).toBe(400);
    expect((empty.body as { error: Record<string, string[]> }).error.credential).toEqual(["Paste a credential, or choose its file below"]);
  });

  it("deleting the account forgets the stored credential and sets its bit, so copies check as REVOKED; the export carries it before that", async () => {
    const { learner, cert } = certified();
    const jws = jwsOfEnvelope((await download(cert.id, learner.cookie)).body);
    expect(certificatesOf(db, learner.user.id, Date.now())).toEqual([expect.objectContaining({ code: cert.code, credential: jws })]);
    db.update(users)
      .set({ passwordHash: await hashPassword("long enough passphrase") })
      .where(eq(users.id, learner.user.id))
      .run();
    await deleteAccount(db, getStorage(), learner.actor(), "long enough passphrase");
    expect(db.select().from(credentials).where(eq(credentials.certificateId, cert.id)).get()).toMatchObject({ jws: null });
    expect((await check(jws)).verdict).toBe("REVOKED");
  });
});
