import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Page } from "@playwright/test";
import { expect, shot, signInAsDemo, signOut, test } from "./fixtures";

/** A photo of a shaved scalp, more or less: skin tone with a field of small dark dots. */
async function scalpPhoto(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "crown-after.jpg");
  const dots = Array.from({ length: 400 }, (_, k) => ({
    input: { create: { width: 5, height: 5, channels: 3 as const, background: "#3a3430" } },
    left: 60 + ((k * 37) % 1100),
    top: 60 + ((k * 53) % 660),
  }));
  await sharp({ create: { width: 1280, height: 800, channels: 3, background: "#caa58a" } })
    .composite(dots)
    .jpeg()
    .toFile(file);
  return file;
}

/** The logbook's "N of 5 countersigned" line. */
const caseCount = (page: Page) => page.getByText(/^\d+ of 5 countersigned$/);
const countersigned = async (page: Page) => Number((await caseCount(page).textContent())!.match(/^(\d+) of/)![1]);

test("a learner logs a supervised case with a photo, the instructor returns it, the learner corrects it, it is countersigned from the review queue and counts", async ({
  page,
}, info) => {
  const photo = await scalpPhoto(info.outputPath("photos"));
  const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

  await signInAsDemo(page, "learner@demo.stipple");
  await page.goto("/logbook");
  await expect(page.getByRole("heading", { name: "Logbook", level: 1 })).toBeVisible();
  const before = await countersigned(page);
  await expect(caseCount(page)).toHaveText(`${before} of 5 countersigned`);
  await shot(page, info, "01-logbook");

  // The learner fills the form; a phone number in the notes and no consent are caught, nothing typed is lost.
  await page.getByLabel("Date of the session").fill(yesterday);
  await page.getByLabel("Session with this client").selectOption({ label: "2nd session" });
  await page.getByLabel("Crown").check();
  await page.getByLabel(/^Ludwig/).check();
  await expect(page.getByLabel("Stage").getByRole("option")).toHaveText(["Choose a stage…", "Ludwig I", "Ludwig II", "Ludwig III"]);
  await page.getByLabel(/^Norwood/).check();
  await page.getByLabel("Stage").selectOption({ label: "Norwood V" });
  await page.getByLabel("Fitzpatrick skin type").selectOption({ label: "Type IV — burns minimally, tans well" });
  await page.getByLabel("Needle").fill("1203RL");
  await page.getByLabel("Pigment").fill("Neutral black");
  await page.getByLabel("Dilution").fill("1:3 with the maker's diluent");
  await page.getByLabel("Duration (minutes)").fill("150");
  await page.getByLabel(/Supervising instructor/).selectOption({ label: "Ines Instructor" });
  await page.getByLabel(/^Notes/).fill("Second pass on the crown; client asked me to text 07700 900123 when the next slot opens.");
  await page.getByLabel("Add photos").setInputFiles(photo);
  await expect(page.getByText("Added", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Remove crown-after.jpg" })).toBeVisible();
  await page.getByRole("button", { name: "Log this case" }).click();
  await expect(page.getByText("Do not record client names or contact details")).toBeVisible();
  await expect(page.getByText("Confirm that the client agreed to this session being logged and photographed")).toBeVisible();
  await expect(page.getByLabel(/^Notes/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Needle")).toHaveValue("1203RL");
  await expect(page.getByLabel("Stage")).toHaveValue("V");
  await shot(page, info, "02-errors");
  await page.getByLabel(/^Notes/).fill("Second pass on the crown, density built from the whorl outwards. Skin took the pigment evenly.");
  await page.getByLabel(/The client agreed/).check();
  await page.getByRole("button", { name: "Log this case" }).click();
  await expect(page).toHaveURL(/\/logbook\/[a-z0-9]+$/);
  await expect(page.getByText(/Waiting for your supervisor to countersign it/)).toBeVisible();
  await expect(page.getByText("Norwood V")).toBeVisible();
  await expect(page.getByRole("img", { name: /View 1 of the treated area/ })).toBeVisible();
  const caseUrl = new URL(page.url()).pathname;
  await shot(page, info, "03-logged");
  await signOut(page);

  // The instructor finds it under "Supervised cases to countersign" on /review and returns it: a comment is required.
  await signInAsDemo(page, "instructor@demo.stipple");
  await page.getByRole("link", { name: "Review", exact: true }).click();
  const waiting = page.getByRole("region", { name: "Supervised cases to countersign" });
  await expect(waiting.getByText(`${yesterday} · 2nd session · Crown`)).toBeVisible();
  await shot(page, info, "04-review-queue");
  await waiting.locator(`a[href="${caseUrl}"]`).click();
  await expect(page.getByText("Logged by Lena Learner")).toBeVisible();
  // The photo is really served to the instructor.
  const thumb = page.getByRole("img", { name: /View 1 of the treated area/ });
  await expect(thumb).toBeVisible();
  expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Return to the learner" }).click();
  await expect(page.getByText("Say what the learner should change")).toBeVisible();
  await page.getByLabel("Comment for the learner").fill("Name the pigment brand, not only the colour.");
  await page.getByRole("button", { name: "Return to the learner" }).click();
  await expect(page.getByText(/^Returned by Ines Instructor on/)).toBeVisible();
  await signOut(page);

  // The learner reads the comment, corrects the pigment in the form that kept everything else, and resubmits.
  await signInAsDemo(page, "learner@demo.stipple");
  await page.goto(caseUrl);
  await expect(page.getByText("Name the pigment brand, not only the colour.")).toBeVisible();
  await expect(page.getByLabel("Needle")).toHaveValue("1203RL");
  await expect(page.getByLabel("Stage")).toHaveValue("V");
  await expect(page.getByLabel("Crown")).toBeChecked();
  await page.getByLabel("Pigment").fill("Neutral black, Brand Nero");
  await page.getByLabel(/The client agreed/).check();
  await shot(page, info, "05-returned");
  // From the keyboard: focus the button and press Enter.
  await page.getByRole("button", { name: "Resubmit the case" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Waiting for your supervisor to countersign it/)).toBeVisible();
  await expect(page.getByText("Neutral black, Brand Nero")).toBeVisible();
  await signOut(page);

  // The instructor countersigns the corrected case.
  await signInAsDemo(page, "instructor@demo.stipple");
  await page.getByRole("link", { name: "Review", exact: true }).click();
  await page.getByRole("region", { name: "Supervised cases to countersign" }).locator(`a[href="${caseUrl}"]`).click();
  await expect(page.getByText("Returned earlier with: “Name the pigment brand, not only the colour.”")).toBeVisible();
  await shot(page, info, "06-countersign");
  await page.getByRole("button", { name: "Countersign this case" }).click();
  await expect(page.getByText(/✓ Countersigned by Ines Instructor on/)).toBeVisible();
  await signOut(page);

  // The learner sees it countersigned and counted.
  await signInAsDemo(page, "learner@demo.stipple");
  await page.goto("/logbook");
  await expect(caseCount(page)).toHaveText(`${before + 1} of 5 countersigned`);
  const item = page.getByRole("listitem").filter({ has: page.locator(`a[href="${caseUrl}"]`) });
  await expect(item.getByText("Countersigned", { exact: true })).toBeVisible();
  await expect(item.getByText("Norwood V · 1 photo", { exact: true })).toBeVisible();
  await shot(page, info, "07-counted");
});
