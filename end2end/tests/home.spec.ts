import { test, expect, Browser, Page } from "@playwright/test";
import { ADMIN, COORDINATOR, TEACHER, expectNoAxeViolations, signIn } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

async function as(browser: Browser, email: string, viewport = { width: 1280, height: 720 }, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Calls a server function as the page's signed-in account and returns its JSON. */
async function call(page: Page, endpoint: string, form: Record<string, string>) {
  const response = await page.context().request.post(`/api/${endpoint}`, {
    form,
    headers: { Accept: "application/json" },
  });
  expect(response.status(), `${endpoint} ${JSON.stringify(form)}`).toBe(200);
  return response.json();
}

test("a teacher goes from home to the element assigned to them in one click, in English and Chinese", async ({ browser }) => {
  // The coordinator starts a self-assessment and gives the teacher an element.
  const coordinator = await as(browser, COORDINATOR);
  await coordinator.goto("/schools");
  const school = (await coordinator.getByRole("link", { name: "Riverside Primary School" }).getAttribute("href"))!.split("/").pop()!;
  const id = await call(coordinator, "start_assessment", {
    school,
    framework: "inclusion-quality@2026.3",
    cycle: "initial",
    target_award: "inclusive-school",
  });
  const view = await call(coordinator, "assessment", { id });
  const tara = view.assignable.find((a: { name: string }) => a.name === "Tara Teacher").account;
  await call(coordinator, "assign_element", { assessment: id, element: "environment", account: tara });

  const teacher = await as(browser, TEACHER);
  await teacher.goto("/");
  await expect(teacher.getByRole("heading", { level: 1, name: "Your work" })).toBeVisible();
  const assigned = teacher.locator("section[aria-labelledby=elements-heading]");
  await expect(assigned).toContainText("0 of 4 indicators rated");
  await expectNoAxeViolations(teacher);
  await assigned.getByRole("link", { name: "Learning environment and accessibility" }).first().click();
  await expect(teacher).toHaveURL(new RegExp(`/assessments/${id}/elements/environment$`));
  await expect(teacher.getByRole("heading", { name: "Learning environment and accessibility" }).first()).toBeVisible();

  await teacher.goto(`/lang/zh?next=${encodeURIComponent("/")}`);
  await expect(teacher.getByRole("heading", { level: 1, name: "您的工作" })).toBeVisible();
  await expect(teacher.locator("section[aria-labelledby=elements-heading]")).toContainText("学习环境与无障碍");
  await expectNoAxeViolations(teacher);
  await teacher.goto(`/lang/en?next=${encodeURIComponent("/")}`);
  await teacher.context().close();
  await coordinator.context().close();
});

test("the home page says what changed on a cluster's board since the last visit", async ({ browser }) => {
  const teacher = await as(browser, TEACHER);
  const lead = await as(browser, "lead@demo.equimark.test");
  const clusters = await call(lead, "clusters", {});
  const cluster = clusters.clusters.find((c: { name: string }) => c.name === "Yorkshire Inclusion Cluster").id;
  // The teacher has seen the board as it is; then the lead shares a card.
  await call(teacher, "cluster", { id: cluster });
  const board = await call(lead, "cluster", { id: cluster });
  const ideas = board.board.find((c: { name: string }) => c.name === "Ideas").id;
  await call(lead, "add_card", {
    cluster,
    school: "",
    column: String(ideas),
    "card[title]": "Sensory breaks",
    "card[body]": "Five minutes, twice a morning.",
    "card[elements][0]": "teaching",
  });
  await teacher.goto("/");
  const boards = teacher.locator("section[aria-labelledby=boards-heading]");
  await expect(boards).toContainText("cards changed since your last visit: 1");
  await boards.getByRole("link", { name: "Yorkshire Inclusion Cluster" }).click();
  await expect(teacher).toHaveURL(/\/clusters\/[^/]+\/board$/);
  await expect(teacher.getByRole("heading", { level: 2, name: "Board of practice" })).toBeVisible();
  await expect(teacher.getByText("Sensory breaks").first()).toBeVisible();
  await teacher.goto("/");
  await expect(boards).toContainText("nothing new since your last visit");
  await teacher.context().close();
  await lead.context().close();
});

test("an admin's home leads to the self-assessments waiting for an assessor", async ({ browser }) => {
  const admin = await as(browser, ADMIN);
  await admin.goto("/");
  await admin.getByRole("link", { name: /Self-assessments waiting for an assessor: \d+/ }).click();
  await expect(admin).toHaveURL(/\/reviews$/);
  await expect(admin.locator("article.assign").filter({ hasText: "Hillcrest Academy" })).toBeVisible();
  await admin.context().close();
});

test("on a 375 px phone the header is small and the menu opens, with and without JavaScript", async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await as(browser, TEACHER, { width: 375, height: 667 }, javaScriptEnabled);
    await page.goto("/");
    const header = await page.getByRole("banner").boundingBox();
    expect(header!.height, "the header's height at 375 × 667").toBeLessThanOrEqual(667 / 5);
    const menu = page.locator("summary", { hasText: "Menu" });
    const schools = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schools" });
    await expect(schools).toBeHidden();
    await expect(page.getByRole("link", { name: "中文" })).toBeVisible();
    // By keyboard: the skip link first, then into the header to the menu.
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(schools).toBeVisible();
    // axe runs as a script in the page: only where scripts run.
    if (javaScriptEnabled) await expectNoAxeViolations(page);
    await schools.click();
    await expect(page).toHaveURL(/\/schools$/);
    await page.context().close();
  }
  // On a wide screen the navigation is simply there, without a menu button.
  const wide = await as(browser, TEACHER);
  await wide.goto("/");
  await expect(wide.locator("summary", { hasText: "Menu" })).toBeHidden();
  await expect(wide.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schools" })).toBeVisible();
  await wide.context().close();
});

test("the accessibility statement is linked from every page and reads in both languages", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/frameworks");
  await page.getByRole("contentinfo").getByRole("link", { name: "Accessibility" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Accessibility statement" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Report a problem" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/lang/zh?next=${encodeURIComponent("/accessibility")}`);
  await expect(page.getByRole("heading", { level: 1, name: "无障碍声明" })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});
