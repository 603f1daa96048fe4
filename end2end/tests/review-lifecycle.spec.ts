// Awards before and after the grant. Runs after clusters.spec.ts (files run
// in name order): by then Hillcrest has joined the Yorkshire cluster, whose
// lead has recorded a meeting Riverside attended and submitted this year's
// annual update.
import { test, expect, Browser, Page } from "@playwright/test";
import { ADMIN, COORDINATOR, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

const LEAD = "lead@demo.equimark.test";
const HILLCREST = "hillcrest@demo.equimark.test";

async function as(browser: Browser, email: string, options = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Calls a server function as the page's signed-in account; returns its JSON. */
async function call(page: Page, endpoint: string, form: Record<string, string>): Promise<any> {
  const response = await page.context().request.post(`/api/${endpoint}`, {
    form,
    headers: { Accept: "application/json" },
  });
  expect(response.status(), `${endpoint} ${JSON.stringify(form)}`).toBe(200);
  return response.json();
}

async function schoolId(page: Page, name: string): Promise<string> {
  await page.goto("/schools");
  const href = await page.getByRole("link", { name }).getAttribute("href");
  return href!.split("/").pop()!;
}

test("a school aiming for Centre of Excellence sees what its cluster work still lacks, does it, and then qualifies", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const coordinator = await as(browser, COORDINATOR);
  const riverside = await schoolId(coordinator, "Riverside Primary School");
  const id: string = await call(coordinator, "start_assessment", {
    school: riverside,
    framework: "inclusion-quality@2026.3",
    cycle: "annual_review_1",
    target_award: "centre-of-excellence",
  });
  const fw = (await call(coordinator, "assessment", { id })).framework;
  const indicators: string[] = fw.elements.flatMap((e: any) => e.indicators.map((i: any) => i.id));

  // Every answer at Established with evidence: the ratings are there.
  for (const indicator of indicators) {
    await call(coordinator, "save_response", {
      assessment: id,
      indicator,
      level: "established",
      narrative: "Seen across the school.",
      base_version: "0",
    });
    await call(coordinator, "add_evidence", {
      assessment: id,
      indicator,
      title: `Observation notes for ${indicator}`,
      link: "https://example.org/notes",
      note: "",
    });
  }

  // What is still missing is the cluster work: the gap analysis names it,
  // counting Riverside's Inclusive School award, its meeting and its cards.
  await coordinator.goto(`/assessments/${id}/gaps`);
  const rules = coordinator.locator("main ul").first();
  await expect(rules).toContainText("0 actions in the action plan; 3 needed");
  await expect(rules).toContainText("Your cluster has no development plan for the year yet");
  await expect(rules).not.toContainText("Inclusive School held for");
  await expect(rules).not.toContainText("largest cluster");
  await expect(rules).not.toContainText("meeting attendance");
  await expectNoAxeViolations(coordinator);
  const chinese = await as(browser, COORDINATOR);
  await chinese.goto(`/lang/zh?next=${encodeURIComponent(`/assessments/${id}/gaps`)}`);
  await expect(chinese.locator("main ul").first()).toContainText("集群尚未制定本年度发展计划");
  await expectNoAxeViolations(chinese);

  // The cluster lead writes the development plan in the browser.
  const lead = await as(browser, LEAD);
  await lead.goto("/clusters");
  await lead.getByRole("link", { name: "Yorkshire Inclusion Cluster" }).click();
  await lead.getByRole("navigation", { name: "This cluster" }).getByRole("link", { name: "Development plan" }).click();
  await waitForHydration(lead);
  const plan = lead.locator("section[aria-labelledby=plan-heading]");
  await plan.getByText("Write the plan").click();
  await plan.getByLabel("Development plan for this year").fill("Visual timetables in every classroom by July.");
  await plan.getByRole("button", { name: "Save" }).click();
  await expect(plan.locator("p.answer-text")).toHaveText("Visual timetables in every classroom by July.");
  await expect(lead).toHaveURL(/\/clusters\/[^/]+\/plan(\?|$)/);
  await expectNoAxeViolations(lead);

  // The coordinator plans three actions to sustain the school's own practice.
  for (const [n, indicator] of indicators.slice(0, 3).entries()) {
    await call(coordinator, "add_action", {
      assessment: id,
      indicator,
      description: `Action ${n + 1}: coach new staff`,
      owner: "Chris Coordinator",
      due_on: "2027-07-01",
      success_measure: "Seen in observations",
    });
  }

  await coordinator.goto(`/assessments/${id}/gaps`);
  await expect(coordinator.getByText("With these answers the school reaches its target award.")).toBeVisible();
  await coordinator.goto(`/assessments/${id}/elements/${fw.elements[0].id}`);
  await waitForHydration(coordinator);
  await expect(coordinator.locator(".wizard-aside")).toContainText("Centre of Excellence");
});

test("an admin suspends an award with a reason; the public check says so until it is reinstated", async ({ browser }) => {
  const admin = await as(browser, ADMIN);
  await admin.goto("/calendar?within=400");
  const row = admin.getByRole("row", { name: /Riverside Primary School/ });
  const certificate = await row.locator("a[href^='/verify/']").first().getAttribute("href");
  expect(certificate).toMatch(/^\/verify\//);

  await admin.goto(certificate!);
  const change = admin.locator("section[aria-labelledby=change-award-heading]");
  await expectNoAxeViolations(admin);
  // A reason is required; nothing changes without one.
  await change.getByLabel("What to do").selectOption({ label: "Suspend" });
  await change.getByRole("button", { name: "Change the award" }).click();
  await expect(change.getByText("Write the reason for this change.")).toBeVisible();
  await expect(admin.getByTestId("standing")).toHaveText("This award is valid.");
  await change.getByLabel("Reason").fill("Safeguarding review under way");
  await change.getByRole("button", { name: "Change the award" }).click();
  await expect(admin.getByTestId("standing")).toContainText("suspended");
  await expect(admin.getByTestId("status-reason")).toContainText("Safeguarding review under way");

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(certificate!);
  await expect(visitor.getByTestId("standing")).toContainText("This award is suspended");
  await expect(visitor.getByText("Safeguarding review under way")).toHaveCount(0);
  await expect(visitor.locator("section[aria-labelledby=change-award-heading]")).toHaveCount(0);
  await expectNoAxeViolations(visitor);
  const chinese = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await chinese.goto(certificate!);
  await expect(chinese.getByTestId("standing")).toContainText("暂停");
  await expectNoAxeViolations(chinese);

  await admin.goto(certificate!);
  await change.getByLabel("What to do").selectOption({ label: "Reinstate" });
  await change.getByLabel("Reason").fill("Review closed with no findings");
  await change.getByRole("button", { name: "Change the award" }).click();
  await expect(admin.getByTestId("standing")).toHaveText("This award is valid.");
  await visitor.reload();
  await expect(visitor.getByTestId("standing")).toHaveText("This award is valid.");
});

test("an annual review starts from last year's answers, each marked until it is confirmed", async ({ browser }) => {
  const school = await as(browser, HILLCREST);
  await school.goto("/schools");
  await school.getByRole("link", { name: "Hillcrest Academy" }).click();
  await waitForHydration(school);
  await school.getByLabel("Framework").selectOption("inclusion-quality@2026.3");
  await school.getByLabel("Cycle").selectOption("annual_review_1");
  await school.getByLabel("Target award").selectOption({ label: "Inclusive School" });
  await school.getByRole("button", { name: "Start", exact: true }).click();
  await expect(school.getByRole("heading", { level: 1, name: "Self-assessment" })).toBeVisible();
  const path = new URL(school.url()).pathname;

  await school.getByRole("link", { name: /1\. Leadership/ }).click();
  await waitForHydration(school);
  const first = school.locator("section.question").first();
  const year = String(new Date().getUTCFullYear());
  await expect(first.getByTestId("carried")).toContainText(`Carried from ${year}`);
  await expect(first.locator("input[type=radio]:checked")).toHaveCount(1);
  await expectNoAxeViolations(school);
  // Saving the answer as it stands confirms it.
  await first.getByRole("button", { name: "Save this answer" }).click();
  await expect(first.getByTestId("carried")).toHaveCount(0);
  await school.reload();
  await waitForHydration(school);
  await expect(school.locator("section.question").first().getByTestId("carried")).toHaveCount(0);
  await expect(school.locator("section.question").nth(1).getByTestId("carried")).toBeVisible();

  // Submitting lists the answers still to confirm.
  await school.goto(`${path}/check`);
  await expect(school.getByText("carried from the last cycle: confirm or change it").first()).toBeVisible();
});

test("a school lists its award in the public directory; anyone finds it there and checks the certificate", async ({
  browser,
}) => {
  const coordinator = await as(browser, COORDINATOR);
  await coordinator.goto("/schools");
  await coordinator.getByRole("link", { name: "Riverside Primary School" }).click();
  const listing = coordinator.locator("section[aria-labelledby=directory-heading]");
  await expect(listing.getByTestId("directory-listing")).toContainText("Not listed.");
  await listing.getByRole("button", { name: "List our award" }).click();
  await expect(listing.getByTestId("directory-listing")).toContainText("Listed");

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/directory");
  await expect(visitor.getByRole("row", { name: /Riverside Primary School.*Inclusive School/ })).toBeVisible();
  await expectNoAxeViolations(visitor);
  await visitor.getByLabel("School or town").fill("oak tree");
  await visitor.getByRole("button", { name: "Show" }).click();
  await expect(visitor.getByTestId("directory-count")).toHaveText("0 schools listed");
  await visitor.getByLabel("School or town").fill("riverside");
  await visitor.getByRole("button", { name: "Show" }).click();
  await visitor.getByRole("link", { name: "Check the certificate Riverside Primary School" }).click();
  await expect(visitor.getByTestId("standing")).toHaveText("This award is valid.");
  const chinese = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await chinese.goto("/directory");
  await expect(chinese.getByRole("heading", { level: 1, name: "获奖学校名录" })).toBeVisible();
  await expectNoAxeViolations(chinese);
});

test("a deferred decision is followed up: the school answers its conditions and an admin records the outcome", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  // Riverside submits a self-assessment against the UNESCO-style framework.
  const coordinator = await as(browser, COORDINATOR);
  const riverside = await schoolId(coordinator, "Riverside Primary School");
  const id: string = await call(coordinator, "start_assessment", {
    school: riverside,
    framework: "unesco-inclusion-equity@2026.2",
    cycle: "initial",
    target_award: "inclusion-equity-certified",
  });
  const fw = (await call(coordinator, "assessment", { id })).framework;
  const indicators: string[] = fw.elements.flatMap((e: any) => e.indicators.map((i: any) => i.id));
  const scale: string[] = fw.scale.map((l: any) => l.id);
  for (const indicator of indicators) {
    await call(coordinator, "save_response", {
      assessment: id,
      indicator,
      level: scale[2],
      narrative: "In place across the school.",
      base_version: "0",
    });
    await call(coordinator, "add_evidence", {
      assessment: id,
      indicator,
      title: `Records for ${indicator}`,
      link: "https://example.org/records",
      note: "",
    });
  }
  await call(coordinator, "submit_assessment", { assessment: id });

  // It is reviewed and the decision deferred until two conditions are met.
  const admin = await as(browser, ADMIN);
  const queue = await call(admin, "review_queue", { sort: "due", status: "" });
  const account = (name: string) => queue.assessors.find((a: any) => a.name === name).account;
  const review: string = await call(admin, "assign_review", {
    assessment: id,
    lead: account("Asha Assessor"),
    second: account("Mo Moderator"),
    due_on: "2030-01-31",
  });
  const assessor = await as(browser, "assessor@demo.equimark.test");
  for (const indicator of indicators) {
    await call(assessor, "save_review_rating", { review, indicator, level: scale[2], comment: "Seen at the visit." });
  }
  const conditions = "Publish the accessibility plan and train the lunchtime staff.";
  const next = await call(assessor, "propose_decision", {
    review,
    outcome: "deferred",
    award: "",
    conditions,
    report: "Strong practice; two gaps to close first.",
  });
  if (next === "moderation") {
    const moderator = await as(browser, "moderator@demo.equimark.test");
    await call(moderator, "moderate", { review, verdict: "agree", reasons: "The visit notes support it." });
  }
  await call(admin, "sign_off", { review });

  // The school reads the conditions and their due day on the report and answers there.
  await coordinator.goto(`/assessments/${id}/report`);
  const followUp = coordinator.locator("section[aria-labelledby=deferral-heading]");
  await expect(followUp.getByTestId("deferral-state")).toHaveText("Waiting for the school's answer");
  await expect(followUp.getByTestId("deferral-due")).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(coordinator.getByText(conditions)).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await followUp
    .getByLabel("How the school met the conditions")
    .fill("The plan is on our website; all twelve lunchtime staff were trained in March.");
  await followUp.getByRole("button", { name: "Send the answer" }).click();
  await expect(followUp.getByTestId("deferral-state")).toHaveText("Answered: waiting for the decision");

  // A certification admin finds it from the review queue and records the outcome.
  await admin.goto("/reviews");
  await admin.getByRole("link", { name: "Deferred decisions" }).click();
  const card = admin.locator("section.panel").filter({ hasText: "Riverside Primary School" });
  await expect(card.getByTestId("deferral-state")).toHaveText("Answered: waiting for the decision");
  await expect(card.getByTestId("deferral-response")).toContainText("twelve lunchtime staff");
  await expectNoAxeViolations(admin);
  await card.getByLabel("Were the conditions met?").selectOption({ label: "Conditions not met" });
  await card.getByLabel("Reasons for the decision").fill("The plan is not yet published: apply again when it is.");
  await card.getByRole("button", { name: "Record the decision" }).click();
  await expect(card.getByTestId("deferral-state")).toHaveText("Conditions not met");

  // The school reads the outcome, in Chinese too.
  const report = `/assessments/${id}/report`;
  await coordinator.goto(`/lang/zh?next=${encodeURIComponent(report)}`);
  await expect(coordinator.getByTestId("deferral-state")).toHaveText("条件未满足");
  await expect(coordinator.getByTestId("deferral-note")).toHaveText("The plan is not yet published: apply again when it is.");
  await expectNoAxeViolations(coordinator);
  await admin.goto(`/lang/zh?next=${encodeURIComponent("/deferrals")}`);
  await expect(admin.getByRole("heading", { level: 1, name: "暂缓的决定" })).toBeVisible();
  await expectNoAxeViolations(admin);
});
