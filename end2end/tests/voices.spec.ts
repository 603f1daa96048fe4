// Learners', families' and staff voices: a coordinator writes a survey;
// people answer through its link without an account, on a 375 px phone
// with the keyboard only, in English and then in Chinese; results wait for
// five answers.
import { test, expect, Browser, Page } from "@playwright/test";
import { COORDINATOR, expectNoAxeViolations, signIn } from "./helpers";

test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** A phone with no one signed in. */
async function phone(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 375, height: 667 } })).newPage();
}

/** Presses Tab until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Answers with the keyboard only: the fourth point, words, then send. */
async function answerByKeyboard(page: Page, words: string) {
  await tabTo(page, 'input[name="answers[q0]"]');
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await tabTo(page, 'textarea[name="answers[q1]"]');
  await page.keyboard.type(words);
  await tabTo(page, 'button[type="submit"]');
  await page.keyboard.press("Enter");
}

test("a family answers a survey by keyboard on a phone, in English and in Chinese, once per device", async ({ browser }) => {
  const coordinator = await as(browser, COORDINATOR);
  await coordinator.goto("/schools");
  await coordinator.getByRole("link", { name: "Riverside Primary School" }).click();
  await coordinator.getByRole("link", { name: "Surveys of learners, families and staff" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "Surveys of learners, families and staff" })).toBeVisible();
  await expect(coordinator.getByTestId("survey-row").filter({ hasText: "Pupil voice" })).toContainText("6");
  await expectNoAxeViolations(coordinator);

  // Write an easy-read survey for parents and carers, in both languages.
  const form = coordinator.locator("section[aria-labelledby=survey-form-heading]");
  await form.getByLabel("Framework").selectOption({ label: "Inclusion Quality Framework" });
  await form.getByRole("button", { name: "Show its indicators" }).click();
  await form.getByLabel("Survey title").fill("Family voice");
  await form.getByLabel("Who it asks").selectOption({ label: "Parents and carers" });
  await form.getByLabel("Easy read").check();
  const first = form.getByRole("group", { name: "Question 1 (leave empty if not needed)" });
  await first.getByLabel("Question in English").fill("The school asks what I think.");
  await first.getByLabel("Question in Chinese (optional)").fill("学校会询问我的想法。");
  await first.getByLabel("Indicator it gives evidence for").selectOption({
    label: "Families' views are sought regularly and help set the school's inclusion priorities.",
  });
  const second = form.getByRole("group", { name: "Question 2 (leave empty if not needed)" });
  await second.getByLabel("Question in English").fill("What should we do better?");
  await second.getByLabel("Question in Chinese (optional)").fill("我们哪里可以做得更好？");
  await second.getByLabel("How it is answered").selectOption({ label: "In their own words" });
  await second.getByLabel("Indicator it gives evidence for").selectOption({
    label: "Families' views are sought regularly and help set the school's inclusion priorities.",
  });
  await form.getByRole("button", { name: "Make the survey and its link" }).click();
  await expect(coordinator.getByText("The survey is made: open it for the link to share.")).toBeVisible();
  await coordinator.getByRole("link", { name: "Family voice" }).click();
  const link = await coordinator.getByTestId("answer-link").getAttribute("href");
  expect(link).toMatch(/^\/answer\/[0-9a-f]{64}$/);

  // A parent on a phone, keyboard only, no account.
  const parent = await phone(browser);
  await parent.goto(link!);
  await expect(parent.getByRole("heading", { level: 1, name: "Family voice" })).toBeVisible();
  await expect(parent.getByRole("radio", { name: "Mostly" })).toBeVisible();
  await expectNoAxeViolations(parent);
  await answerByKeyboard(parent, "Clearer reports, please.");
  await expect(parent.getByText("Thank you. Your answers are saved.")).toBeVisible();
  await parent.goto(link!);
  await expect(parent.getByText("You have already answered this survey on this device.")).toBeVisible();
  await expect(parent.getByRole("button", { name: "Send my answers" })).toHaveCount(0);

  // Another parent chooses Chinese.
  const other = await phone(browser);
  await other.goto(`/lang/zh?next=${encodeURIComponent(link!)}`);
  await expect(other.getByRole("group", { name: "学校会询问我的想法。" })).toBeVisible();
  await expect(other.getByRole("radio", { name: "大多是" })).toBeVisible();
  await expectNoAxeViolations(other);
  await answerByKeyboard(other, "希望多开家长会。");
  await expect(other.getByText("谢谢。你的回答已保存。")).toBeVisible();

  // Two answers: no result is shown yet. The demo's survey shows its counts.
  await coordinator.reload();
  await expect(coordinator.getByTestId("answer-count")).toHaveText("2");
  await expect(coordinator.getByTestId("too-few").first()).toContainText("2 answered");
  await expectNoAxeViolations(coordinator);
  await coordinator.getByRole("link", { name: "Back to the surveys" }).click();
  await coordinator.getByRole("link", { name: "Pupil voice" }).click();
  const counts = coordinator.getByTestId("point-counts").first();
  await expect(counts.getByRole("row", { name: "Strongly agree 3" })).toBeVisible();
  await coordinator.goto(`/lang/zh?next=${encodeURIComponent(new URL(coordinator.url()).pathname)}`);
  await expect(coordinator.getByRole("heading", { level: 2, name: "各问题结果" })).toBeVisible();
  await expectNoAxeViolations(coordinator);
});
