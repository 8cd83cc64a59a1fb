import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";

/** Saves a full-page screenshot as a named artefact of the run (and attaches it to the report). */
export async function shot(page: Page, info: TestInfo, name: string) {
  const dir = path.join("test-results", "e2e", "screens", info.project.name);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${info.title.replace(/\W+/g, "-").toLowerCase()}--${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: "image/png" });
}

let visitor = 0;

/**
 * Every page must load without console errors, CSP violations or uncaught exceptions.
 * Each test is a different visitor address (through the loopback proxy header the server
 * trusts), as real people are: the per-address sign-in limits then apply per test, not to the
 * whole run.
 */
export const test = base.extend<{ errors: string[] }>({
  page: async ({ page }, use) => {
    visitor += 1;
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${(process.pid + visitor) % 250}` });
    await use(page);
  },
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error" && !/status of (404|400|429)/.test(msg.text())) errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

let counter = 0;
export function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@clinic.example`;
}

/** Signs in as one of the demo accounts (README) and lands on that role's home page. */
export async function signInAsDemo(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("stipple-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Each role lands on its own home page.
  await expect(page).toHaveURL(/\/(courses|review|clinic|admin|supervise)$/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/**
 * Opens the demo outbox, which only the demo accounts may read, in a browser window of its own
 * signed in as the demo learner (so `page` keeps its own session, or none), and hands the open
 * outbox page to `read`. The window is closed afterwards; a console error in it fails the test.
 */
export async function withDemoOutbox<T>(page: Page, read: (outbox: Page) => Promise<T>): Promise<T> {
  const origin = page.url().startsWith("http") ? new URL(page.url()).origin : `http://localhost:${process.env.E2E_PORT ?? 3111}`;
  const context = await page.context().browser()!.newContext({ baseURL: origin });
  try {
    const outbox = await context.newPage();
    const errors: string[] = [];
    outbox.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    outbox.on("pageerror", (err) => errors.push(err.message));
    await signInAsDemo(outbox, "learner@demo.stipple");
    await outbox.goto("/dev/outbox");
    await expect(outbox.getByRole("heading", { level: 1, name: "Demo outbox" })).toBeVisible();
    const result = await read(outbox);
    expect(errors, "console errors on the demo outbox").toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

/** The path of the newest link named like `name` in the demo outbox's email to `email`. */
export async function linkFromOutbox(page: Page, email: string, name: RegExp): Promise<string> {
  return withDemoOutbox(page, async (outbox) => {
    const href = await outbox.getByRole("listitem").filter({ hasText: email }).getByRole("link", { name }).first().getAttribute("href");
    expect(href, `a link like ${name} in the email to ${email}`).toBeTruthy();
    const url = new URL(href!);
    return `${url.pathname}${url.search}`;
  });
}

/**
 * After the signup form: the "check your email" page, then the link from the demo outbox and its
 * button, as a person would; lands signed in on the courses page.
 */
export async function confirmSignupFromOutbox(page: Page, email: string) {
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await linkFromOutbox(page, email, /\/signup\/confirm\//));
  await expect(page.getByRole("heading", { name: "Finish creating your account" })).toBeVisible();
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/courses\?welcome=1$/);
}

/** Creates a new learner through the signup form and the emailed link. */
export async function signUp(page: Page, name: string, email = uniqueEmail("learner"), password = "long enough passphrase") {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignupFromOutbox(page, email);
  return email;
}

/** Creates a new learner through the signup form and enrols them in the core course. */
export async function signUpAndEnrol(page: Page, name: string, email = uniqueEmail("learner")) {
  await signUp(page, name, email);
  await page.goto("/courses/smp-practitioner");
  await page.getByRole("button", { name: "Start this course" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  return email;
}

const AXE = fs.readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

/** Runs axe-core in the page (WCAG 2.1 A and AA rules) and fails on any violation, naming each. */
export async function expectNoAxeViolations(page: Page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations, `axe-core on ${page.url()}`).toEqual([]);
}
