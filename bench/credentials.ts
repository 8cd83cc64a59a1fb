// `npm run bench:credentials`: the size of a signed Open Badges credential (JWS, credential.json,
// baked badge) and the time to sign and to verify one. Prints figures; asserts nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compactVerify, importJWK } from "jose";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stipple-bench-credentials-"));
process.env.STIPPLE_DATA_DIR = dataDir;
process.env.STIPPLE_CONTENT_DIR ??= path.resolve("content");

const { openDatabase } = await import("~/db/client.server");
const { migrateDatabase } = await import("~/db/migrate.server");
const { certificates, users } = await import("~/db/schema");
const { getEnv } = await import("~/env.server");
const { loadActor } = await import("~/modules/auth/actor.server");
const { credentialJson, holderBakedBadge, holderCredential, signJwt } = await import("~/modules/credentials/credential.server");
const { issuerDid } = await import("~/modules/credentials/issuer");
const { newSigningKeyPem, registerSigningKey, setSigner, signerFromPem } = await import("~/modules/credentials/keys.server");
const { checkPresentedCredential } = await import("~/modules/credentials/verify-credential.server");

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 500);
const { db } = openDatabase(path.join(dataDir, "bench.sqlite"));
migrateDatabase(db);
const signer = await signerFromPem(await newSigningKeyPem());
registerSigningKey(db, signer);
setSigner(signer);
const appUrl = getEnv().appUrl;

const user = db.insert(users).values({ email: "holder@bench.example", name: "Bench Holder", passwordHash: "x", role: "learner" }).returning().get();
const now = Date.now();
const cert = db
  .insert(certificates)
  .values({
    code: "STP-BNCH-0001",
    userId: user.id,
    courseSlug: "smp-practitioner",
    holderName: user.name,
    programmeTitle: "SMP Practitioner Certificate",
    issuerName: null,
    issuedAt: now - 1000,
    expiresAt: now + 730 * 86_400_000,
  })
  .returning()
  .get();
const actor = loadActor(db, user);

const { jws } = await holderCredential(db, actor, cert.id, appUrl);
const badge = await holderBakedBadge(db, actor, cert.id, appUrl);
const payload = JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")) as object;

async function timeEach(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
  console.log(`${label.padEnd(58)} median ${at(0.5)} ms   p95 ${at(0.95)} ms   (${ITERATIONS} runs)`);
}

console.log(`credential (compact JWS)                                   ${Buffer.byteLength(jws)} bytes`);
console.log(`credential payload (JSON)                                  ${JSON.stringify(payload).length} bytes`);
console.log(`credential.json (VC 2.0 envelope)                          ${Buffer.byteLength(credentialJson(jws))} bytes`);
console.log(`baked badge PNG (600×600)                                  ${badge.png.length} bytes`);
const did = issuerDid(appUrl, "stipple");
const key = await importJWK(signer.publicJwk, "EdDSA");
await timeEach("sign one credential (EdDSA, jose)", () => signJwt(payload, signer, did));
await timeEach("verify its signature only (jose compactVerify)", () => compactVerify(jws, key));
await timeEach("full check: DID, signature, dates, signed status list", () => checkPresentedCredential(db, { text: jws }, { appUrl }));
await timeEach("full check of the baked badge (PNG read + the above)", () => checkPresentedCredential(db, { bytes: badge.png }, { appUrl }));

fs.rmSync(dataDir, { recursive: true, force: true });
