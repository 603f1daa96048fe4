import { test, expect } from "@playwright/test";
import { ADMIN, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

test("an admin creates a network and adds a school; its admin sees the figures, not the schools' records", async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/networks");
  await waitForHydration(admin);
  await admin.getByLabel("Network name").fill("Coastal Schools Partnership");
  await admin.getByRole("button", { name: "Create the network" }).click();
  await admin.getByRole("link", { name: "Coastal Schools Partnership" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Coastal Schools Partnership" })).toBeVisible();
  await expect(admin.getByText("There are no schools in this network yet.")).toBeVisible();
  // Find the school by part of its name, then add it.
  await admin.getByLabel("Find a school to add").fill("hillcrest");
  await admin.getByRole("button", { name: "Find", exact: true }).click();
  await waitForHydration(admin);
  await admin.getByRole("button", { name: "Add the school Hillcrest Academy" }).click();
  await expect(admin.getByRole("cell", { name: "Hillcrest Academy", exact: true })).toBeVisible();
  await expect(admin.getByText("No school outside the network matches.")).toBeVisible();
  await expect(admin.locator("dl.summary-list")).toContainText("1150");
  await expectNoAxeViolations(admin);
  // A duplicate name is refused next to the field.
  await admin.goto("/networks");
  await waitForHydration(admin);
  await admin.getByLabel("Network name").fill("Coastal Schools Partnership");
  await admin.getByRole("button", { name: "Create the network" }).click();
  await expect(admin.locator("#name-error")).toContainText("already exists");

  const network = await browser.newContext();
  const page = await network.newPage();
  await signIn(page, "network@demo.equimark.test");
  await page.goto("/networks");
  await expect(page.getByRole("link", { name: "Coastal Schools Partnership" })).toHaveCount(0);
  await page.getByRole("link", { name: "Northern Inclusion Alliance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Northern Inclusion Alliance" })).toBeVisible();
  await expect(page.locator("dl.summary-list")).toContainText("1610");
  await expect(page.getByRole("row", { name: /Inclusive School/ }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await page.goto("/schools");
  await expect(page.getByText("No schools yet.")).toBeVisible();
  await network.close();
  await adminContext.close();
});
