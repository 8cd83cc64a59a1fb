import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { confirmSignupFromOutbox, expect, shot, test, uniqueEmail } from "./fixtures";

// The course as the server under test reads it: progress is one module of however many it lists.
const courseFile = path.join(process.env.STIPPLE_CONTENT_DIR ?? "content", "smp-practitioner", "course.yml");
const MODULES = (parse(fs.readFileSync(courseFile, "utf8")) as { modules: string[] }).modules.length;

test("a new learner signs up, reads a module, marks it complete and sees progress move", async ({ page }, info) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Learn scalp micropigmentation");
  await expect(page.getByRole("heading", { name: "Course catalogue" })).toBeVisible();
  await shot(page, info, "01-landing");

  await page.getByRole("link", { name: "Create account" }).first().click();
  await expect(page).toHaveURL(/\/signup$/);
  // Bad input first: a common password is refused next to the field, the rest is kept.
  const email = uniqueEmail("noor");
  await page.getByLabel("Full name").fill("Noor Haddad");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("password1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/one of the most common/)).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Noor Haddad");
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await shot(page, info, "02-signup-error");

  await page.getByLabel("Password", { exact: true }).fill("quiet harbour lantern");
  await page.getByRole("button", { name: "Create account" }).click();
  await shot(page, info, "03a-check-email");
  await confirmSignupFromOutbox(page, email);
  await expect(page.getByRole("heading", { name: "Courses" })).toBeVisible();
  await shot(page, info, "03-courses");

  await page.getByRole("link", { name: "SMP Practitioner Certificate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "SMP Practitioner Certificate" })).toBeVisible();
  await shot(page, info, "04-course-not-enrolled");
  await page.getByRole("button", { name: "Start this course" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Skin anatomy and puncture depth" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: /Course progress/ })).toHaveAttribute("aria-valuenow", "0");
  // The interactive figure is hydrated and works from the keyboard.
  const slider = page.getByRole("slider", { name: "Needle depth in the skin" });
  await expect(slider).toBeVisible();
  await page.getByRole("button", { name: "Too deep" }).click();
  await expect(slider).toHaveAttribute("aria-valuetext", /too deep/i);
  await slider.focus();
  await page.keyboard.press("Home");
  await expect(slider).toHaveAttribute("aria-valuetext", /too shallow/i);
  await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();
  await shot(page, info, "05-module");

  // Opening the module does not offer "Mark complete"; reading to the end of its text does.
  await expect(page.getByRole("button", { name: "Mark complete" })).toHaveCount(0);
  await page.getByRole("heading", { name: "Sources" }).scrollIntoViewIfNeeded();
  await page.getByRole("button", { name: "Mark complete" }).click();
  await expect(page.getByText("You have completed this module.")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: /Course progress/ })).toHaveAttribute("aria-valuenow", String(Math.round(100 / MODULES)));
  await shot(page, info, "06-module-complete");

  await page.getByRole("link", { name: "SMP Practitioner Certificate" }).first().click();
  await expect(page.getByRole("progressbar", { name: /Course progress/ })).toHaveAttribute("aria-valuenow", String(Math.round(100 / MODULES)));
  await page.getByRole("link", { name: "Courses", exact: true }).first().click();
  await expect(page.getByRole("progressbar", { name: `Your progress: 1 of ${MODULES} modules` })).toBeVisible();
  await shot(page, info, "07-catalogue-progress");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/courses");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcourses/);
});
