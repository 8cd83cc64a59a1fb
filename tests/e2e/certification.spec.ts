import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import jsQR from "jsqr";
import sharp from "sharp";
import { expect, shot, signInAsDemo, signUpAndEnrol, test, uniqueEmail } from "./fixtures";

const COURSE = "/courses/smp-practitioner";

/** The page of the PDF as an image (for people to look at) and the link its QR code holds. */
async function renderAndDecode(pdfFile: string, pngBase: string): Promise<string | null> {
  execFileSync("pdftoppm", ["-png", "-r", "110", "-singlefile", pdfFile, pngBase]);
  const { data, info } = await sharp(`${pngBase}.png`).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

const HAS_POPPLER = spawnSync("pdftoppm", ["-v"]).error === undefined;

test("a learner who meets the last requirement sees the certificate appear, downloads the PDF, and its QR opens a verify page saying VALID", async ({
  page,
  browser,
}, info) => {
  test.skip(!HAS_POPPLER && !process.env.STIPPLE_REQUIRE_SYSTEM_TOOLS, "poppler-utils is needed to read the QR code off the PDF");
  const email = uniqueEmail("certify");
  const holder = "Noor Haddad-Ó Briain";
  await signUpAndEnrol(page, holder, email);
  const prepared = JSON.parse(
    execFileSync(
      path.resolve("node_modules/.bin/tsx"),
      ["tests/helpers/prepare-certifiable.ts", path.join(process.env.STIPPLE_E2E_DATA_DIR!, "stipple.sqlite"), email],
      { encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .pop()!,
  ) as { lastModule: string; lastTitle: string };

  // The checklist shows exactly what is left.
  await page.goto(COURSE);
  const panel = page.getByRole("region", { name: "Certification" });
  await expect(panel.getByText(`Still to do: ${prepared.lastTitle}`, { exact: false })).toBeVisible();
  await expect(panel.getByRole("progressbar", { name: /Supervised cases countersigned \(5 of 5\)/ })).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await shot(page, info, "1-checklist-one-left");

  // Reading the last module (to the end of its text) is what completes the programme.
  await page.goto(`${COURSE}/${prepared.lastModule}`);
  await page.getByRole("heading", { name: "Sources" }).scrollIntoViewIfNeeded();
  await page.getByRole("button", { name: "Mark complete" }).click();
  await expect(page.getByText("You have completed this module.")).toBeVisible();
  await page.goto(COURSE);
  await expect(panel.getByText("You are certified.")).toBeVisible();
  await shot(page, info, "2-course-certified");

  await page.getByRole("link", { name: "Certificates" }).first().click();
  await expect(page.getByRole("heading", { name: "My certificates" })).toBeVisible();
  await page.getByRole("link", { name: "SMP Practitioner Certificate" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Download and share" })).toBeVisible();
  await expect(page.getByText("Valid", { exact: true })).toBeVisible();
  // Under the title: the holder's name, then the certificate's code.
  const code = (await page.getByText(new RegExp(`^${holder} · `)).textContent())!.split(" · ")[1]!.trim();
  expect(code).toMatch(/^STP-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await shot(page, info, "3-certificate-page");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`stipple-certificate-${code}.pdf`);
  const dir = path.join("test-results", "e2e", "screens", info.project.name);
  fs.mkdirSync(dir, { recursive: true });
  const pdfFile = path.join(dir, "certificate.pdf");
  await download.saveAs(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe("%PDF-");
  const url = await renderAndDecode(pdfFile, path.join(dir, "certificate-pdf"));
  expect(url).not.toBeNull();
  expect(new URL(url!).pathname).toBe(`/verify/${code}`);

  // Anyone — here a visitor who is not signed in — opens the QR's link.
  const visitor = await browser.newContext();
  const stranger = await visitor.newPage();
  await stranger.goto(new URL(url!).pathname);
  await expect(stranger.getByRole("heading", { name: "This certificate is valid." })).toBeVisible();
  await expect(stranger.getByText(holder)).toBeVisible();
  await expect(stranger.getByText(email)).toHaveCount(0);
  await shot(stranger, info, "4-verify-valid");
  await visitor.close();
});

test("the README's demo links show the three states, unknown codes all get one page, and the clinic sees its certificates", async ({ page }, info) => {
  for (const [code, heading] of [
    ["STP-DEMV-9VAD", "This certificate is valid."],
    ["STP-DEMV-9EXP", "This certificate has expired."],
    ["STP-DEMV-9REV", "This certificate has been revoked."],
  ] as const) {
    await page.goto(`/verify/${code}`);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await shot(page, info, `verify-${code}`);
  }
  await expect(page.getByText(/Revoked on .*\. Revoked by the issuer\./)).toBeVisible();

  // Unknown and malformed codes: the same page.
  await page.goto("/verify/STP-2222-2222");
  await expect(page.getByRole("heading", { name: "No certificate with this code" })).toBeVisible();
  await page.getByLabel("Certificate code").fill("stp demv 9vad");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page).toHaveURL(/\/verify\/STP-DEMV-9VAD$/);
  await expect(page.getByRole("heading", { name: "This certificate is valid." })).toBeVisible();

  // The clinic sees what it issued, and what expires soon.
  await signInAsDemo(page, "clinic@demo.stipple");
  await page.goto("/clinic");
  await expect(page.getByRole("region", { name: "Certificates" })).toContainText("4 issued by this clinic, 1 of them revoked");
  await shot(page, info, "clinic-dashboard");
});

test("the holder reads their transcript with its assessors and chooses to show it on the verification page", async ({ page }, info) => {
  await signInAsDemo(page, "certified@demo.stipple");
  await page.goto("/certificates");
  await page
    .getByRole("link", { name: /SMP Practitioner Certificate/ })
    .first()
    .click();
  const transcript = page.getByRole("region", { name: "Transcript" });
  await expect(transcript.getByText("Final exam:")).toBeVisible();
  await expect(transcript.getByText("Assessed by Ines Instructor").first()).toBeVisible();
  await expect(transcript.getByText("Countersigned by Ines Instructor")).toBeVisible();
  await shot(page, info, "01-transcript");

  // Hidden from the public page until the holder shows it.
  await page.goto("/verify/STP-DEMV-9VAD");
  await expect(page.getByRole("heading", { name: "This certificate is valid." })).toBeVisible();
  await expect(page.getByText("Assessed by")).toHaveCount(0);

  await page.goBack();
  await page.getByRole("button", { name: "Show it on the verification page" }).click();
  await expect(page.getByText("The verification page shows this transcript to anyone with the link.")).toBeVisible();
  await page.goto("/verify/STP-DEMV-9VAD");
  await expect(page.getByRole("heading", { name: "Transcript, shared by the holder" })).toBeVisible();
  await expect(page.getByText("Assessed by Ines Instructor").first()).toBeVisible();
  await shot(page, info, "02-verify-with-transcript");

  // And hidden again: the demo certificate stays as the README describes it.
  await page.goBack();
  await page.getByRole("button", { name: "Hide it from the verification page" }).click();
  await expect(page.getByRole("button", { name: "Show it on the verification page" })).toBeVisible();
});
