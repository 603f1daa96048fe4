import { test, expect, Page } from "@playwright/test";
import { COORDINATOR, signIn } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

/** WCAG 1.4.10: at 320 CSS px nothing but data tables (in their own scroll box) may scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const [scroll, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `${page.url()} is ${scroll}px wide at ${viewport}px`).toBeLessThanOrEqual(viewport);
}

test("at 320 px wide the school and wizard pages reflow without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await signIn(page, COORDINATOR);
  await page.goto("/schools");
  await expectNoSidewaysScroll(page);
  const school = (await page.getByRole("link", { name: "Riverside Primary School" }).getAttribute("href"))!;
  const started = await context.request.post("/api/start_assessment", {
    form: {
      school: school.split("/").pop()!,
      framework: "inclusion-quality@2026.3",
      cycle: "initial",
      target_award: "inclusive-school",
    },
    headers: { Accept: "application/json" },
  });
  expect(started.status()).toBe(200);
  const path = `/assessments/${await started.json()}`;
  for (const url of [school, path, `${path}/elements/leadership`, `${path}/check`, `${path}/gaps`, `${path}/plan`, "/profile"]) {
    await page.goto(url);
    await expectNoSidewaysScroll(page);
  }
  await context.close();
});
