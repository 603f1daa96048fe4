// The quality system behind the marks: a school's register of
// non-conformities and corrective action (ISO 21001).
import { test, expect, Browser, Page } from "@playwright/test";
import { COORDINATOR, TEACHER, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test("a coordinator raises a major non-conformity, and it closes only once the action is checked", async ({ browser }) => {
  const coordinator = await as(browser, COORDINATOR);
  await coordinator.goto("/schools");
  await coordinator.getByRole("link", { name: "Riverside Primary School" }).click();
  await coordinator.getByRole("link", { name: "Non-conformities and corrective action" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "Non-conformities and corrective action" })).toBeVisible();
  // The demo register: a minor one open, a major one closed after its check.
  await expect(coordinator.getByRole("heading", { level: 2, name: "Open (1)" })).toBeVisible();
  await expect(coordinator.getByText("Every complaint since September logged within two days")).toBeVisible();
  await expectNoAxeViolations(coordinator);

  const raise = coordinator.locator("section[aria-labelledby=raise-heading]");
  await raise.getByLabel("Indicator it is against").selectOption({
    label: "When something goes wrong, the organisation deals with it, finds the underlying cause and takes action to stop it happening again.",
  });
  await raise.getByLabel("Where it was found").selectOption({ label: "Assessor's review" });
  await raise.getByLabel("Major").check();
  const finding = "The corrective action log has no check that fixes worked.";
  await raise.getByLabel("What was found").fill(finding);
  await raise.getByRole("button", { name: "Add to the register" }).click();
  await expect(coordinator.getByText("The non-conformity is added to the register.")).toBeVisible();
  await expect(coordinator.getByRole("heading", { level: 2, name: "Open (2)" })).toBeVisible();

  // Closing without the check is refused, and what was typed stays.
  await waitForHydration(coordinator);
  const entry = coordinator.getByTestId("nc-entry").filter({ hasText: finding });
  await entry.getByLabel("Root cause").fill("Nobody reviews the log after an action is done.");
  await entry.getByLabel("Corrective action").fill("The SENCO checks each closed action a month later.");
  await entry.getByRole("button", { name: "Save and close" }).click();
  await expect(coordinator.getByText("Say how you checked that the action worked before closing the entry.")).toBeVisible();
  await expect(entry.getByLabel("Root cause")).toHaveValue("Nobody reviews the log after an action is done.");
  await expectNoAxeViolations(coordinator);

  await entry.getByLabel("How the school checked that it worked").fill("Two months of log entries each with a follow-up check.");
  await entry.getByRole("button", { name: "Save and close" }).click();
  await expect(coordinator.getByRole("heading", { level: 2, name: "Open (1)" })).toBeVisible();
  await expect(entry.getByTestId("nc-state")).toHaveText(/^Closed on \d{4}-\d{2}-\d{2}$/);

  // A teacher reads the register but may not change it; it reads in Chinese.
  const teacher = await as(browser, TEACHER);
  const register = new URL(coordinator.url()).pathname;
  await teacher.goto(`/lang/zh?next=${encodeURIComponent(register)}`);
  await expect(teacher.getByRole("heading", { level: 1, name: "不符合项与纠正措施" })).toBeVisible();
  await expect(teacher.getByRole("button", { name: "加入登记册" })).toHaveCount(0);
  await expectNoAxeViolations(teacher);
});

test("leadership records this year's management review; last year's stays beside it", async ({ browser }) => {
  const coordinator = await as(browser, COORDINATOR);
  await coordinator.goto("/schools");
  await coordinator.getByRole("link", { name: "Riverside Primary School" }).click();
  await coordinator.getByRole("link", { name: "Management review" }).click();
  const year = new Date().getFullYear();
  await expect(coordinator.getByRole("heading", { level: 1, name: "Management review" })).toBeVisible();
  // The demo's review of last year, and this year's figures from the register.
  await expect(coordinator.getByRole("heading", { level: 3, name: `Management review ${year - 1}` })).toBeVisible();
  await expect(coordinator.getByTestId("mr-facts")).toContainText("open");
  await expectNoAxeViolations(coordinator);

  const form = coordinator.locator("section[aria-labelledby=mr-form-heading]");
  await form.getByLabel("Held on").fill(new Date().toISOString().slice(0, 10));
  await form.getByLabel("Learners', families' and staff feedback").fill("Learner voice: most feel listened to; parents ask for clearer reports.");
  await form.getByLabel("What was decided").fill("Reports to parents in plain language from next term.");
  await form.getByRole("button", { name: "Save the review" }).click();
  await expect(coordinator.getByText("The management review is saved.")).toBeVisible();
  const review = coordinator.getByTestId("mr-review").filter({ hasText: `Management review ${year}` });
  await expect(review).toContainText("Reports to parents in plain language from next term.");

  const chinese = await as(browser, TEACHER);
  await chinese.goto(`/lang/zh?next=${encodeURIComponent(new URL(coordinator.url()).pathname)}`);
  await expect(chinese.getByRole("heading", { level: 1, name: "管理评审" })).toBeVisible();
  await expect(chinese.getByRole("button", { name: "保存评审" })).toHaveCount(0);
  await expectNoAxeViolations(chinese);
});

