import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import type { DrawnQuestion } from "~/modules/quiz/types";
import { expect, shot, signInAsDemo, signOut, signUp, signUpAndEnrol, test, uniqueEmail } from "./fixtures";

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

/** The question on the page: its fieldset, named by its legend ("Question 3 of 10 …"). */
const questionGroup = (page: Page) => page.getByRole("group", { name: /^Question \d+ of \d+/ });

/**
 * Answers one question as the key says, with exact names only. Works with and without JavaScript:
 * without it, each Move button posts the form and the page comes back reloaded.
 */
async function answer(page: Page, q: DrawnQuestion) {
  const question = questionGroup(page);
  switch (q.type) {
    case "single":
    case "image":
      await question.getByRole("radio", { name: q.options.find((o) => o.correct)!.text, exact: true }).check();
      break;
    case "multiple":
      for (const o of q.options) if (o.correct) await question.getByRole("checkbox", { name: o.text, exact: true }).check();
      break;
    case "true-false":
      await question.getByRole("radio", { name: q.trueFalse ? "True" : "False", exact: true }).check();
      break;
    case "numeric":
      await question.getByLabel(`Your answer in ${q.numeric!.unit}`, { exact: true }).fill(String(q.numeric!.value));
      break;
    case "ordering":
      await putInOrder(page, q);
      break;
  }
}

/**
 * Moves an ordering question's items into the key's order. The order is tracked here (the page
 * starts from the drawn order) and every row is checked by its exact text, which waits for the
 * page to show each move before the next: reading the list without waiting, right after a move
 * or "Save and next" posted the form, could see a page still loading and press too few times.
 */
async function putInOrder(page: Page, q: DrawnQuestion) {
  const rows = questionGroup(page).getByRole("listitem");
  const isAt = (position: number, text: string) => expect(rows.nth(position).getByText(text, { exact: true })).toBeVisible();
  const order = q.options.map((o) => o.text);
  const target = q.correctOrder!.map((id) => q.options.find((o) => o.bankId === id)!.text);
  await expect(rows).toHaveCount(order.length);
  for (const [i, text] of order.entries()) await isAt(i, text);
  for (const [k, text] of target.entries()) {
    for (let at = order.indexOf(text); at > k; at--) {
      await page.getByRole("button", { name: `Move “${text}” up`, exact: true }).click();
      [order[at - 1], order[at]] = [order[at]!, order[at - 1]!];
      await isAt(at - 1, text);
    }
  }
  for (const [i, text] of target.entries()) await isAt(i, text);
}

/** On a phone the question list is folded behind "Go to a question": open it (a laptop shows it). */
async function openQuestionList(page: Page) {
  // Found folded or not (a folded list is out of the accessibility tree, so hidden from roles by default).
  const list = page.getByRole("navigation", { name: "Questions", includeHidden: true });
  await expect(list).toBeAttached();
  const fold = page.getByText(/Go to a question/);
  if (await fold.isVisible()) {
    // Folded once the page runs (it is open in the page as sent, for browsers without script).
    await expect(list).toBeHidden();
    await fold.click();
  }
  await expect(list).toBeVisible();
}

