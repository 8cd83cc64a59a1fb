import fs from "node:fs";
import { expect, linkFromOutbox, shot, signInAsDemo, test, uniqueEmail } from "./fixtures";

test("a clinic admin invites a technician, who joins and appears in the cohort matrix, and exports CSV", async ({ page }, info) => {
  const email = uniqueEmail("tech");
  await signInAsDemo(page, "clinic@demo.stipple");
  await page.getByRole("link", { name: "Clinic", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Demo Clinic" })).toBeVisible();
  await shot(page, info, "01-dashboard");
  await page.getByRole("link", { name: "Members and invitations" }).click();

  // A bad address is refused next to the field.
  // Passes the browser's own check, not the server's.
  await page.getByLabel("Email").fill("nobody@nowhere");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(/Enter an email address/)).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Cohort (optional)").selectOption({ label: "Autumn 2026" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: email })).toBeVisible();
  await shot(page, info, "02-invited");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  // The technician opens the emailed link (the demo outbox) and creates an account.
  await page.goto(await linkFromOutbox(page, email, /\/invite\//));
  await expect(page.getByRole("heading", { name: "Join Demo Clinic" })).toBeVisible();
  await page.getByLabel("Full name").fill("Tomi Technician");
  await page.getByLabel("Choose a password").fill("steady hands every day");
  await shot(page, info, "03-accept");
  await page.getByRole("button", { name: "Create my account and join" }).click();
  await expect(page).toHaveURL(/\/courses\?joined=1/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  // The admin sees them in the cohort and exports the matrix.
  await signInAsDemo(page, "clinic@demo.stipple");
  await page.goto("/clinic");
  await page.getByRole("link", { name: "Autumn 2026" }).click();
  await expect(page.getByRole("rowheader", { name: "Tomi Technician" }).first()).toBeVisible();
  await shot(page, info, "04-matrix");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file!, "utf8");
  expect(csv.split("\r\n")[0]).toMatch(/^learner,email,modules_completed/);
  expect(csv).toContain("Tomi Technician");
});
