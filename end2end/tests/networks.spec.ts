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

// The alliance grows by request: a school outside it asks (its coordinator
// reads Equimark in Chinese), the network's admin accepts (in English),
// and the school is a member; axe on both pages in both languages.
test("a school asks to join a network and the network's admin accepts", async ({ browser }) => {
  const zhouContext = await browser.newContext();
  const zhou = await zhouContext.newPage();
  await signIn(zhou, "zhou@demo.equimark.test");
  await zhou.goto(`/lang/zh?next=${encodeURIComponent("/schools")}`);
  await zhou.getByRole("link", { name: "上海市浦东新区融合实验小学" }).click();
  await zhou.getByRole("link", { name: "联盟与加入申请" }).click();
  await expect(zhou.getByRole("heading", { level: 1, name: "联盟" })).toBeVisible();
  await expect(zhou.getByText("贵校尚未加入任何联盟。")).toBeVisible();
  await expectNoAxeViolations(zhou);
  // By keyboard: choose the network, write why, send.
  await zhou.getByLabel("联盟", { exact: true }).selectOption({ label: "Northern Inclusion Alliance" });
  await zhou.getByLabel("贵校希望加入的原因（选填）").focus();
  await zhou.keyboard.type("我们希望与联盟学校分享随班就读的经验。");
  await zhou.keyboard.press("Tab");
  await zhou.keyboard.press("Enter");
  await expect(zhou.getByText("申请已提交。")).toBeVisible();
  await expect(zhou.getByTestId("join-state")).toHaveText("等待答复");
  await expectNoAxeViolations(zhou);
  const schoolNetworks = zhou.url();

  const adminContext = await browser.newContext();
  const nadia = await adminContext.newPage();
  await signIn(nadia, "network@demo.equimark.test");
  // Her home page says a request is waiting, and leads to it.
  await nadia.goto("/");
  await nadia.getByRole("link", { name: "Northern Inclusion Alliance: 1 waiting for an answer" }).click();
  await expect(nadia.getByRole("heading", { level: 1, name: "Requests to join" })).toBeVisible();
  const waiting = nadia.getByTestId("waiting-request");
  await expect(waiting).toContainText("上海市浦东新区融合实验小学 (上海)");
  await expect(waiting).toContainText("我们希望与联盟学校分享随班就读的经验。");
  await expectNoAxeViolations(nadia);
  await nadia.goto(`/lang/zh?next=${encodeURIComponent(new URL(nadia.url()).pathname)}`);
  await expect(nadia.getByRole("heading", { level: 1, name: "加入申请" })).toBeVisible();
  await expectNoAxeViolations(nadia);
  await nadia.goto(`/lang/en?next=${encodeURIComponent(new URL(nadia.url()).pathname)}`);
  await nadia.getByRole("button", { name: "Accept 上海市浦东新区融合实验小学" }).click();
  await expect(nadia.getByText("The request was answered")).toBeVisible();
  await expect(nadia.getByText("No request is waiting.")).toBeVisible();
  await expect(nadia.getByTestId("join-state")).toHaveText("Accepted");
  await expectNoAxeViolations(nadia);
  await nadia.getByRole("link", { name: "Back to the network" }).click();
  await expect(nadia.getByRole("cell", { name: "上海市浦东新区融合实验小学", exact: true })).toBeVisible();

  // The school sees it is a member, and was told.
  await zhou.goto(schoolNetworks);
  await expect(zhou.getByTestId("member-of")).toContainText("Northern Inclusion Alliance");
  await expect(zhou.getByTestId("join-state")).toHaveText("已接受");
  await zhou.goto(`/lang/en?next=${encodeURIComponent(new URL(schoolNetworks).pathname)}`);
  await expect(zhou.getByTestId("join-state")).toHaveText("Accepted");
  await expectNoAxeViolations(zhou);
  await zhou.goto("/notifications");
  await expect(zhou.getByRole("main")).toContainText("已接受");
  await zhouContext.close();
  await adminContext.close();
});

// A school's region is chosen from the list of provinces, cities and
// regions, by keyboard, and named in the reader's language.
test("a coordinator chooses the school's province from the list; it reads in both languages", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const zhou = await context.newPage();
  await signIn(zhou, "zhou@demo.equimark.test");
  await zhou.goto(`/lang/zh?next=${encodeURIComponent("/schools")}`);
  await zhou.getByRole("link", { name: "上海市浦东新区融合实验小学" }).click();
  await expect(zhou.getByRole("heading", { level: 3, name: "修改地区和联系邮箱" })).toBeVisible();
  const region = zhou.getByLabel("省、直辖市或地区");
  // The list, grouped by country: China's provincial divisions, then the UK's.
  await expect(region.locator("optgroup")).toHaveCount(2);
  await expect(region.locator('optgroup[label="中国"] option')).toHaveCount(34);
  await region.focus();
  await region.selectOption({ label: "上海市" });
  await zhou.keyboard.press("Tab");
  await zhou.keyboard.press("Tab");
  await zhou.keyboard.press("Enter");
  await expect(zhou.getByText("已保存。")).toBeVisible();
  const details = zhou.locator("dl.summary-list").first();
  await expect(details).toContainText("上海市");
  await expectNoAxeViolations(zhou);
  const school = new URL(zhou.url()).pathname;
  await zhou.goto(`/lang/en?next=${encodeURIComponent(school)}`);
  await expect(details).toContainText("Shanghai");
  await expect(zhou.getByLabel("Province, city or region")).toHaveValue("CN-SH");
  await expectNoAxeViolations(zhou);
  await context.close();
});
