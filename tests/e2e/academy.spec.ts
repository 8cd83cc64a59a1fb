import { expect, expectNoAxeViolations, linkFromOutbox, shot, signInAsDemo, signOut, signUpAndEnrol, test, uniqueEmail } from "./fixtures";

test("a platform admin invites a Stipple Academy instructor at /admin; a learner who signs up alone is told that instructor assesses them", async ({
  page,
}, info) => {
  const instructorEmail = uniqueEmail("academy");
  const instructorName = `Ayo Assessor ${info.project.name}`;

  await signInAsDemo(page, "admin@demo.stipple");
  await page.goto("/admin");
  const academy = page.getByRole("region", { name: "Stipple Academy" });
  await expect(academy.getByRole("list", { name: "Stipple Academy instructors" }).getByText("Aria Academy")).toBeVisible();
  // A bad address is refused next to the field, and nothing is sent.
  await academy.getByLabel("Invite an instructor by email").fill("nobody@nowhere");
  await academy.getByRole("button", { name: "Send the invitation" }).click();
  await expect(academy.getByText(/Enter an email address/)).toBeVisible();
  await academy.getByLabel("Invite an instructor by email").fill(instructorEmail);
  await academy.getByRole("button", { name: "Send the invitation" }).click();
  await expect(academy.getByText(`${instructorEmail} was invited by email to assess for Stipple Academy.`)).toBeVisible();
  await expect(academy.getByRole("list", { name: "Invitations waiting" }).getByText(instructorEmail)).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, info, "1-admin");
  await signOut(page);

  // The instructor opens the emailed link and creates their account.
  await page.goto(await linkFromOutbox(page, instructorEmail, /\/invite\//));
  await expect(page.getByRole("heading", { name: "Join Stipple Academy" })).toBeVisible();
  await page.getByLabel("Full name").fill(instructorName);
  await page.getByLabel("Choose a password").fill("steady hands every day");
  await page.getByRole("button", { name: "Create my account and join" }).click();
  await expect(page).not.toHaveURL(/\/invite\//);
  await signOut(page);

  // A trichologist signs up alone: the course page and /practicals say who assesses them.
  await signUpAndEnrol(page, `Tara Trichologist ${info.project.name}`);
  await page.goto("/practicals");
  const notice = page.getByRole("complementary", { name: "Who assesses your work" });
  await expect(notice).toContainText("You study in Stipple Academy");
  await expect(notice).toContainText(instructorName);
  await expect(notice).toContainText("Aria Academy");
  await expectNoAxeViolations(page);
  await shot(page, info, "2-practicals");
  await page.goto("/courses/smp-practitioner");
  await expect(page.getByRole("complementary", { name: "Who assesses your work" })).toContainText("Stipple Academy");
  await signOut(page);

  // The admin removes the new instructor again; the list says who is left.
  await signInAsDemo(page, "admin@demo.stipple");
  await page.goto("/admin");
  await academy.getByRole("button", { name: `Remove ${instructorName} from Stipple Academy` }).click();
  await expect(academy.getByRole("list", { name: "Stipple Academy instructors" }).getByText(instructorName)).toHaveCount(0);
  await expect(academy.getByRole("list", { name: "Stipple Academy instructors" }).getByText("Aria Academy")).toBeVisible();
  await shot(page, info, "3-removed");
});
