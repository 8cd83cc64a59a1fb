import { expect, expectNoAxeViolations, linkFromOutbox, shot, signInAsDemo, signOut, signUpAndEnrol, test, uniqueEmail } from "./fixtures";

test("a learner without a clinic names her supervisor by email; he accepts into a supervisor-only account, countersigns, and a platform admin can revoke him", async ({
  page,
}, info) => {
  // Four people's steps in one journey: more than the default minute on a busy machine.
  test.slow();
  const learnerName = `Tara Trichologist ${info.project.name}`;
  const supervisorEmail = uniqueEmail("supervisor");
  const supervisorName = `Pat Practitioner ${info.project.name}`;
  const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

  // She signs up alone: before any work the logbook says how a supervisor is named.
  await signUpAndEnrol(page, learnerName);
  await page.goto("/logbook");
  await expect(page.getByRole("complementary", { name: "Who assesses your work" })).toContainText("name them with their email address");
  await page.getByLabel("Date of the session").fill(yesterday);
  await page.getByLabel("Session with this client").selectOption({ label: "1st session" });
  await page.getByLabel("Hairline").check();
  await page.getByLabel(/^Norwood/).check();
  await page.getByLabel("Stage").selectOption({ label: "Norwood III" });
  await page.getByLabel("Fitzpatrick skin type").selectOption({ label: "Type IV — burns minimally, tans well" });
  await page.getByLabel("Needle").fill("1203RL");
  await page.getByLabel("Pigment").fill("Neutral black");
  await page.getByLabel("Dilution").fill("1:3 with the maker's diluent");
  await page.getByLabel("Duration (minutes)").fill("150");
  // Nobody named yet: "Someone new" is chosen and asks for a name and an address.
  await expect(page.getByLabel("Who supervised this session?")).toHaveValue("new");
  await page.getByLabel("Supervisor's name").fill(supervisorName);
  await page.getByLabel("Supervisor's email").fill("pat@nowhere");
  // Leaving the field checks it: the error appears next to it (and moves what is below).
  await page.getByLabel("Supervisor's email").blur();
  await expect(page.getByText("Enter your supervisor's email address, like name@clinic.com")).toBeVisible();
  await page.getByLabel(/The client agreed/).check();
  await page.getByRole("button", { name: "Log this case" }).click();
  await expect(page.getByText("Enter your supervisor's email address, like name@clinic.com")).toBeVisible();
  await expect(page.getByLabel("Supervisor's email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Needle")).toHaveValue("1203RL");
  await expect(page.getByLabel("Supervisor's name")).toHaveValue(supervisorName);
  await shot(page, info, "1-refused");
  await page.getByLabel("Supervisor's email").fill(supervisorEmail);
  await page.getByLabel("Supervisor's email").blur();
  await expect(page.getByText("Enter your supervisor's email address, like name@clinic.com")).toHaveCount(0);
  await page.getByLabel(/The client agreed/).check();
  await page.getByRole("button", { name: "Log this case" }).click();
  await expect(page).toHaveURL(/\/logbook\/[^/?]+$/);
  const caseUrl = new URL(page.url()).pathname;
  await expect(page.getByText(`${supervisorName} (invited, not yet accepted)`)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, info, "2-logged");
  await signOut(page);

  // The supervisor opens the emailed link; a missing qualification is refused next to its field.
  await page.goto(await linkFromOutbox(page, supervisorEmail, /\/supervise\/accept\//));
  await expect(page.getByRole("heading", { name: `Supervise ${learnerName}'s cases` })).toBeVisible();
  await page.getByLabel("Full name").fill(supervisorName);
  await page.getByLabel("Choose a password").fill("steady hands every day");
  await page.getByRole("button", { name: "Create my supervisor account" }).click();
  await expect(page.getByText("Say what qualifies you to supervise: your licence or qualification")).toBeVisible();
  await expect(page.getByText("Confirm that you will countersign only sessions you supervised")).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue(supervisorName);
  await expectNoAxeViolations(page);
  await shot(page, info, "3-accept-refused");
  await page.getByLabel("Choose a password").fill("steady hands every day");
  await page.getByLabel("What qualifies you to supervise").fill("Licensed tattooist, borough licence 4321");
  await page.getByLabel("I will countersign only sessions I supervised in person.").check();
  await page.getByRole("button", { name: "Create my supervisor account" }).click();
  await expect(page).toHaveURL(/\/supervise\?accepted=1$/);
  const learner = page.getByRole("region", { name: learnerName });
  await expect(learner.getByText("To countersign")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Practicals" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shot(page, info, "4-supervise");

  // He opens the case from his page, countersigns it, and nothing else opens for him.
  await learner.locator(`a[href="${caseUrl}"]`).click();
  await expect(page.getByRole("link", { name: "Supervising" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Countersign this case" }).click();
  await expect(page.getByText(new RegExp(`✓ Countersigned by ${supervisorName} on`))).toBeVisible();
  await shot(page, info, "5-countersigned");
  for (const path of ["/practicals", "/review", "/logbook", "/clinic"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await signOut(page);

  // A platform admin sees him, with what he declared, and revokes his access.
  await signInAsDemo(page, "admin@demo.stipple");
  await page.goto("/admin");
  const section = page.getByRole("region", { name: "Supervisors named by learners" });
  const row = section.getByRole("listitem").filter({ hasText: supervisorEmail });
  await expect(row).toContainText("supervisor-only account");
  await expect(row).toContainText("Declared: Licensed tattooist, borough licence 4321");
  await expect(row).toContainText("1 countersigned");
  await row.getByText("Revoke access…").click();
  await expectNoAxeViolations(page);
  await row.getByRole("button", { name: `Revoke access for ${supervisorName} to ${learnerName}'s cases` }).click();
  await expect(section.getByRole("status")).toContainText("Access revoked");
  await expect(section.getByRole("listitem").filter({ hasText: supervisorEmail })).toContainText("Revoked");
  await shot(page, info, "6-revoked");
});

test("the demo supervisor lands on his page and sees the demo learner's session waiting", async ({ page }, info) => {
  await signInAsDemo(page, "supervisor@demo.stipple");
  await expect(page).toHaveURL(/\/supervise$/);
  await expect(page.getByRole("region", { name: "Iris Independent" }).getByText("To countersign")).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, info, "demo-supervise");
});
