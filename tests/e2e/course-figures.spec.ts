import fs from "node:fs";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";

/** The kinds of control a figure may offer, by role (a range input is a slider, a select a combobox). */
const CONTROL_ROLES = ["slider", "combobox", "spinbutton", "textbox", "searchbox", "radio", "checkbox", "button"] as const;

/** The first control of the figure, in document order. */
const firstControl = (figure: Locator) =>
  CONTROL_ROLES.map((role) => figure.getByRole(role))
    .reduce((any, next) => any.or(next))
    .first();

const MODULES = [
  "skin-anatomy-and-puncture-depth",
  "needle-sizing-and-machines",
  "pigment-choice-and-colour",
  "ethnicity-and-gender-variation",
  "repair-and-removal",
  "safety-consultation-and-aftercare",
];

test.beforeEach(async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("learner@demo.stipple");
  await page.getByLabel("Password").fill("stipple-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/courses$/);
});

for (const slug of MODULES) {
  test(`module ${slug}: the page reads well and its figure works from the keyboard`, async ({ page }, info) => {
    await page.goto(`/courses/smp-practitioner/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "By the end you will be able to" })).toBeVisible();
    await expect(page.getByText("Sources disagree").first()).toBeVisible();

    const figure = page.getByRole("figure").first();
    await figure.scrollIntoViewIfNeeded();
    const live = figure.getByRole("status").first();
    await expect(live).toBeAttached();
    const before = await live.textContent();

    // The first control of the figure, operated with the keyboard only.
    const control = firstControl(figure);
    await control.focus();
    const kind = await control.evaluate((el) => (el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase()));
    if (kind === "range") await page.keyboard.press("End");
    else if (kind === "select") await page.keyboard.press("ArrowDown");
    else if (kind === "radio") await page.keyboard.press("ArrowDown");
    else if (kind === "checkbox") await page.keyboard.press("Space");
    else if (kind === "text" || kind === "search") {
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.type("0603RL");
      await page.keyboard.press("Enter");
    } else await page.keyboard.press("Enter");
    await expect(live).not.toHaveText(before ?? "");

    await page.screenshot({ path: info.outputPath(`${slug}-top.png`) });
    await figure.screenshot({ path: info.outputPath(`${slug}-figure.png`) });
    await info.attach(`${slug}-figure`, { path: info.outputPath(`${slug}-figure.png`), contentType: "image/png" });
  });
}

for (const slug of [
  "infection-control-and-safe-set-up",
  "scalp-assessment-and-referral",
  "technique-and-machine-set-up",
  "complications-and-correction",
  "clients-who-need-a-different-plan",
  "consent-records-and-the-law",
]) {
  test(`module ${slug}: the page reads well and its drawn figure loads with a description`, async ({ page }, info) => {
    await page.goto(`/courses/smp-practitioner/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "By the end you will be able to" })).toBeVisible();
    await expect(page.getByText("Sources disagree").first()).toBeVisible();
    const image = page.getByRole("figure").getByRole("img").first();
    await image.scrollIntoViewIfNeeded();
    // A real description, not a file name.
    await expect(image).toHaveAttribute("alt", /^.{40,}$/);
    // The drawing really loaded (a broken image has no natural width).
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: info.outputPath(`${slug}-top.png`) });
    await image.screenshot({ path: info.outputPath(`${slug}-figure.png`) });
  });
}

test("the glossary is linked from a module and lists its terms", async ({ page }) => {
  await page.goto("/courses/smp-practitioner/needle-sizing-and-machines");
  await page.getByRole("link", { name: "Gauge", exact: true }).click();
  await expect(page).toHaveURL(/\/glossary#term-gauge$/);
  await expect(page.getByRole("heading", { name: "Glossary" })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: /^Gauge$/ })).toBeInViewport();
});

test("the client paperwork opens from the course page, prints, and downloads as a PDF with the clinic's name", async ({ page }, info) => {
  await page.goto("/courses/smp-practitioner");
  await page.getByRole("link", { name: "Client paperwork to print" }).click();
  await expect(page.getByRole("heading", { name: "Client paperwork", level: 1 })).toBeVisible();
  const forms = page.getByRole("main").getByRole("heading", { level: 2 }).getByRole("link");
  const titles = await forms.allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(4);
  for (const title of titles) {
    await page.getByRole("link", { name: title, exact: true }).click();
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    // The learner is a member of Demo Clinic: the form is headed with its name.
    await expect(page.getByRole("article").getByText("Demo Clinic")).toBeVisible();
    await page.screenshot({ path: info.outputPath(`${title}.png`), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^stipple-[a-z-]+\.pdf$/);
    const head = fs
      .readFileSync(await download.path())
      .subarray(0, 5)
      .toString();
    expect(head).toBe("%PDF-");
    await page.goBack();
  }
});
