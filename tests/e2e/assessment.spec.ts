import { expect, expectNoAxeViolations, shot, signInAsDemo, signOut, test } from "./fixtures";

// Standardisation and the agreement figures (issue 13), as an instructor and a clinic admin use them.

test("an instructor grades the dot grid's benchmarks and sees their deviation from the agreed levels", async ({ page }, info) => {
  test.slow();
  // Each width its own instructor, so the two runs do not meet in one exercise.
  await signInAsDemo(page, info.project.name === "phone" ? "lead@demo.stipple" : "instructor2@demo.stipple");
  await page.goto("/review");
  const standardisation = page.getByRole("region", { name: "Standardisation" });
  await standardisation.getByRole("link", { name: "Dot-consistency grid" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Standardisation: Dot-consistency grid" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Do the exercise again" }).click();

  for (let n = 1; n <= 3; n++) {
    await expect(page.getByRole("heading", { name: `Benchmark ${n} of 3` })).toBeVisible();
    await expect(page.getByAltText(new RegExp(`^Benchmark ${n}, photo 1`)).first()).toBeAttached();
    // The benchmark's agreed levels are not on the page while it is being graded.
    await expect(page.getByRole("heading", { name: "Your levels against the agreed ones" })).toHaveCount(0);
    const groups = await page
      .getByRole("group")
      .filter({ has: page.getByRole("radio") })
      .filter({ hasNot: page.getByRole("radio", { name: "Fail", exact: true }) })
      .all();
    for (const group of groups) await group.getByRole("radio").last().check();
    if (n === 1) {
      // Saving without a verdict is refused next to the field, and nothing is recorded.
      await page.getByRole("button", { name: "Save and next benchmark" }).click();
      await expect(page.getByText("Choose a verdict: pass, revise or fail.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Benchmark 1 of 3" })).toBeVisible();
      await shot(page, info, "01-benchmark");
    }
    await page.getByLabel("Revise and resubmit").check();
    await page.getByRole("button", { name: n === 3 ? "Save and see my deviations" : "Save and next benchmark" }).click();
  }

  await expect(page.getByRole("heading", { name: "Your levels against the agreed ones" })).toBeVisible();
  await expect(page.getByText(/^Done on \d{4}-\d{2}-\d{2}: your grades on this practical count until/)).toBeVisible();
  const first = page.getByRole("region", { name: /^Benchmark 1: your verdict Revise, agreed / });
  await expect(first.getByRole("row", { name: /Consistent dot size Excellent/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, info, "02-deviations");
  await signOut(page);
});

test("a clinic admin reads the agreement figures, sets a second-marking rate and downloads the pairs", async ({ page }, info) => {
  await signInAsDemo(page, "clinic@demo.stipple");
  await page.goto("/clinic");
  await page.getByRole("link", { name: "Assessment quality" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Assessment quality" })).toBeVisible();
  const grid = page.getByRole("region", { name: /Dot-consistency grid/ }).first();
  await expect(grid.getByRole("columnheader", { name: "Weighted kappa" })).toBeVisible();
  await expect(page.getByText(/Not enough pairs: 0 of the 10 needed/).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await shot(page, info, "01-figures");

  // A rate outside 0–100 is refused next to its field and nothing changes.
  const rate = () => page.getByRole("spinbutton", { name: /^Hairline design for Norwood III/ });
  await rate().fill("150");
  await page.getByRole("button", { name: "Save rates" }).click();
  await expect(page.getByText("At most 100%")).toBeVisible();
  await page.reload();
  await expect(rate()).toHaveValue("100");
  await rate().fill("50");
  await page.getByRole("button", { name: "Save rates" }).click();
  await expect(page.getByText("Rates saved.")).toBeVisible();
  await expect(rate()).toHaveValue("50");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the pairs (CSV)" }).click();
  const csv = await (await download).path();
  const text = (await import("node:fs")).readFileSync(csv, "utf8");
  expect(text.split("\n")[0]).toMatch(/practical/);
  expect(text.split("\n").filter(Boolean).length).toBeGreaterThan(10);
  // Put the default back for the other tests that grade the hairline.
  await rate().fill("100");
  await page.getByRole("button", { name: "Save rates" }).click();
  await expect(page.getByText("Rates saved.")).toBeVisible();
});
