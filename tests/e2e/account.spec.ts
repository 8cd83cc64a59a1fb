import fs from "node:fs";
import { unzipSync } from "fflate";
import { expect, shot, signUpAndEnrol, test, uniqueEmail } from "./fixtures";

test("a learner downloads their data and deletes their account", async ({ page }, info) => {
  const email = uniqueEmail("leaving");
  await signUpAndEnrol(page, "Noor Haddad", email);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await shot(page, info, "01-account");

  // The export: one zip with a JSON file per area, about this person only.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data (.zip)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^stipple-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  expect(Object.keys(entries)).toEqual(
    expect.arrayContaining([
      "profile.json",
      "enrolments.json",
      "quiz-attempts.json",
      "submissions.json",
      "logbook.json",
      "certificates.json",
      "notifications.json",
    ]),
  );
  expect(JSON.parse(new TextDecoder().decode(entries["profile.json"]))).toMatchObject({ name: "Noor Haddad", email });
  expect(JSON.parse(new TextDecoder().decode(entries["enrolments.json"]))).toEqual([expect.objectContaining({ courseSlug: "smp-practitioner" })]);

  // A wrong password: the error sits next to the field and nothing is deleted.
  const password = page.getByLabel("Your password");
  const confirm = page.getByLabel("Type DELETE to confirm");
  await password.fill("not my password");
  await confirm.fill("DELETE");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("That is not your password. Nothing was deleted.")).toBeVisible();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveValue("");
  await expect(confirm).toHaveValue("DELETE");
  await shot(page, info, "02-wrong-password");

  // The right one, typed with the keyboard, deletes the account and signs out.
  await password.fill("long enough passphrase");
  await password.press("Enter");
  await expect(page).toHaveURL(/\/account\/deleted$/);
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await shot(page, info, "03-deleted");

  // The account is gone: signing in with it fails, and /account asks to sign in.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("long enough passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
});
