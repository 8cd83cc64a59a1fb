import { expect, shot, signUp, test, uniqueEmail, withDemoOutbox } from "./fixtures";

test("a learner who forgot the password resets it through the emailed link", async ({ page, context }, info) => {
  const email = uniqueEmail("reset");
  await signUp(page, "Ravi Chen", email, "first passphrase here");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await shot(page, info, "01-login-error");

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The login page has an Email field too: wait for the new page before typing into it.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await shot(page, info, "02-check-email");

  // The demo outbox is for the demo accounts: read it in a window of its own, then follow the link here.
  const resetPath = await withDemoOutbox(page, async (outbox) => {
    const link = outbox
      .getByRole("listitem")
      .filter({ hasText: email })
      .getByRole("link", { name: /\/reset-password\// });
    await expect(link).toBeVisible();
    await shot(outbox, info, "03-outbox");
    return new URL((await link.getAttribute("href"))!).pathname;
  });
  await page.goto(resetPath);

  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("amber falcon thistle");
  await page.getByLabel("Repeat the new password").fill("amber falcon thistle x");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("The two passwords differ")).toBeVisible();
  await shot(page, info, "04-reset-mismatch");
  await page.getByLabel("New password", { exact: true }).fill("amber falcon thistle");
  await page.getByLabel("Repeat the new password").fill("amber falcon thistle");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/courses\?passwordReset=1/);
  await expect(page.getByText("Your password has been changed")).toBeVisible();
  await shot(page, info, "05-reset-done");

  // The link is single-use.
  await context.clearCookies();
  await page.goBack();
  await page.reload();
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await shot(page, info, "06-link-used");

  // The old password no longer works; the new one does.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("first passphrase here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account")).toBeVisible();
  await page.getByLabel("Password").fill("amber falcon thistle");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/courses$/);
});

test("unknown pages and modules answer with the site's 404 page", async ({ page }, info) => {
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await shot(page, info, "01-404");

  await page.goto("/login");
  await page.getByLabel("Email").fill("learner@demo.stipple");
  await page.getByLabel("Password").fill("stipple-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/courses$/);
  const module = await page.goto("/courses/smp-practitioner/no-such-module");
  expect(module?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
