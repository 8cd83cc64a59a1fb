import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Page } from "@playwright/test";
import YAML from "yaml";
import { expect, shot, signInAsDemo, signOut, test } from "./fixtures";

type Practical = { title: string; rubric: { criteria: { title: string; critical?: boolean }[] } };

/** The practical's title and rubric from its content file: the test knows the rubric, as the instructor does. */
function practicalContent(slug: string): Practical {
  const source = fs.readFileSync(path.join(process.env.STIPPLE_CONTENT_DIR ?? "content", "smp-practitioner", "practicals", slug, "index.mdx"), "utf8");
  return YAML.parse(source.split(/^---$/m)[1]!) as Practical;
}

/** The grading page's rubric: one group of radio buttons a criterion, named by the criterion. */
const rubric = (page: Page) => page.getByRole("region", { name: /^Rubric/ });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function photos(dir: string, n: number): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const file = path.join(dir, `grid-${i + 1}.jpg`);
    // A grey practice skin with rows of dark dots.
    const dots = Array.from({ length: 60 }, (_, k) => ({
      input: { create: { width: 14, height: 14, channels: 3 as const, background: "#2b2b2b" } },
      left: 80 + (k % 10) * 110,
      top: 80 + Math.floor(k / 10) * 110,
    }));
    await sharp({ create: { width: 1280, height: 800, channels: 3, background: "#d9c3b0" } })
      .composite(dots)
      .jpeg()
      .toFile(file);
    files.push(file);
  }
  return files;
}

async function uploadAndSubmit(page: Page, files: string[], info: Parameters<typeof shot>[1], tag: string) {
  await page.getByLabel("Add photos").setInputFiles(files);
  await expect(page.getByRole("progressbar", { name: /Uploading/ }).first()).toBeVisible();
  await expect(page.getByText("Added", { exact: true })).toHaveCount(files.length, { timeout: 30_000 });
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(files.length);
  await expect(page.getByRole("button", { name: "Remove grid-1.jpg" })).toBeVisible();
  await shot(page, info, `${tag}-uploaded`);
  await page.getByLabel(/Note to your instructor/).fill("Rows 1–6, 0603RL at the hairline grid.");
  await page.getByRole("button", { name: "Submit for grading" }).click();
}

/** Chooses the level `level` (0 = lowest, -1 = highest) for every criterion of the rubric on the page. */
async function scoreAll(page: Page, level: number) {
  // `all()` does not wait: let the page that was just opened show its rubric first.
  await expect(rubric(page).getByRole("group").first()).toBeVisible();
  for (const group of await rubric(page).getByRole("group").all()) {
    const radios = group.getByRole("radio");
    await (level < 0 ? radios.last() : radios.nth(level)).check();
  }
}

const FIRST_FEEDBACK = "Good start. Keep dot size even across the whole grid and redo the right half.";
const FIRST_PIN = "These dots are larger than the rest: check the hang.";

