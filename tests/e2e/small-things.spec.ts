import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Locator, Page, TestInfo } from "@playwright/test";
import type { DrawnQuestion } from "~/modules/quiz/types";
import { expect, expectNoAxeViolations, shot, signInAsDemo, signOut, signUpAndEnrol, test, uniqueEmail } from "./fixtures";

// The smaller things people noticed (issue 14): the quiz page, the module page, certificates,
// progress and the demo outbox, at laptop and phone width, each page checked with axe-core.

const COURSE = "/courses/smp-practitioner";
const MODULES = [
  "skin-anatomy-and-puncture-depth",
  "needle-sizing-and-machines",
  "pigment-choice-and-colour",
  "ethnicity-and-gender-variation",
  "repair-and-removal",
  "safety-consultation-and-aftercare",
  "infection-control-and-safe-set-up",
  "scalp-assessment-and-referral",
  "technique-and-machine-set-up",
  "complications-and-correction",
  "clients-who-need-a-different-plan",
  "consent-records-and-the-law",
];

/** The attempt's frozen questions, read from the database: the test knows the key, the page must not. */
function snapshot(attemptId: string): DrawnQuestion[] {
  const db = new Database(path.join(process.env.STIPPLE_E2E_DATA_DIR!, "stipple.sqlite"), { readonly: true });
  try {
    const row = db.prepare("select questions from quiz_attempts where id = ?").get(attemptId) as { questions: string };
    return JSON.parse(row.questions) as DrawnQuestion[];
  } finally {
    db.close();
  }
}

/**
 * Starts module quizzes in course order until one draws a question that `wanted` accepts (each
 * attempt draws 10 of a bank at random); returns the attempt's id and questions.
 */
async function startQuizDrawing(page: Page, wanted: (questions: DrawnQuestion[]) => boolean) {
  for (const slug of MODULES) {
    await page.goto(`${COURSE}/${slug}/quiz`);
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await expect(page).toHaveURL(/\/attempts\/[a-z2-7]+$/);
    const attemptId = new URL(page.url()).pathname.split("/").pop()!;
    const questions = snapshot(attemptId);
    if (wanted(questions)) return { slug, attemptId, questions };
  }
  throw new Error("no module quiz drew the questions this test needs");
}