test("a coordinator plans an internal audit; its auditor records a non-conformity and closes it", async ({ browser }) => {
  const coordinator = await as(browser, COORDINATOR);
  await coordinator.goto("/schools");
  await coordinator.getByRole("link", { name: "Riverside Primary School" }).click();
  await coordinator.getByRole("link", { name: "Internal audits" }).click();
  const year = new Date().getFullYear();
  await expect(coordinator.getByRole("heading", { level: 1, name: "Internal audits" })).toBeVisible();
  // The demo's audit of this year is done.
  await expect(coordinator.getByRole("heading", { level: 2, name: `Audit programme ${year}` })).toBeVisible();
  await expect(coordinator.getByTestId("audit-row").first().getByTestId("audit-standing")).toHaveText("Done");
  await expectNoAxeViolations(coordinator);

  // Plan an audit of ISO 21001 clause 9; the coordinator may not audit their own work.
  const plan = coordinator.locator("section[aria-labelledby=plan-heading]");
  await plan.getByLabel("Framework").selectOption({ label: "Educational Management System Gap Analysis" });
  await plan.getByRole("button", { name: "Show its elements" }).click();
  await expect(plan.getByLabel("Performance evaluation (clause 9)")).toBeVisible();
  await waitForHydration(coordinator);
  await plan.getByLabel("Performance evaluation (clause 9)").check();
  await plan.getByLabel("Tara Teacher").check();
  await plan.getByLabel("Cora Coordinator").check();
  await plan.getByLabel("Whose work is audited").selectOption({ label: "Cora Coordinator" });
  const today = new Date().toISOString().slice(0, 10);
  await plan.getByLabel("First day").fill(today);
  await plan.getByLabel("Last day").fill(today);
  await plan.getByRole("button", { name: "Plan the audit" }).click();
  await expect(coordinator.getByText("An auditor may not audit their own work").first()).toBeVisible();
  await plan.getByLabel("Cora Coordinator").uncheck();
  await plan.getByRole("button", { name: "Plan the audit" }).click();
  await expect(coordinator.getByText("The audit is planned.")).toBeVisible();
  const row = coordinator.getByTestId("audit-row").filter({ hasText: "Under way" });
  await expect(row).toHaveCount(1);
  const href = await row.getByRole("link").getAttribute("href");
  expect(href).toBeTruthy();

  // Its auditor, the teacher, records a minor non-conformity, then closes it.
  const teacher = await as(browser, TEACHER);
  await teacher.goto(href!);
  await expect(teacher.getByRole("heading", { level: 1, name: "Internal audit" })).toBeVisible();
  await waitForHydration(teacher);
  const finding = teacher.locator("section[aria-labelledby=finding-heading]");
  await finding.getByLabel("Indicator").selectOption({
    label: "The satisfaction of learners, families and staff is gathered and analysed, with results for learners with SEND and their families looked at separately.",
  });
  await finding.getByLabel("Minor non-conformity").check();
  await finding.getByLabel("Finding", { exact: true }).fill("Survey results are not looked at for families of learners with SEND.");
  await finding.getByLabel("Evidence examined").fill("The 2026 survey analysis; asked the SENCO.");
  await finding.getByRole("button", { name: "Record the finding" }).click();
  await expect(teacher.getByText("The finding is recorded.")).toBeVisible();
  await expect(teacher.getByRole("heading", { level: 2, name: "Findings (1)" })).toBeVisible();
  await expect(teacher.getByRole("link", { name: "See it in the register of non-conformities" })).toBeVisible();
  await expectNoAxeViolations(teacher);

  const close = teacher.locator("section[aria-labelledby=close-heading]");
  await close.getByRole("button", { name: "Close the audit" }).click();
  await expect(teacher.getByText("Write the summary before closing the audit.").first()).toBeVisible();
  await close.getByLabel("Summary").fill("Monitoring is sound; survey results must be analysed by group.");
  await close.getByRole("button", { name: "Close the audit" }).click();
  await expect(teacher.getByText("The audit is closed.")).toBeVisible();
  await expect(teacher.getByTestId("audit-summary")).toHaveText("Monitoring is sound; survey results must be analysed by group.");
  await expect(teacher.getByTestId("audit-standing")).toHaveText("Done");

  // The register names the audit; the audit reads in Chinese, without forms.
  await teacher.getByRole("link", { name: "See it in the register of non-conformities" }).click();
  await expect(teacher.getByRole("link", { name: "The internal audit" }).first()).toBeVisible();
  await coordinator.goto(`/lang/zh?next=${encodeURIComponent(href!)}`);
  await expect(coordinator.getByRole("heading", { level: 1, name: "内部审核" })).toBeVisible();
  await expect(coordinator.getByTestId("audit-standing")).toHaveText("已完成");
  await expect(coordinator.getByRole("button", { name: "记录发现" })).toHaveCount(0);
  await expectNoAxeViolations(coordinator);
  await coordinator.goto(`/lang/zh?next=${encodeURIComponent(`/schools/${href!.split("/")[2]}/internal-audits`)}`);
  await expect(coordinator.getByRole("heading", { level: 2, name: `${year} 年审核方案` })).toBeVisible();
  await expectNoAxeViolations(coordinator);
});