test("practice work is first-marked, second-marked blind, moderated, revised and passed", async ({ page }, info) => {
  // Four people, three uploads and two rounds of double marking: a journey far longer than the others.
  test.setTimeout(360_000);
  const slug = info.project.name === "phone" ? "density-layering" : "dot-consistency-grid";
  const practical = practicalContent(slug);
  const files = await photos(info.outputPath("photos"), 3);

  // The learner uploads photos; forgetting consent is caught and the note is kept.
  await signInAsDemo(page, "learner@demo.stipple");
  await page.getByRole("link", { name: "Practicals" }).click();
  await page.getByRole("link", { name: practical.title, exact: true }).click();
  await expect(page.getByRole("heading", { name: "How it is graded" })).toBeVisible();
  await shot(page, info, "01-brief");
  await uploadAndSubmit(page, files, info, "02");
  await expect(page.getByText("Confirm that anyone shown in the photos agreed to it.")).toBeVisible();
  await expect(page.getByLabel(/Note to your instructor/)).toHaveValue("Rows 1–6, 0603RL at the hairline grid.");
  await page.getByLabel(/Anyone shown in these photos agreed/).check();
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page).toHaveURL(/\/submissions\//);
  await expect(page.getByText("Waiting for an instructor to grade it.")).toBeVisible();
  await shot(page, info, "03-submitted");
  await signOut(page);

  // The first marker zooms in, drops two pins, scores low and asks for a revision.
  await signInAsDemo(page, "instructor@demo.stipple");
  await expect(page.getByRole("link", { name: /Notifications, \d+ unread/ })).toBeVisible();
  await page.getByRole("link", { name: "Review", exact: true }).click();
  await page.getByRole("link", { name: "Lena Learner" }).first().click();
  await expect(page.getByRole("heading", { name: "Rubric" })).toBeVisible();
  await expect(page.getByText(/First marking/)).toBeVisible();
  const viewer = page.getByRole("application");
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(page.getByText(/Zoom \d+%/)).toBeAttached();
  await page.getByRole("button", { name: "Fit" }).click();
  const box = (await viewer.boundingBox())!;
  await viewer.click({ position: { x: box.width * 0.3, y: box.height * 0.4 } });
  await page.getByLabel("Comment for pin 1").fill(FIRST_PIN);
  await viewer.click({ position: { x: box.width * 0.65, y: box.height * 0.55 } });
  await page.getByLabel("Comment for pin 2").fill("Spacing opens up here.");
  await scoreAll(page, 1);
  // A must-pass criterion at its lowest level rules out a pass before the instructor tries.
  const criterion = practical.rubric.criteria.find((c) => c.critical)!.title;
  const mustPass = rubric(page).getByRole("group", { name: new RegExp(`^${escapeRegExp(criterion)}\\s*Must pass$`) });
  await mustPass.getByRole("radio").first().check();
  await expect(page.getByLabel("Pass", { exact: true })).toBeDisabled();
  await expect(page.getByText(`A pass is not possible: “${criterion}”`, { exact: false })).toBeVisible();
  await shot(page, info, "04a-must-pass");
  await mustPass.getByRole("radio").nth(1).check();
  await expect(page.getByLabel("Pass", { exact: true })).toBeEnabled();
  await page.getByLabel("Feedback to the learner").fill(FIRST_FEEDBACK);
  await page.getByLabel("Revise and resubmit").check();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await shot(page, info, "04-grading");
  // From the keyboard: focus the button and press Enter.
  await page.getByRole("button", { name: "Save grade", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/review\?graded=/);
  await signOut(page);

  // The certificate's practicals are all second-marked: another instructor grades blind and passes it.
  await signInAsDemo(page, "instructor2@demo.stipple");
  await page.goto("/review");
  const row = page.getByRole("row").filter({ hasText: "Lena Learner" }).filter({ hasText: practical.title });
  await expect(row).toContainText("Blind second marking");
  await row.getByRole("link", { name: "Lena Learner" }).click();
  await expect(page.getByText(/you will see the first marker's grade once yours is saved/)).toBeVisible();
  await expect(page.getByText(FIRST_FEEDBACK)).toHaveCount(0);
  await expect(page.getByText(FIRST_PIN)).toHaveCount(0);
  expect(await page.content()).not.toContain("redo the right half");
  await shot(page, info, "05-blind");
  await scoreAll(page, -1);
  await page.getByLabel("Feedback to the learner").fill("Even, round dots throughout; spacing holds across the grid.");
  await page.getByLabel("Pass", { exact: true }).check();
  await page.getByRole("button", { name: "Save second grade" }).click();
  await expect(page).toHaveURL(/\/review\?graded=/);
  await signOut(page);

  // The verdicts differ: the learner hears only that a second assessor is checking.
  await signInAsDemo(page, "learner@demo.stipple");
  await page.goto(`/practicals/${slug}`);
  await page.getByRole("link", { name: "See its status" }).click();
  await expect(page.getByText("Being checked by a second assessor.", { exact: false })).toBeVisible();
  await expect(page.getByText(FIRST_FEEDBACK)).toHaveCount(0);
  await expect(page.getByText("Revise and resubmit ·")).toHaveCount(0);
  await shot(page, info, "06-being-checked");
  await signOut(page);

  // The lead instructor sees both grades side by side and records the final one, with a reason.
  await signInAsDemo(page, "lead@demo.stipple");
  await page.goto("/review");
  const moderation = page.getByRole("row").filter({ hasText: "Lena Learner" }).filter({ hasText: practical.title });
  await expect(moderation).toContainText("Moderation");
  await moderation.getByRole("link", { name: "Lena Learner" }).click();
  await expect(page.getByRole("heading", { name: "The two grades" })).toBeVisible();
  await expect(page.getByText(FIRST_FEEDBACK).first()).toBeVisible();
  await expect(page.getByText("Even, round dots throughout").first()).toBeVisible();
  await shot(page, info, "07-moderation");
  await scoreAll(page, 1);
  await page.getByLabel("Feedback to the learner").fill("Agree with the first marker: the right half needs redoing.");
  await page.getByLabel("Revise and resubmit").check();
  // The reason is required: without it nothing is recorded and the error is next to the field.
  await page.getByRole("button", { name: "Record the final grade" }).click();
  await expect(page.getByText("Say why you decided as you did")).toBeVisible();
  await page.getByLabel("Reason for the final grade").fill("Dot size varies by more than a third on the right half of photo 2.");
  await page.getByRole("button", { name: "Record the final grade" }).click();
  await expect(page).toHaveURL(/\/review\?graded=/);
  await signOut(page);

  // The learner now sees the final verdict, every assessor's feedback and the pins, then resubmits.
  await signInAsDemo(page, "learner@demo.stipple");
  await page.getByRole("link", { name: /Notifications, \d+ unread/ }).click();
  await page
    .getByRole("link", { name: /returned for a revision/ })
    .first()
    .click();
  await expect(page.getByText("Revise and resubmit ·")).toBeVisible();
  const assessors = page.getByRole("region", { name: "Feedback from your assessors" });
  await expect(assessors).toContainText(FIRST_FEEDBACK);
  await expect(assessors).toContainText("Agree with the first marker");
  await expect(page.getByText(FIRST_PIN)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pin 1:/ })).toBeVisible();
  await shot(page, info, "08-feedback");
  await page.getByRole("link", { name: "Submit a new version" }).click();
  await uploadAndSubmit(page, files, info, "09");
  await page.getByLabel(/Anyone shown in these photos agreed/).check();
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByRole("heading", { name: "Version 2 (latest)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Version 1", exact: true })).toBeVisible();
  await signOut(page);

  // Version 2: the first marker passes it, comparing with version 1 ...
  await signInAsDemo(page, "instructor@demo.stipple");
  await page.goto("/review");
  await page.getByRole("link", { name: "Lena Learner" }).first().click();
  await expect(page.getByText("Earlier versions (1)")).toBeVisible();
  await page.getByRole("button", { name: "Compare side by side with version 1" }).click();
  await expect(page.getByRole("heading", { name: /^Version 1 \(returned for revision\)/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Pin 1:/ }).last()).toBeVisible();
  await shot(page, info, "10-compare");
  await scoreAll(page, -1);
  await page.getByLabel("Pass", { exact: true }).check();
  await page.getByRole("button", { name: "Save grade", exact: true }).click();
  await expect(page).toHaveURL(/\/review\?graded=/);
  await signOut(page);

  // ... and the second marker agrees, so the pass stands without moderation.
  await signInAsDemo(page, "instructor2@demo.stipple");
  await page.goto("/review");
  await page.getByRole("row").filter({ hasText: "Lena Learner" }).filter({ hasText: practical.title }).getByRole("link", { name: "Lena Learner" }).click();
  await scoreAll(page, -1);
  await page.getByLabel("Pass", { exact: true }).check();
  await page.getByRole("button", { name: "Save second grade" }).click();
  await expect(page).toHaveURL(/\/review\?graded=/);
  await signOut(page);

  await signInAsDemo(page, "learner@demo.stipple");
  await page.goto(`/practicals/${slug}`);
  await expect(page.getByText("✓ Passed. Well done.")).toBeVisible();
  await shot(page, info, "11-passed");
});
