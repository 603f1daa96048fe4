// Emails about an account go out in the person's language: a coordinator
// reading Equimark in Chinese invites a teacher, and the invitation is
// written in Chinese unless they choose English.
import { test, expect, Browser, Page } from "@playwright/test";
import { ADMIN, COORDINATOR, expectNoAxeViolations, outboxMessage, signIn } from "./helpers";

test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test("an invitation is written in the language the inviter chooses", async ({ browser }) => {
  const coordinator = await as(browser, COORDINATOR);
  await coordinator.goto("/schools");
  await coordinator.getByRole("link", { name: "Riverside Primary School" }).click();
  await coordinator.goto(`/lang/zh?next=${encodeURIComponent(new URL(coordinator.url()).pathname)}`);
  const form = coordinator.locator("section[aria-labelledby=invite-heading]");
  // Reading in Chinese, the email's language is Chinese unless changed.
  await expect(form.getByLabel("邀请邮件的语言")).toHaveValue("zh");
  await expectNoAxeViolations(coordinator);
  await form.getByLabel("电子邮箱").fill("li.hua@example.org");
  await form.getByRole("button", { name: "发送邀请" }).click();
  await expect(coordinator.getByText("已向 li.hua@example.org 发送邀请。")).toBeVisible();
  await form.getByLabel("电子邮箱").fill("sam.jones@example.org");
  await form.getByLabel("邀请邮件的语言").selectOption("en");
  await form.getByRole("button", { name: "发送邀请" }).click();
  await expect(coordinator.getByText("已向 sam.jones@example.org 发送邀请。")).toBeVisible();

  const admin = await as(browser, ADMIN);
  expect(await outboxMessage(admin, "li.hua@example.org")).toContain("邀请您以教师身份加入 Equimark");
  expect(await outboxMessage(admin, "sam.jones@example.org")).toContain("has invited you to join Equimark as a teacher");
});
