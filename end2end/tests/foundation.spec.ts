import { test, expect } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADMIN, expectNoAxeViolations, signIn, startServer, stopServer, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

test("the schools page is rendered on the server, before any script runs", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, ADMIN);
  await page.goto("/schools");
  await expect(page.getByRole("heading", { level: 1, name: "Schools" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Riverside Primary School" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});

test("the page hydrates: the filter narrows the list as you type", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/schools");
  await waitForHydration(page);
  await page.getByLabel("Filter schools").fill("oak tree");
  await expect(page.getByRole("cell", { name: "Oak Tree Special School" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Riverside Primary School" })).toHaveCount(0);
  await page.getByLabel("Filter schools").fill("nowhere at all");
  await expect(page.getByRole("status").filter({ hasText: "No school matches" })).toBeVisible();
});

test("bad input shows a message next to the field and stores nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/schools");
  await waitForHydration(page);
  const rows = await page.locator("#school-table tbody tr").count();

  await page.getByLabel("Town or city").fill("Leeds");
  await page.getByLabel("Number of learners").fill("200");
  await page.getByLabel("Phase").selectOption("primary");
  await page.getByRole("button", { name: "Add school" }).click();
  await expect(page.locator("#name-error")).toContainText("Enter the school's name");
  await expect(page.getByLabel("School name")).toHaveAttribute("aria-invalid", "true");
  const summaryLink = page.getByRole("link", { name: "Enter the school's name" });
  await expect(summaryLink).toBeVisible();
  await expectNoAxeViolations(page);
  await summaryLink.click();
  await expect(page.getByLabel("School name")).toBeFocused();

  await page.getByLabel("School name").fill("x".repeat(121));
  await page.getByRole("button", { name: "Add school" }).click();
  await expect(page.locator("#name-error")).toContainText("120 characters or fewer");
  await expect(page.getByLabel("Town or city")).toHaveValue("Leeds");

  await page.reload();
  await expect(page.locator("#school-table tbody tr")).toHaveCount(rows);
});

test("without JavaScript, a refused form comes back with the message and what was typed", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, ADMIN);
  await page.goto("/schools");
  await page.getByLabel("Town or city").fill("Bath");
  await page.getByLabel("Number of learners").fill("many");
  await page.getByRole("button", { name: "Add school" }).click();
  await expect(page.locator("#learners-error")).toContainText("whole number");
  await expect(page.locator("#name-error")).toContainText("Enter the school's name");
  await expect(page.getByLabel("Town or city")).toHaveValue("Bath");
  await context.close();
});

test("a school added through the form persists across a server restart", async ({ browser }) => {
  const dataDir = mkdtempSync(join(tmpdir(), "equimark-restart-"));
  const port = 3101;
  let server = await startServer(port, dataDir);
  const page = await browser.newPage({ baseURL: `http://127.0.0.1:${port}` });
  try {
    await signIn(page, ADMIN);
    await page.goto("/schools");
    await waitForHydration(page);
    await page.getByLabel("School name").fill("Willow Bank School");
    await page.getByLabel("Phase").selectOption("secondary");
    await page.getByLabel("Town or city").fill("Norwich");
    await page.getByLabel("Number of learners").fill("410");
    await page.getByRole("button", { name: "Add school" }).click();
    await expect(page.getByText("Willow Bank School was added.")).toBeVisible();
    await expect(page.getByRole("cell", { name: "Willow Bank School" })).toBeVisible();
    await expect(page.getByLabel("School name")).toHaveValue("");

    await stopServer(server);
    server = await startServer(port, dataDir);
    // Sessions are in the database too: still signed in after the restart.
    await page.goto("/schools");
    await expect(page.getByRole("cell", { name: "Willow Bank School" })).toBeVisible();
  } finally {
    await page.close();
    await stopServer(server);
  }
});

test("the language follows the browser, switches on every page and is remembered", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/frameworks");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh");
  await expect(page.getByRole("heading", { level: 1, name: "评估框架" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Frameworks" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Frameworks" })).toBeVisible();
  await context.close();
});

test("the language switch works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, ADMIN);
  await page.goto("/schools");
  await page.getByRole("link", { name: "中文" }).click();
  await expect(page).toHaveURL(/\/schools$/);
  await expect(page.getByRole("heading", { level: 1, name: "学校" })).toBeVisible();
  await context.close();
});

test("keyboard only: skip link, then the form, with visible focus", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/schools");
  await waitForHydration(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.getByLabel("School name").focus();
  const outline = await page.getByLabel("School name").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe("solid");
});