test("a learner passes a module quiz, then fails another, and reads both reviews", async ({ page }, info) => {
  await signUpAndEnrol(page, "Quinn Quiz", uniqueEmail("quiz"));

  // Module 1: answer everything right.
  await page.goto("/courses/smp-practitioner/skin-anatomy-and-puncture-depth/quiz");
  await expect(page.getByRole("heading", { name: "Rules" })).toBeVisible();
  await shot(page, info, "01-quiz-landing");
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page).toHaveURL(/\/attempts\/[a-z2-7]+$/);
  const attemptId = new URL(page.url()).pathname.split("/").pop()!;
  const questions = snapshot(attemptId);

  // Nothing of the key is in the page the browser received.
  const html = await page.content();
  for (const q of questions) {
    expect(html).not.toContain(q.explanation);
    expect(html).not.toContain(q.ref);
  }
  expect(html).not.toMatch(/\\?"(correct|explanation|bankId|citation|correctOrder|trueFalse|tolerance)\\?"/);

  for (const [i, q] of questions.entries()) {
    await expect(questionGroup(page).getByText(`Question ${i + 1} of ${questions.length}`)).toBeVisible();
    await answer(page, q);
    await expect(page.getByText("Saved", { exact: true })).toBeVisible();
    if (i === 0) await shot(page, info, "02-question-answered");
    if (i === 2) {
      // Leave and come back: same question, answer kept.
      await page.reload();
      await openQuestionList(page);
      await expect(page.getByRole("link", { name: "Question 3, answered" })).toBeVisible();
    }
    await page.getByRole("button", { name: i === questions.length - 1 ? "Save and finish" : "Save and next →" }).click();
  }
  await expect(page.getByRole("heading", { name: "Ready to submit?" })).toBeVisible();
  await expect(page.getByText("Every question has an answer.")).toBeVisible();
  await shot(page, info, "03-summary");
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await expect(page.getByRole("status").getByText("100%")).toBeVisible();
  await expect(page.getByRole("status").getByText("Passed", { exact: true })).toBeVisible();
  await expect(page.getByText(/^✓ Correct$/)).toHaveCount(questions.length);
  await expect(page.getByText("Not correct")).toHaveCount(0);
  await shot(page, info, "04-review-passed");

  // The course page shows the result.
  await page.goto("/courses/smp-practitioner");
  await expect(page.getByRole("link", { name: "Quiz passed · best 100%" })).toBeVisible();

  // Module 2: submit with nothing answered — a fail, with a warning first.
  await page.goto("/courses/smp-practitioner/needle-sizing-and-machines/quiz");
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await openQuestionList(page);
  await page.getByRole("link", { name: "Finish" }).click();
  await expect(page.getByText(/10 questions are not answered/)).toBeVisible();
  await shot(page, info, "05-unanswered-warning");
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByRole("status").getByText("Not passed")).toBeVisible();
  await expect(page.getByText("No answer").first()).toBeVisible();
  await shot(page, info, "06-review-failed");
  await page.getByRole("link", { name: "Back to the quiz page" }).click();
  await expect(page.getByText(/Your next attempt opens in/)).toBeVisible();
  await shot(page, info, "07-cooldown");
});

test("an instructor sees question statistics; a learner gets 404 there", async ({ page }, info) => {
  const statsUrl = "/courses/smp-practitioner/skin-anatomy-and-puncture-depth/quiz/stats";
  await signInAsDemo(page, "learner@demo.stipple");
  expect((await page.goto(statsUrl))?.status()).toBe(404);
  // Signed out for sure before the next sign-in, or the login page would carry this page's redirect.
  await signOut(page);

  await signInAsDemo(page, "instructor@demo.stipple");
  await expect(page).toHaveURL(/\/review$/);
  await page.goto(statsUrl);
  await expect(page.getByRole("heading", { name: "Question statistics" })).toBeVisible();
  await expect(page.getByText(/graded attempt/)).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Discrimination" })).toBeVisible();
  await shot(page, info, "01-stats");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a quiz can be taken with plain form posts", async ({ page }, info) => {
    await signUp(page, "Nadia No-Script", uniqueEmail("nojs"));
    await page.goto("/courses/smp-practitioner");
    await page.getByRole("button", { name: "Start this course" }).click();
    await page.goto("/courses/smp-practitioner/repair-and-removal/quiz");
    await page.getByRole("button", { name: "Start the quiz" }).click();
    const attemptId = new URL(page.url()).pathname.split("/").pop()!;
    const questions = snapshot(attemptId);
    for (const [i, q] of questions.entries()) {
      await expect(questionGroup(page).getByText(`Question ${i + 1} of ${questions.length}`)).toBeVisible();
      await answer(page, q);
      await page.getByRole("button", { name: i === questions.length - 1 ? "Save and finish" : "Save and next →" }).click();
    }
    await expect(page.getByText("Every question has an answer.")).toBeVisible();
    await page.getByRole("button", { name: "Submit for grading" }).click();
    await expect(page.getByRole("status").getByText("100%")).toBeVisible();
    await shot(page, info, "01-review-without-js");
  });
});
