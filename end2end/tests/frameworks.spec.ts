import { test, expect } from "@playwright/test";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

test("the framework browser lists the shipped frameworks and shows one in full", async ({ page }) => {
  await page.goto("/frameworks");
  const table = page.getByRole("table");
  // The three shipped frameworks (other tests may publish more versions).
  for (const title of [
    "Inclusion Quality Framework",
    "Inclusion and Equity Review",
    "Educational Management System Gap Analysis",
  ]) {
    await expect(table.getByRole("link", { name: title }).first()).toBeVisible();
  }
  await table.getByRole("link", { name: "Inclusion Quality Framework" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inclusion Quality Framework" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Rating scale" })).toBeVisible();
  for (const level of ["Not yet", "Emerging", "Established", "Embedded"]) {
    await expect(page.getByRole("rowheader", { name: level })).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 3, name: "Teaching and learning" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Flagship School" })).toBeVisible();
  await expect(page.getByText("Centre of Excellence held for at least 3 consecutive years")).toBeVisible();
});

test("a framework can be exported from its page as a file", async ({ page }) => {
  await page.goto("/frameworks/iso-21001-gap/2026.1");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the framework file (TOML)" }).click();
  expect((await download).suggestedFilename()).toBe("iso-21001-gap-2026.1.toml");
});
