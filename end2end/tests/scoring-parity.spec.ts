import { test, expect, Page } from "@playwright/test";
import { waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

const TRY = "/frameworks/inclusion-quality/2026.3/try";

/** A varied answer per indicator: a rating (or none) and evidence on two in three. */
function pattern(index: number, levels: string[]) {
  const slot = index % (levels.length + 1);
  return { level: slot < levels.length ? levels[slot] : "", evidence: index % 3 !== 0 };
}

async function indicatorsOf(page: Page) {
  return page.locator("select").evaluateAll((selects) =>
    selects.map((s) => ({
      name: (s as HTMLSelectElement).name,
      levels: Array.from((s as HTMLSelectElement).options)
        .map((o) => o.value)
        .filter((v) => v !== ""),
    })),
  );
}

test("the browser's live scores equal the server's for the same answers", async ({ browser }) => {
  // The server's figures: answers in the query string, no JavaScript at all.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const serverPage = await plain.newPage();
  await serverPage.goto(TRY);
  const indicators = await indicatorsOf(serverPage);
  expect(indicators.length).toBe(32);
  const query = new URLSearchParams();
  indicators.forEach((ind, i) => {
    const { level, evidence } = pattern(i, ind.levels);
    if (level) query.set(ind.name, level);
    if (evidence) query.set(`ev-${ind.name}`, "1");
  });
  await serverPage.goto(`${TRY}?${query}`);
  const fromServer = await serverPage.locator("#score-summary").innerText();
  expect(fromServer).not.toContain("0.0%\n");
  await plain.close();

  // The browser's figures: the same answers chosen one by one after hydration.
  const page = await browser.newPage();
  await page.goto(TRY);
  await waitForHydration(page);
  const empty = await page.locator("#score-summary").innerText();
  for (const [i, ind] of indicators.entries()) {
    const { level, evidence } = pattern(i, ind.levels);
    if (level) await page.locator(`select[name="${ind.name}"]`).selectOption(level);
    if (evidence) await page.locator(`#ev-${ind.name}`).check();
  }
  const fromBrowser = await page.locator("#score-summary").innerText();
  expect(fromBrowser).not.toEqual(empty);
  expect(fromBrowser).toEqual(fromServer);
  await page.close();
});

test("the calculator explains what is missing, in plain words", async ({ page }) => {
  await page.goto(TRY);
  await waitForHydration(page);
  await expect(page.getByTestId("reached")).toHaveText("No award yet");
  const teaching = page.locator("fieldset").filter({ has: page.locator("legend", { hasText: "Teaching and learning" }) });
  const selects = teaching.locator("select");
  for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption("emerging");
  await expect(page.locator(".reasons")).toContainText("Teaching and learning:");
  await expect(page.locator(".reasons")).toContainText("4 at Emerging");
  await expect(page.locator(".reasons")).toContainText("Established needed");
});
