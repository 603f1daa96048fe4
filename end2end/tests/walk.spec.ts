import { test, expect } from "@playwright/test";
import { expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// The physical accessibility walk is done on foot, on a phone.
test.use({ viewport: { width: 375, height: 812 } });

test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

// A small blue picture: 8 by 8 pixels.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGNQSFiAFTEMLQkAAmxIAbLcbYIAAAAASUVORK5CYII=",
  "base64",
);

// A coordinator at the Shanghai school, reading in Chinese, walks the
// UNESCO-style framework's accessibility checklist on a 375 px phone by
// keyboard: records a barrier with its fix, adds a photo, finds the fix
// in the action plan; then reads the walk in English. Axe in both.
test("a coordinator walks the accessibility checklist on a phone: a barrier, its photo and its fix in the plan", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "zhou@demo.equimark.test");
  await page.goto(`/lang/zh?next=${encodeURIComponent("/schools")}`);
  await page.getByRole("link", { name: "上海市浦东新区融合实验小学" }).click();
  await waitForHydration(page);
  await page.getByLabel("评估框架").selectOption("unesco-inclusion-equity@2026.2");
  await page.getByLabel("周期").selectOption("initial");
  await page.getByLabel("目标奖项").selectOption("inclusion-equity-certified");
  await page.getByRole("button", { name: "开始", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "自评" })).toBeVisible();
  await page.getByRole("link", { name: "无障碍实地检查清单" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "无障碍实地检查" })).toBeVisible();
  await expect(page.getByTestId("walk-progress")).toHaveText("已记录 0 / 12 项 · 发现 0 处障碍");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([
    "出入口",
    "校内通道",
    "卫生间",
    "标识与导向",
    "教室",
    "紧急出口",
  ]);
  await expectNoAxeViolations(page);

  // The main entrance has steps: recorded by keyboard alone.
  const entrance = page.getByTestId("walk-check").first();
  await entrance.getByLabel("不符合").focus();
  await page.keyboard.press("Space");
  await expect(entrance.getByLabel("不符合")).toBeChecked();
  await entrance.getByLabel("看到的情况（选填）").focus();
  await page.keyboard.type("正门有两级台阶，没有坡道。");
  await entrance.getByLabel("整改措施").focus();
  await page.keyboard.type("在正门修建带扶手的坡道。");
  await entrance.getByLabel("负责人").focus();
  await page.keyboard.type("后勤主任");
  await entrance.getByLabel("完成日期（选填）").fill("2027-03-31");
  await entrance.getByRole("button", { name: "保存此项检查" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("检查结果已保存。")).toBeVisible();
  await expect(page.getByTestId("walk-progress")).toHaveText("已记录 1 / 12 项 · 发现 1 处障碍");
  await expect(entrance.getByTestId("walk-finding")).toHaveText("不符合");

  // Its photo, as evidence for the buildings indicator.
  await entrance.getByLabel("照片", { exact: true }).setInputFiles({ name: "entrance.png", mimeType: "image/png", buffer: PNG });
  await entrance.getByRole("button", { name: "添加照片" }).click();
  await expect(page.getByTestId("walk-check").first().locator("img.walk-photo")).toBeVisible();
  // A document is refused as a photo, with the reason beside the field.
  const signs = page.getByTestId("walk-check").nth(6);
  await signs.getByLabel("照片", { exact: true }).setInputFiles({ name: "plan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7 plan") });
  await signs.getByRole("button", { name: "添加照片" }).click();
  await expect(page.getByText("请选择照片：PNG、JPEG、GIF 或 WebP 格式的图片")).toBeVisible();
  await expectNoAxeViolations(page);
  // Nothing scrolls sideways on the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The fix is in the action plan.
  const walk = new URL(page.url()).pathname;
  await page.getByTestId("walk-check").first().getByRole("link", { name: "已加入行动计划" }).click();
  await expect(page.getByRole("main")).toContainText("在正门修建带扶手的坡道。");
  await expect(page.getByRole("main")).toContainText("后勤主任");

  // In English.
  await page.goto(`/lang/en?next=${encodeURIComponent(walk)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Accessibility walk" })).toBeVisible();
  await expect(page.getByTestId("walk-progress")).toHaveText("1 of 12 checks recorded · barriers found: 1");
  await expect(page.getByTestId("walk-check").first().getByTestId("walk-finding")).toHaveText("Does not meet it");
  await expect(page.getByRole("heading", { level: 3, name: /The main entrance is step-free/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});
