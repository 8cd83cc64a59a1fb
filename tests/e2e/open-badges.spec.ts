import fs from "node:fs";
import sharp from "sharp";
import { expect, expectNoAxeViolations, shot, signInAsDemo, test } from "./fixtures";

test("the certified demo learner downloads the signed credential and the baked badge, LinkedIn gets the certification's fields, and /verify accepts the badge", async ({
  page,
}, info) => {
  await signInAsDemo(page, "certified@demo.stipple");
  await page.goto("/certificates");
  await page.getByRole("link", { name: "SMP Practitioner Certificate" }).first().click();
  const section = page.getByRole("region", { name: "Digital credential" });
  await expect(section).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(page);
  await shot(page, info, "1-certificate-page");

  // The credential file: JSON, the JWT in VC 2.0's envelope.
  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Download credential (JSON)" }).click()]);
  expect(jsonDownload.suggestedFilename()).toBe("stipple-credential-STP-DEMV-9VAD.json");
  const envelope = JSON.parse(fs.readFileSync((await jsonDownload.path())!, "utf8")) as { type: string; id: string };
  expect(envelope.type).toBe("EnvelopedVerifiableCredential");
  const jws = envelope.id.replace("data:application/vc+jwt,", "");
  const vc = JSON.parse(Buffer.from(jws.split(".")[1]!, "base64url").toString("utf8")) as { type: string[]; name: string; issuer: { name: string } };
  expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
  expect(vc.issuer.name).toBe("Demo Clinic");

  // The badge: a PNG that carries the same credential.
  const [badgeDownload] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "Download badge image" }).click()]);
  const badgeFile = (await badgeDownload.path())!;
  const badge = fs.readFileSync(badgeFile);
  expect((await sharp(badge).metadata()).format).toBe("png");
  expect(badge.includes(Buffer.from(`openbadgecredential\0\0\0\0\0${jws}`))).toBe(true);

  // LinkedIn's add-certification link, filled in.
  const linkedIn = new URL((await section.getByRole("link", { name: /Add to LinkedIn profile/ }).getAttribute("href"))!);
  expect(linkedIn.hostname).toBe("www.linkedin.com");
  expect(linkedIn.searchParams.get("startTask")).toBe("CERTIFICATION_NAME");
  expect(linkedIn.searchParams.get("name")).toBe("SMP Practitioner Certificate");
  expect(linkedIn.searchParams.get("organizationName")).toBe("Demo Clinic");
  expect(linkedIn.searchParams.get("certId")).toBe("STP-DEMV-9VAD");
  expect(linkedIn.searchParams.get("certUrl")).toMatch(/\/verify\/STP-DEMV-9VAD$/);
  for (const field of ["issueYear", "issueMonth", "expirationYear", "expirationMonth"]) expect(linkedIn.searchParams.get(field)).toMatch(/^\d{1,4}$/);

  // /verify: nothing given is refused next to the field; the uploaded badge is VALID.
  await page.goto("/verify");
  await page.getByRole("button", { name: "Check credential" }).click();
  await expect(page.getByText("Paste a credential, or choose its file below")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Or upload credential.json or the badge image").setInputFiles({ name: "badge.png", mimeType: "image/png", buffer: badge });
  await page.getByRole("button", { name: "Check credential" }).click();
  await expect(page.getByRole("heading", { name: "This credential is valid." })).toBeVisible();
  await expect(page.getByText("SMP Practitioner Certificate", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, info, "2-verify-badge-valid");

  // A changed field breaks the signature.
  const forged = JSON.stringify({ ...envelope, id: envelope.id.replace(/\.([^.]+)\./, (_m, p: string) => `.${p.slice(0, -4)}AAAA.`) });
  await page.getByLabel("Or upload credential.json or the badge image").setInputFiles([]);
  await page.getByLabel("Paste a credential").fill(forged);
  await page.getByRole("button", { name: "Check credential" }).click();
  await expect(page.getByRole("heading", { name: "This credential is not valid." })).toBeVisible();
  await expect(page.getByText(/Bad signature/)).toBeVisible();
  await shot(page, info, "3-verify-tampered");
});

test("a signed-out visitor gets no credential, only the sign-in page", async ({ page }) => {
  await page.goto("/verify/STP-DEMV-9VAD");
  await expect(page.getByRole("heading", { name: "This certificate is valid." })).toBeVisible();
  await expect(page.getByRole("link", { name: /credential/i })).toHaveCount(0);
  const response = await page.request.get("/certificates/anything/credential.json", { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toMatch(/^\/login/);
});
