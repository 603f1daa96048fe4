import { test, expect, request as apiRequest } from "@playwright/test";
import { COORDINATOR, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

test("a coordinator makes an API token on the profile page, a script calls the API with it, and revoking it stops it", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await signIn(page, COORDINATOR);
  await page.goto("/profile");
  const section = page.locator("#tokens");
  await expect(section.getByRole("heading", { name: "Access tokens for the API" })).toBeVisible();
  await expect(section).toContainText("You have no tokens.");
  await waitForHydration(page);

  // Made by keyboard: name, scope, submit.
  await section.getByLabel("Name").fill("Nightly export");
  await section.getByLabel("Read only").check();
  await section.getByRole("button", { name: "Make token" }).press("Enter");
  const secret = section.getByLabel("Your new token");
  await expect(secret).toHaveValue(/^eqm_[0-9a-f]{64}$/);
  const token = await secret.inputValue();
  await expectNoAxeViolations(page);

  // A script (no cookie) reads with it, and cannot change anything.
  const script = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const home = await script.post("/api/home", { form: {} });
  expect(home.status()).toBe(200);
  expect((await home.json()).schools.map((s: { name: string }) => s.name)).toContain("Riverside Primary School");
  const refused = await script.post("/api/mark_notifications_read", { form: {} });
  expect(refused.status()).toBe(403);

  // The list shows it was used; revoking it stops it at once.
  await page.getByRole("link", { name: "I have copied it" }).click();
  const row = section.getByRole("row", { name: /Nightly export/ });
  await expect(row).toContainText("Read only");
  await expect(row).toContainText("Used");
  await row.getByRole("button", { name: "Revoke Nightly export" }).click();
  await expect(section.getByRole("row", { name: /Nightly export/ })).toContainText("Revoked");
  expect((await script.post("/api/home", { form: {} })).status()).toBe(401);
  await script.dispose();

  // The same section in Chinese passes axe too.
  await page.goto(`/lang/zh?next=${encodeURIComponent("/profile")}`);
  await expect(page.locator("#tokens").getByRole("heading", { name: "API 访问令牌" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/lang/en?next=${encodeURIComponent("/profile")}`);
  await context.close();
});

test("the API reference lists every operation and links the OpenAPI document, in English and Chinese", async ({ page, request }) => {
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const reviews = page.getByRole("region", { name: "Reviews" });
  await expect(reviews.getByRole("row", { name: /\/api\/sign_off/ })).toContainText("Read and change");
  await expect(page.getByRole("row", { name: /\/api\/sign_in\b/ })).toContainText("Browser only");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "/api/openapi.json" }).click();
  const document = await (await request.get("/api/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/api/save_response");

  await page.goto(`/lang/zh?next=${encodeURIComponent("/api/docs")}`);
  await expect(page.getByRole("heading", { level: 1, name: "API 参考" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/lang/en?next=${encodeURIComponent("/api/docs")}`);
});
