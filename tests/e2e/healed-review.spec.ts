import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { expect, expectNoAxeViolations, shot, signInAsDemo, signOut, signUpAndEnrol, test, uniqueEmail } from "./fixtures";

/** A healed scalp, more or less: skin tone with a field of soft grey dots. */
async function healedPhoto(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "healed-front.jpg");
  const dots = Array.from({ length: 300 }, (_, k) => ({
    input: { create: { width: 4, height: 4, channels: 3 as const, background: "#5b5550" } },
    left: 40 + ((k * 41) % 1180),
    top: 40 + ((k * 59) % 700),
  }));
  await sharp({ create: { width: 1280, height: 800, channels: 3, background: "#b98f74" } })
    .composite(dots)
    .jpeg()
    .toFile(file);
  return file;
}

test("a learner logs the healed result of a countersigned case 4-6 weeks on, with a photo; bad input is refused next to its field; the instructor countersigns it from the review queue and it counts", async ({
  page,
}, info) => {
  const photo = await healedPhoto(info.outputPath("photos"));
  const name = `Hana Healed ${info.project.name}`;
  const email = await signUpAndEnrol(page, name, uniqueEmail("healed"));
  const { caseId } = JSON.parse(
    execFileSync(
      path.resolve("node_modules/.bin/tsx"),
      ["tests/helpers/prepare-healed.ts", path.join(process.env.STIPPLE_E2E_DATA_DIR!, "stipple.sqlite"), email],
      {
        encoding: "utf8",
      },
    )
      .trim()
      .split("\n")
      .pop()!,
  ) as { caseId: string };
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

  // The logbook counts healed-result reviews and says this case's is due now.
  await page.goto("/logbook");
  await expect(page.getByText("0 of 2 healed-result reviews countersigned")).toBeVisible();
  await expect(page.getByText(`Healed result due now, by ${day(-12)}`)).toBeVisible();
  await shot(page, info, "1-logbook");

  await page.goto(`/logbook/${caseId}`);
  const section = page.getByRole("region", { name: "Healed-result review" });
  await expect(section.getByRole("heading", { name: "Log the healed result" })).toBeVisible();

  // Without a photo, on a day too soon after the session, with a reaction but no referral: each refused where it belongs.
  await section.getByLabel("Healed colour").selectOption({ label: "Lighter than planned" });
  await section.getByLabel("How the dots held").selectOption({ label: "Patchy: some dots faded or dropped out" });
  await section.getByLabel("Blurred or spread dots").selectOption({ label: "None seen" });
  await section.getByLabel("Next step for the client").selectOption({ label: "A top-up session is planned" });
  await section.getByLabel(/redness, swelling, raised or itchy dots/).check();
  // The date last, then the notes: leaving the date shows its error, which moves what is below it.
  await section.getByLabel("Day you saw the healed result").fill(day(29));
  await section.getByLabel(/^Notes/).fill("Lighter at the temples; top-up booked.");
  await section.getByLabel(/The client agreed to the healed result/).check();
  await section.getByRole("button", { name: "Log the healed result" }).click();
  await expect(section.getByText(/Judge the healed result 4 to 6 weeks after the session: a day from/)).toBeVisible();
  await expect(section.getByText("A client with signs of a reaction or infection is referred to a doctor before any further work")).toBeVisible();
  await expect(section.getByLabel("Next step for the client")).toHaveAttribute("aria-invalid", "true");
  // Nothing typed is lost.
  await expect(section.getByLabel(/^Notes/)).toHaveValue("Lighter at the temples; top-up booked.");
  await shot(page, info, "2-errors");

  // No reaction after all; the right day; but still no photo: the server says so above the form.
  await section.getByLabel(/redness, swelling, raised or itchy dots/).uncheck();
  await section.getByLabel("Day you saw the healed result").fill(day(0));
  await section.getByLabel(/^Notes/).focus();
  await expect(section.getByText(/Judge the healed result 4 to 6 weeks/)).toHaveCount(0);
  await section.getByRole("button", { name: "Log the healed result" }).click();
  await expect(page.getByText("Add at least one photo of the healed result.")).toBeVisible();
  await expect(section.getByLabel(/^Notes/)).toHaveValue("Lighter at the temples; top-up booked.");

  await section.getByLabel("Add photos").setInputFiles(photo);
  await expect(section.getByText("Added", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(section.getByRole("button", { name: "Remove healed-front.jpg" })).toBeVisible();
  await section.getByLabel(/The client agreed to the healed result/).check();
  await section.getByRole("button", { name: "Log the healed result" }).click();
  await expect(section.getByText("Waiting for countersignature")).toBeVisible();
  await expect(section.getByText("Lighter than planned")).toBeVisible();
  await expect(section.getByRole("img", { name: /Healed result, view 1/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, info, "3-logged");
  await signOut(page);

  // The instructor finds it in the queue, marked as a healed-result review, and countersigns it.
  await signInAsDemo(page, "instructor@demo.stipple");
  await page.goto("/review");
  const waiting = page.getByRole("region", { name: "Supervised cases to countersign" });
  const link = waiting.getByRole("link", { name: new RegExp(`^${name}: healed result of the case`) });
  await expect(link).toBeVisible();
  await shot(page, info, "4-queue");
  await link.click();
  const review = page.getByRole("region", { name: "Healed-result review" });
  const thumb = review.getByRole("img", { name: /Healed result, view 1/ });
  await expect(thumb).toBeVisible();
  expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expectNoAxeViolations(page);
  await shot(page, info, "5-countersign");
  await review.getByRole("button", { name: "Countersign the healed-result review" }).click();
  await expect(review.getByText(/^Countersigned by Ines Instructor on/)).toBeVisible();
  await signOut(page);

  // It counts for the learner.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("long enough passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/courses$/);
  await page.goto("/logbook");
  await expect(page.getByText("1 of 2 healed-result reviews countersigned")).toBeVisible();
  await expect(page.getByText("Healed result: countersigned")).toBeVisible();
  await shot(page, info, "6-counted");
});