test("a non-conformity's corrective action goes into the open self-assessment's action plan", async ({ browser }) => {
  const coordinator = await as(browser, COORDINATOR);
  await coordinator.goto("/schools");
  const school = (await coordinator.getByRole("link", { name: "Riverside Primary School" }).getAttribute("href"))!;
  const started = await coordinator.context().request.post("/api/start_assessment", {
    form: {
      school: school.split("/").pop()!,
      framework: "iso-21001-gap@2026.2",
      cycle: "initial",
      target_award: "ready-for-certification-audit",
    },
    headers: { Accept: "application/json" },
  });
  expect(started.status()).toBe(200);
  const assessment: string = await started.json();
  await coordinator.goto(`${school}/nonconformities`);
  await waitForHydration(coordinator);
  const entry = coordinator
    .getByTestId("nc-entry")
    .filter({ hasText: "The management review minutes do not record decisions on learner feedback." });
  await entry.getByLabel("Corrective action").fill("Minute a decision on each piece of learner feedback.");
  await entry.getByLabel("Who does it").fill("Dana Deputy");
  await entry.getByLabel("By when").fill("2027-06-30");
  await entry.getByRole("button", { name: "Save", exact: true }).click();
  await expect(entry.getByRole("link", { name: "The corrective action in the self-assessment's plan" })).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await entry.getByRole("link", { name: "The corrective action in the self-assessment's plan" }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/assessments/${assessment}/plan$`));
  const action = coordinator.locator("article.plan-action").filter({ hasText: "Minute a decision on each piece of learner feedback." });
  await expect(action).toContainText("Dana Deputy");
  await expect(action).toContainText("Planned");
  await expectNoAxeViolations(coordinator);
  await coordinator.goto(`/lang/zh?next=${encodeURIComponent(`${school}/nonconformities`)}`);
  await expect(coordinator.getByRole("link", { name: "自评行动计划中的纠正措施" })).toBeVisible();
  await expectNoAxeViolations(coordinator);

  // Closing the entry after its check marks the plan's action done.
  await coordinator.goto(`/lang/en?next=${encodeURIComponent(`${school}/nonconformities`)}`);
  await waitForHydration(coordinator);
  await entry.getByLabel("Root cause").fill("The minutes template has no place for feedback decisions.");
  await entry.getByLabel("How the school checked that it worked").fill("The spring term minutes record four decisions.");
  await entry.getByRole("button", { name: "Save and close" }).click();
  await expect(entry.getByTestId("nc-state")).toHaveText(/^Closed on /);
  await coordinator.goto(`/assessments/${assessment}/plan`);
  await expect(action).toContainText("Done");
  await expect(action).toContainText("The spring term minutes record four decisions.");
});