/** A screenshot of what is in the window (or of one element), not the whole page, where what is in view is the point. */
async function viewShot(page: Page, info: TestInfo, name: string, element?: Locator) {
  const dir = path.join("test-results", "e2e", "screens", info.project.name);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${info.title.replace(/\W+/g, "-").toLowerCase()}--${name}.png`);
  await (element ?? page).screenshot({ path: file });
  await info.attach(name, { path: file, contentType: "image/png" });
}

/** "14:05" for a moment in a zone `offsetMinutes` ahead of UTC. */
const clockAt = (ms: number, offsetMinutes: number) => new Date(ms + offsetMinutes * 60_000).toISOString().slice(11, 16);

test.describe("the quiz", () => {
  // A reader in India (UTC+5:30): local time can never be mistaken for UTC.
  test.use({ timezoneId: "Asia/Kolkata", locale: "en-GB" });

  test("keeps the clock in view, folds the question list on a phone, moves focus to the next question, and says how it scores and when to try again", async ({
    page,
  }, info) => {
    const phone = info.project.name === "phone";
    await signUpAndEnrol(page, "Quinn Small-Things", uniqueEmail("small-quiz"));
    const { slug, attemptId, questions } = await startQuizDrawing(
      page,
      (qs) => qs.some((q) => q.type === "multiple") && qs.some((q) => q.type === "ordering") && qs[0]!.type !== "ordering",
    );

    // The page has a main heading: the quiz's title.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/: quiz$/);

    // The question list: folded behind a disclosure on a phone, in plain view on a laptop.
    const toQuestion2 = page.getByRole("navigation", { name: "Questions" }).getByRole("link", { name: "Question 2, not answered" });
    const disclosure = page.getByText(/Go to a question/);
    if (phone) {
      await expect(toQuestion2).toBeHidden();
      await shot(page, info, "01-attempt-list-folded");
      await disclosure.click();
      await expect(toQuestion2).toBeVisible();
      await shot(page, info, "02-attempt-list-open");
      await disclosure.click();
      await expect(toQuestion2).toBeHidden();
    } else {
      await expect(disclosure).toBeHidden();
      await expect(toQuestion2).toBeVisible();
      await shot(page, info, "01-attempt");
    }
    await expectNoAxeViolations(page);

    // "Save and next" moves keyboard focus to the new question's legend.
    await page.getByRole("button", { name: "Save and next →" }).click();
    await expect(page).toHaveURL(/\?q=2$/);
    await expect(page.getByRole("group", { name: /^Question 2 of/ })).toBeVisible();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName + " " + document.activeElement?.textContent)).toMatch(/^LEGEND Question 2 of/);

    // A select-all question says "Select all that apply" once, with how it is scored.
    const multiple = questions.findIndex((q) => q.type === "multiple");
    await page.goto(`/attempts/${attemptId}?q=${multiple + 1}`);
    const group = page.getByRole("group", { name: new RegExp(`^Question ${multiple + 1} of`) });
    await expect(group).toBeVisible();
    await expect(page.getByText(/select all that apply/i)).toHaveCount(1);
    await expect(group.getByText(/^Select all that apply\. (Partial credit|All or nothing):/)).toBeVisible();

    // The clock stays in view when the question is scrolled to its end, on a short screen too.
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: size.width, height: 420 });
    await page.getByRole("button", { name: /^Save and (next|finish)/ }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    await expect(page.getByRole("timer")).toBeInViewport();
    await viewShot(page, info, "03-scrolled-clock-in-view");
    await page.setViewportSize(size);

    // An ordering question names its buttons as they are labelled.
    const ordering = questions.findIndex((q) => q.type === "ordering");
    await page.goto(`/attempts/${attemptId}?q=${ordering + 1}`);
    await expect(page.getByText(/with the “Up” and “Down” buttons beside each item/)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Move “.*” up$/ }).first()).toHaveText("↑ Up");
    await expect(page.getByRole("button", { name: /^Move “.*” down$/ }).first()).toHaveText("↓ Down");

    // Submitted with nothing answered: a fail. The review has its heading and says when the next attempt opens, in local time.
    await page.goto(`/attempts/${attemptId}?step=summary`);
    await page.getByRole("button", { name: "Submit for grading" }).click();
    await expect(page).toHaveURL(/\/review$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Review of your attempt: .*: quiz$/);
    const opens = page.getByText(/^Your next attempt opens at/);
    await expect(opens).toBeVisible();
    const when = opens.locator("time");
    const at = Date.parse((await when.getAttribute("datetime"))!);
    await expect(when).toContainText(clockAt(at, 330));
    await expect(when).not.toContainText("UTC");
    await shot(page, info, "04-review-next-attempt");
    await expectNoAxeViolations(page);

    // The rules: how partial credit is scored, the module named in the breadcrumb, times local.
    await page.goto(`${COURSE}/${slug}/quiz`);
    await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: /^Module$/ })).toHaveCount(0);
    const rules = page.getByRole("region", { name: "Rules" });
    await expect(rules.getByText(/divided by the number of right choices, and never less than zero/)).toBeVisible();
    await expect(page.getByText(/^Your next attempt opens in .* \(at .*\)/)).not.toContainText("UTC");
    const started = page.getByRole("region", { name: "Your attempts" }).last().locator("time").first();
    const startedAt = Date.parse((await started.getAttribute("datetime"))!);
    await expect(started).toContainText(clockAt(startedAt, 330));
    await shot(page, info, "05-rules");
    await expectNoAxeViolations(page);
  });
});

test.describe("the module page", () => {
  test("offers Mark complete once the text has been read to its end, highlights a cited source and leads back, and names the module", async ({
    page,
  }, info) => {
    await signUpAndEnrol(page, "Mira Small-Things", uniqueEmail("small-module"));
    await expect(page.getByRole("heading", { level: 1, name: "Skin anatomy and puncture depth" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Module 1: Skin anatomy and puncture depth");

    // Opening the page does not offer "Mark complete": reading to the end does.
    const markComplete = page.getByRole("button", { name: "Mark complete" });
    await expect(page.getByText("“Mark complete” appears here once you have read to the end of the module.")).toBeAttached();
    await expect(markComplete).toHaveCount(0);
    await expectNoAxeViolations(page);

    // A citation jump highlights its source and offers the way back to that very citation.
    const citation = page.getByRole("link", { name: /^Source 1:/ }).first();
    await citation.scrollIntoViewIfNeeded();
    const unmarked = "rgba(0, 0, 0, 0)";
    await citation.click();
    await expect(page).toHaveURL(/#source-rassman-2015$/);
    const sources = page.getByRole("region", { name: "Sources" });
    const back = sources.getByRole("link", { name: "Back to text" });
    await expect(back).toHaveCount(1);
    const cited = sources.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Back to text" }) });
    await expect(cited).toContainText("Rassman WR");
    await expect(cited).toBeInViewport();
    await expect(cited).toBeFocused();
    expect(await cited.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(unmarked);
    await viewShot(page, info, "01-source-highlighted");
    await back.click();
    await expect(page).toHaveURL(/#cite-/);
    await expect(citation).toBeInViewport();
    await expect(citation).toBeFocused();
    expect(await citation.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(unmarked);
    await viewShot(page, info, "02-back-at-the-citation");
    // And a second jump works as well as the first.
    await citation.click();
    await expect(cited).toBeInViewport();
    await back.click();
    await expect(citation).toBeInViewport();

    // Having scrolled past the end of the text, the learner may mark it complete.
    await expect(markComplete).toHaveCount(0);
    await page.getByRole("heading", { name: "Sources" }).scrollIntoViewIfNeeded();
    await expect(markComplete).toBeVisible();
    await markComplete.click();
    await expect(page.getByText("You have completed this module.")).toBeVisible();
    await shot(page, info, "03-completed");
  });

  test("offers Mark complete after a while on the page without scrolling", async ({ page }, info) => {
    await signUpAndEnrol(page, "Dara Dwell", uniqueEmail("small-dwell"));
    await page.clock.install();
    await page.goto(`${COURSE}/needle-sizing-and-machines`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("“Mark complete” appears here once you have read to the end of the module.")).toBeAttached();
    await page.clock.runFor("04:00");
    await expect(page.getByRole("button", { name: "Mark complete" })).toHaveCount(0);
    await page.clock.runFor("01:01");
    await expect(page.getByRole("button", { name: "Mark complete" })).toBeAttached();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await shot(page, info, "01-offered-after-a-while");
  });

  test("the skin-depth figure: on a phone the caption follows the controls; one target band, drawn to its scale", async ({ page }, info) => {
    await signInAsDemo(page, "learner@demo.stipple");
    await page.goto(`${COURSE}/skin-anatomy-and-puncture-depth`);
    const drawing = page.getByRole("img", { name: /^Scalp skin cross-section/ });
    const slider = page.getByRole("slider", { name: "Needle depth in the skin" });
    const caption = page.getByText(/^Depths are drawn to the millimetre scale at the side/);
    await caption.scrollIntoViewIfNeeded();
    await expect(caption).toContainText("The amber band is this lesson's target, the papillary dermis, 0.1–0.5 mm");
    await expect(caption).not.toContainText("0.6");
    const [d, s, c] = await Promise.all([drawing.boundingBox(), slider.boundingBox(), caption.boundingBox()]);
    if (info.project.name === "phone") {
      // Drawing, then its control, then the caption: nothing between the drawing and the slider.
      expect(s!.y).toBeGreaterThan(d!.y + d!.height - 1);
      expect(c!.y).toBeGreaterThan(s!.y + s!.height);
    } else {
      expect(c!.y).toBeGreaterThan(d!.y + d!.height - 1);
    }
    // The words under the figure match its millimetre scale.
    await expect(page.getByText(/Depths are drawn to the millimetre scale beside the drawing/)).toBeVisible();
    // The figure alone (the module page is far too long for a whole-page picture to show it).
    const figure = page.getByRole("figure").filter({ has: slider }).last();
    await viewShot(page, info, "01-skin-depth-figure", figure);
    await page.getByRole("button", { name: "On target" }).click();
    await expect(slider).toHaveAttribute("aria-valuetext", /on target, upper dermis/);
  });
});

test.describe("certificates", () => {
  test("a revoked certificate's check does not say valid until; renewal shows progress only once it opens, and says how long it lasts", async ({
    page,
  }, info) => {
    await page.goto("/verify/STP-DEMV-9REV");
    await expect(page.getByRole("heading", { name: "This certificate has been revoked." })).toBeVisible();
    await expect(page.getByText("Valid until")).toHaveCount(0);
    await shot(page, info, "01-verify-revoked");
    await expectNoAxeViolations(page);
    await page.goto("/verify/STP-DEMV-9VAD");
    await expect(page.getByText("Valid until")).toBeVisible();

    await signInAsDemo(page, "certified@demo.stipple");
    await page.goto("/certificates");
    await page
      .getByRole("link", { name: /SMP Practitioner Certificate/ })
      .first()
      .click();
    const renewal = page.getByRole("region", { name: "Renewal" });
    await expect(renewal).toContainText("A renewal keeps you certified for another 24 months");
    await expect(renewal).toContainText("Renewal opens 90 days before this certificate expires.");
    await expect(renewal).toContainText(/Renewal opens on .*To renew you will need to pass the refresher quiz and have 2 supervised cases countersigned/);
    await expect(renewal.getByRole("progressbar")).toHaveCount(0);
    await renewal.scrollIntoViewIfNeeded();
    await shot(page, info, "02-renewal-not-open");
    await expectNoAxeViolations(page);
    await signOut(page);

    await signInAsDemo(page, "renewing@demo.stipple");
    await page.goto("/certificates");
    await page
      .getByRole("link", { name: /SMP Practitioner Certificate/ })
      .first()
      .click();
    const open = page.getByRole("region", { name: "Renewal" });
    await expect(open).toContainText("Renewal is open.");
    await expect(open.getByRole("progressbar")).toHaveCount(2);
    await open.scrollIntoViewIfNeeded();
    await shot(page, info, "03-renewal-open");
  });
});

test.describe("the demo outbox", () => {
  test("is there only for a signed-in demo account, and says it is a demo feature", async ({ page }, info) => {
    expect((await page.goto("/dev/outbox"))?.status()).toBe(404);
    await signUpAndEnrol(page, "Omar Outsider", uniqueEmail("small-outbox"));
    expect((await page.goto("/dev/outbox"))?.status()).toBe(404);
    await expect(page.getByRole("link", { name: "Demo outbox" })).toHaveCount(0);
    await signOut(page);

    await signInAsDemo(page, "instructor@demo.stipple");
    await page.getByRole("link", { name: "Demo outbox" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Demo outbox" })).toBeVisible();
    await expect(page.getByText("A demo feature.")).toBeVisible();
    await shot(page, info, "01-outbox");
    await expectNoAxeViolations(page);
  });
});
