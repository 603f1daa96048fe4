import { test, expect } from "@playwright/test";
import { expectNoAxeViolations } from "./helpers";

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
  await page.goto("/frameworks/iso-21001-gap/2026.2");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the framework file (TOML)" }).click();
  expect((await download).suggestedFilename()).toBe("iso-21001-gap-2026.2.toml");
});

test("the UNESCO-style and ISO 21001 frameworks read in Chinese", async ({ page }) => {
  await page.goto(`/lang/zh?next=${encodeURIComponent("/frameworks/iso-21001-gap/2026.2")}`);
  await expect(page.getByRole("heading", { level: 1, name: "教育组织管理体系差距分析" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "领导作用（第5章）" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/frameworks/unesco-inclusion-equity/2026.2");
  await expect(page.getByRole("heading", { level: 1, name: "融合与公平教育自评" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "融合与公平：认证学校" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/lang/en?next=${encodeURIComponent("/frameworks/unesco-inclusion-equity/2026.2")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Inclusion and Equity Review" })).toBeVisible();
});
