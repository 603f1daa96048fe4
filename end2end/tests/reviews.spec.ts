import { test, expect, Browser, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ADMIN, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

const ASSESSOR = "assessor@demo.equimark.test";
const MODERATOR = "moderator@demo.equimark.test";
const HILLCREST = "hillcrest@demo.equimark.test";

async function as(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Posts a server function's form as the page's signed-in account. */
async function post(page: Page, endpoint: string, form: Record<string, string>) {
  const response = await page.context().request.post(`/api/${endpoint}`, {
    form,
    headers: { Accept: "application/json" },
  });
  expect(response.status(), `${endpoint} ${JSON.stringify(form)}`).toBe(200);
}

test("a submitted self-assessment is assigned, reviewed with a request for evidence, moderated, signed off and verified", async ({
  browser,
}) => {
  test.setTimeout(180_000);

  // The certification admin assigns a lead and a second assessor.
  const admin = await as(browser, ADMIN);
  await admin.goto("/reviews");
  await waitForHydration(admin);
  const waiting = admin.locator("article.assign").filter({ hasText: "Hillcrest Academy" });
  await expect(waiting).toBeVisible();
  await expectNoAxeViolations(admin);
  await waiting.getByLabel("Lead assessor").selectOption({ label: "Asha Assessor" });
  await waiting.getByLabel("Second assessor").selectOption({ label: "Mo Moderator" });
  await waiting.getByRole("button", { name: "Assign" }).click();
  await expect(admin.getByRole("row", { name: /Hillcrest Academy.*Asha Assessor.*Mo Moderator/ })).toBeVisible();
  await expect(admin.locator("article.assign").filter({ hasText: "Hillcrest Academy" })).toHaveCount(0);

  // The lead assessor finds it on their home page and opens it.
  const assessor = await as(browser, ASSESSOR);
  await assessor.goto("/");
  await assessor.getByRole("link", { name: "Validate the ratings: Hillcrest Academy" }).click();
  await expect(assessor.getByRole("heading", { level: 1, name: "Review" })).toBeVisible();
  const reviewPath = new URL(assessor.url()).pathname;
  await waitForHydration(assessor);
  await expect(assessor.getByTestId("review-status")).toHaveText("In review");
  await expectNoAxeViolations(assessor);
  // Hillcrest joined a cluster whose annual update is in: it is part of the review.
  const updates = assessor.locator("section[aria-labelledby=cluster-updates-heading]");
  await expect(updates).toContainText("Yorkshire Inclusion Cluster");
  await expect(updates).toContainText("Pre-teaching key words in every science lesson.");
  const schoolPath = await assessor.getByRole("link", { name: /as the school sees it/ }).getAttribute("href");

  // One element at a time: the first is shown, the others are a link away.
  const elements = assessor.getByRole("navigation", { name: "Elements" });
  const firstElement = elements.getByRole("listitem").first();
  await expect(firstElement.getByRole("link")).toHaveAttribute("aria-current", "page");
  await expect(firstElement.getByTestId("element-rated")).toHaveText(/^0 of \d+ rated$/);
  const onFirst = await assessor.locator("article.indicator-review").count();

  // One rating by hand: the live score and the element's count move before anything is saved.
  const vision = assessor.locator("#review-leadership-vision");
  await expect(vision).toContainText("Established");
  const before = await assessor.getByTestId("completeness").innerText();
  await vision.getByLabel("Your rating").selectOption({ label: "Not yet" });
  await expect(assessor.getByTestId("completeness")).not.toHaveText(before);
  await expect(firstElement.getByTestId("element-rated")).toHaveText(/^1 of \d+ rated$/);
  await vision.getByLabel("Comment").fill("No one we spoke to could describe the vision.");

  // Moving to the next element and back keeps what was chosen and typed.
  const nextElement = assessor.getByRole("navigation", { name: "Previous and next element" }).getByRole("link", {
    name: "Next element",
  });
  await nextElement.click();
  await expect(assessor).toHaveURL(/\?element=/);
  await expect(vision).toHaveCount(0);
  await expect(elements.getByRole("listitem").nth(1).getByRole("link")).toHaveAttribute("aria-current", "page");
  // The page came with the first element's texts; the next element's are fetched on the way.
  const onSecond = assessor.locator("article.indicator-review").first();
  await expect(onSecond).toContainText("Seen across the school this year");
  await expect(onSecond).toContainText("Minutes of the inclusion team");
  await expectNoAxeViolations(assessor);
  await firstElement.getByRole("link").click();
  await expect(vision.getByLabel("Your rating")).toHaveValue("not-yet");
  await expect(vision.getByLabel("Comment")).toHaveValue("No one we spoke to could describe the vision.");
  await vision.getByRole("button", { name: /Save rating/ }).click();
  await expect(assessor.getByText("Rating saved.")).toBeVisible();

  // The other indicators agree with the school (posted, to keep the test short).
  const reviewId = reviewPath.split("/").pop()!;
  await elements.getByRole("link", { name: "All elements on one page" }).click();
  await expect(assessor.locator("article.indicator-review").nth(onFirst)).toBeVisible();
  await expect(assessor.locator("article.indicator-review").last()).toContainText("Minutes of the inclusion team");
  const ids = await assessor
    .locator("article.indicator-review")
    .evaluateAll((nodes) => nodes.map((n) => n.id.replace(/^review-/, "")));
  expect(ids.length).toBeGreaterThan(20);
  for (const indicator of ids.filter((id) => id !== "leadership-vision")) {
    await post(assessor, "save_review_rating", { review: reviewId, indicator, level: "established", comment: "" });
  }

  // A request for more evidence on that indicator, then back to the school.
  await vision.getByText("Ask for more evidence").click();
  await vision.getByLabel("What the school should add").fill("Please add the minutes where staff discussed the vision.");
  await vision.getByRole("button", { name: "Add request" }).click();
  const requests = assessor.locator("section[aria-labelledby=requests-heading]");
  await expect(requests).toContainText("Please add the minutes");
  await expect(requests).toContainText("Not sent yet");
  await requests.getByRole("button", { name: /Return to the school with 1 request/ }).click();
  await expect(assessor.getByTestId("review-status")).toHaveText("Evidence requested");

  // The school hears of it in its notifications and by email (the outbox),
  // then sees the request, answers it and submits again.
  const school = await as(browser, HILLCREST);
  await school.goto("/");
  const asks = school.locator("section[aria-labelledby=home-requests-heading]");
  await expect(asks).toContainText("Please add the minutes");
  await expectNoAxeViolations(school);
  await school.getByRole("navigation", { name: "Your account" }).getByRole("link", { name: "Notifications" }).click();
  const notice = school.getByRole("link", { name: "The assessor asks for more evidence: Hillcrest Academy" });
  await expect(notice).toBeVisible();
  await expectNoAxeViolations(school);
  await expect(notice).toHaveAttribute("href", schoolPath!);
  await admin.goto("/admin/outbox");
  await expect(admin.getByText("The assessor asks for more evidence: Hillcrest Academy").first()).toBeVisible();
  await school.goto("/");
  await asks.getByRole("link").first().click();
  await expect(school).toHaveURL(new RegExp(`${schoolPath}#school-requests-heading$`));
  await waitForHydration(school);
  const asked = school.locator("section[aria-labelledby=school-requests-heading]");
  await expect(asked).toContainText("Please add the minutes");
  await expectNoAxeViolations(school);
  await school.goto(`${schoolPath}/check`);
  await expect(school.getByText("answer the assessor's request")).toBeVisible();
  await school.goto(schoolPath!);
  await waitForHydration(school);
  await asked.getByLabel("Your answer").fill("The minutes of the staff meeting of 3 March are attached as evidence.");
  await asked.getByRole("button", { name: "Save answer" }).click();
  await expect(school.getByText("Answer saved.")).toBeVisible();
  await school.goto(`${schoolPath}/check`);
  await waitForHydration(school);
  await school.getByRole("button", { name: "Submit for review" }).click();
  await expect(school).toHaveURL(new RegExp(`${schoolPath}$`));
  await expect(school.getByText("Submitted").first()).toBeVisible();

  // Back with the assessor: the thread is kept; a two-level gap means moderation.
  await assessor.goto(reviewPath);
  await waitForHydration(assessor);
  await expect(assessor.getByTestId("review-status")).toHaveText("In review");
  await expect(requests).toContainText("The minutes of the staff meeting");
  const decision = assessor.locator("section[aria-labelledby=decision-heading]");
  await decision.getByLabel("Award granted").check();
  await decision.getByLabel("Report").fill("Inclusion is established across the school; the vision needs work.");
  // Granting without naming the award is refused, and the report stays.
  await decision.getByRole("button", { name: "Send the decision on" }).click();
  await expect(decision.getByText("Choose the award to grant.")).toBeVisible();
  await expect(decision.getByLabel("Report")).toHaveValue(/the vision needs work/);
  await decision.getByLabel("Award", { exact: true }).selectOption({ label: "Inclusive School" });
  await decision.getByRole("button", { name: "Send the decision on" }).click();
  await expect(assessor.getByTestId("review-status")).toHaveText("With the second assessor");
  await expect(decision).toContainText("Why a second assessor must agree");

  // The second assessor disagrees, with reasons: the review goes back to the lead.
  const moderator = await as(browser, MODERATOR);
  await moderator.goto("/");
  await moderator.getByRole("link", { name: "Moderate the decision: Hillcrest Academy" }).click();
  await expect(moderator).toHaveURL(new RegExp(`${reviewPath}$`));
  await waitForHydration(moderator);
  await expectNoAxeViolations(moderator);
  const verdict = moderator.locator("section[aria-labelledby=decision-heading]");
  await verdict.getByLabel("I disagree").check();
  await verdict.getByLabel("Your reasons").fill("The minutes show the vision is emerging, not absent.");
  await verdict.getByRole("button", { name: "Send" }).click();
  await expect(moderator.getByTestId("review-status")).toHaveText("In review");

  // The lead revises the rating; within one level, no moderation is needed.
  await assessor.goto(reviewPath);
  await waitForHydration(assessor);
  await expect(decision).toContainText("The minutes show the vision is emerging");
  await vision.getByLabel("Your rating").selectOption({ label: "Emerging" });
  await vision.getByRole("button", { name: /Save rating/ }).click();
  await expect(assessor.getByText("Rating saved.")).toBeVisible();
  await decision.getByLabel("Award granted").check();
  await decision.getByLabel("Award", { exact: true }).selectOption({ label: "Inclusive School" });
  await decision.getByLabel("Report").fill("Inclusion is established across the school; the vision is emerging.");
  await decision.getByRole("button", { name: "Send the decision on" }).click();
  await expect(assessor.getByTestId("review-status")).toHaveText("Waiting for sign-off");

  // The admin signs off; the certificate is public and valid for three years.
  await admin.goto("/");
  await admin.getByRole("link", { name: "Sign the decision off: Hillcrest Academy" }).click();
  await expect(admin).toHaveURL(new RegExp(`${reviewPath}$`));
  await waitForHydration(admin);
  await admin.getByRole("button", { name: "Sign off" }).click();
  await expect(admin.getByTestId("review-status")).toHaveText("Signed off");
  const certificate = await admin.getByRole("link", { name: "View the certificate" }).getAttribute("href");
  expect(certificate).toMatch(/^\/verify\/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(certificate!);
  await expect(visitor.getByTestId("standing")).toHaveText("This award is valid.");
  await expect(visitor.getByRole("heading", { name: "Inclusive School" })).toBeVisible();
  await expect(visitor.getByText("Hillcrest Academy")).toBeVisible();
  const today = new Date();
  const until = await visitor.getByTestId("valid-until").innerText();
  expect(Number(until.slice(0, 4))).toBe(today.getUTCFullYear() + 3);
  await expectNoAxeViolations(visitor);
  // A mistyped code is told so, plainly.
  await visitor.goto("/verify?code=AAAA-BBBB-CCCC");
  await expect(visitor.getByText("No certificate has this code.")).toBeVisible();

  // The school sees the decision, and its next review with its cost.
  await school.goto(schoolPath!);
  await expect(school.locator("section[aria-labelledby=school-decision-heading]")).toContainText("Award granted");
  // It reads the assessor's report: every indicator's validated level beside its own.
  await school.getByRole("link", { name: "Read the assessor's report, indicator by indicator" }).click();
  await expect(school.getByRole("heading", { level: 1, name: "The assessor's report" })).toBeVisible();
  await expect(school.getByTestId("outcome")).toHaveText("Award granted");
  await expect(school.getByRole("columnheader", { name: "Validated rating" }).first()).toBeVisible();
  await expect(school.getByRole("heading", { name: "Strengths" }).first()).toBeVisible();
  await expectNoAxeViolations(school);
  await school.goto("/schools");
  await school.getByRole("link", { name: "Hillcrest Academy" }).click();
  await expect(school.getByTestId("next-review")).toContainText("Annual review, year 1");
  await expect(school.getByTestId("next-review")).toContainText("excluding expenses and VAT");

  // The admin's calendar lists the new award's reviews; the audit log has every step.
  await admin.goto("/calendar?within=400");
  await expect(admin.getByRole("row", { name: /Hillcrest Academy.*Annual review, year 1/ })).toBeVisible();
  for (const step of ["review_assigned", "evidence_requested", "decision_moderated", "award_granted"]) {
    await admin.goto(`/admin/audit?action=${step}`);
    await expect(admin.getByRole("cell", { name: step.replace("_", " ") }).first()).toBeVisible();
  }
});

test("the school downloads its report and certificate as PDF files, in English and in Chinese", async ({ browser }) => {
  const admin = await as(browser, ADMIN);
  await admin.goto("/reviews?status=closed");
  await admin.locator("table a").filter({ hasText: "Hillcrest Academy" }).click();
  const reportPath = `${await admin.getByRole("link", { name: /as the school sees it/ }).getAttribute("href")}/report`;

  /** Clicks a link that downloads a PDF; returns its name and bytes. */
  async function download(page: Page, name: string) {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // The Latin and Chinese glyphs come from one embedded font.
    expect(bytes.includes("WenQuanYiMicroHei")).toBe(true);
    return { name: file.suggestedFilename(), url: file.url(), bytes };
  }

  const school = await as(browser, HILLCREST);
  await school.goto(reportPath);
  const english = await download(school, "Download this report (PDF)");
  expect(english.name).toMatch(/^equimark-report-[\w-]+\.pdf$/);
  expect(english.url).toContain("lang=en");

  // In Chinese the same link gives the report in Chinese.
  await school.goto(`/lang/zh?next=${encodeURIComponent(reportPath)}`);
  await expect(school.getByRole("heading", { level: 1, name: "评审员报告" })).toBeVisible();
  await expectNoAxeViolations(school);
  const chinese = await download(school, "下载本报告（PDF 文件）");
  expect(chinese.url).toContain("lang=zh");
  expect(chinese.bytes.equals(english.bytes)).toBe(false);

  // Anyone with the certificate's code may download the certificate.
  const certificate = await school.getByRole("link", { name: "查看证书" }).getAttribute("href");
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(certificate!);
  const file = await download(visitor, "Download the certificate (PDF)");
  expect(file.name).toMatch(/^equimark-certificate-[A-Z0-9-]+\.pdf$/);
  await expectNoAxeViolations(visitor);
});

test("the school appeals the decision; an assessor with no part in the review upholds it", async ({ browser }) => {
  const admin = await as(browser, ADMIN);
  await admin.goto("/reviews?status=closed");
  await admin.locator("table a").filter({ hasText: "Hillcrest Academy" }).click();
  const schoolView = await admin.getByRole("link", { name: /as the school sees it/ }).getAttribute("href");

  // The school lodges its appeal from the assessor's report.
  const school = await as(browser, HILLCREST);
  await school.goto(`${schoolView}/report`);
  const appeal = school.locator("section[aria-labelledby=appeal-heading]");
  await appeal.getByText("Write an appeal").click();
  await appeal.getByLabel("Grounds of the appeal").fill("The visit did not see our resource base, which meets Centre of Excellence practice.");
  await appeal.getByRole("button", { name: "Lodge the appeal" }).click();
  await expect(school.getByTestId("appeal-state")).toHaveText("Waiting for a decision");
  await expectNoAxeViolations(school);

  // The admin gives it to an assessor who took no part in the review.
  await admin.goto("/reviews");
  await admin.getByRole("link", { name: "Appeals" }).click();
  const card = admin.locator("section.panel").filter({ hasText: "Hillcrest Academy" });
  await expect(card.getByTestId("appeal-state")).toHaveText("Waiting for a decision");
  await expectNoAxeViolations(admin);
  await card.getByLabel("Deciding assessor").selectOption({ label: "Mo Moderator" });
  await card.getByRole("button", { name: "Give the appeal to this assessor" }).click();
  await expect(admin.getByText("This assessor took part in the review: choose someone else.")).toBeVisible();
  await card.getByLabel("Deciding assessor").selectOption({ label: "Pat Panel" });
  await card.getByRole("button", { name: "Give the appeal to this assessor" }).click();
  await expect(card).toContainText("Pat Panel");

  // That assessor upholds it and grants the award; the school sees the outcome.
  const panel = await as(browser, "panel@demo.equimark.test");
  await panel.goto("/appeals");
  const mine = panel.locator("section.panel").filter({ hasText: "Hillcrest Academy" });
  await mine.getByLabel("Outcome", { exact: true }).selectOption({ label: "Upheld: the decision is changed" });
  await mine.getByLabel("Award to grant").selectOption({ label: "Centre of Excellence" });
  await mine.getByLabel("Reasons for the outcome").fill("The resource base meets the standard.");
  await expectNoAxeViolations(panel);
  await mine.getByRole("button", { name: "Record the outcome" }).click();
  await expect(mine.getByTestId("appeal-state")).toHaveText("Upheld: the decision is changed");
  await school.reload();
  await expect(school.getByTestId("appeal-state")).toHaveText("Upheld: the decision is changed");
  await expect(school.getByTestId("appeal-note")).toHaveText("The resource base meets the standard.");
});

test("an admin sets next year's fees for an award in yuan; overlapping bands are refused and nothing is lost", async ({ browser }) => {
  const admin = await as(browser, ADMIN);
  await admin.goto("/admin/fees");
  await expectNoAxeViolations(admin);
  const inclusive = admin.locator("section[aria-labelledby=fees-inclusive-school]");
  await expect(inclusive.getByRole("row", { name: /2001 and more/ })).toBeVisible();
  await inclusive.getByRole("link", { name: "Set new fees for Inclusive School" }).click();
  await expect(admin).toHaveURL(/award=inclusive-school/);
  const form = admin.locator("#set-fees");
  await expect(form.getByRole("heading", { name: "New fees for Inclusive School" })).toBeVisible();
  await expectNoAxeViolations(admin);
  await expect(form.getByLabel("From (learners) (2)")).toHaveValue("401");
  await form.getByLabel("From (learners) (2)").fill("300");
  await form.getByRole("button", { name: "Save these fees" }).click();
  await expect(admin.getByText("Two bands overlap")).toBeVisible();
  await expect(form.getByLabel("From (learners) (2)")).toHaveValue("300");
  await form.getByLabel("From (learners) (2)").fill("401");
  await form.getByLabel("Currency").selectOption({ label: "Yuan (¥)" });
  await form.getByLabel("Year 1 (2)").fill("16500.50");
  const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`;
  await form.getByLabel("Takes effect").fill(nextYear);
  await form.getByRole("button", { name: "Save these fees" }).click();
  await expect(admin.getByText("Fees saved.")).toBeVisible();
  // Next year's fees are upcoming; this year's still price reviews today.
  const upcoming = inclusive.locator("tbody").filter({ hasText: nextYear });
  await expect(upcoming).toContainText("Upcoming");
  await expect(upcoming).toContainText("¥16,500.50");
  await expect(inclusive.locator("tbody").filter({ hasText: "In effect" })).toContainText("£1,600");
});

test("a school's staff cannot open the review queue, and an assessor cannot sign off", async ({ browser }) => {
  const school = await as(browser, HILLCREST);
  await school.goto("/reviews");
  await expect(school.getByRole("alert")).toBeVisible();
  await expect(school.getByRole("link", { name: "Hillcrest Academy" })).toHaveCount(0);
  const assessor = await as(browser, ASSESSOR);
  const response = await assessor.context().request.post("/api/sign_off", {
    form: { review: "anything" },
    headers: { Accept: "application/json" },
  });
  expect(response.status()).toBe(403);
});

test("the signed-off review passes axe; its certificate reads in Chinese for a Chinese browser", async ({ browser }) => {
  const admin = await as(browser, ADMIN);
  await admin.goto("/reviews?status=closed");
  await admin.locator("table a").filter({ hasText: "Hillcrest Academy" }).click();
  await waitForHydration(admin);
  await expectNoAxeViolations(admin);
  const href = await admin.locator("a[href^='/verify/']").first().getAttribute("href");
  const schoolView = await admin.getByRole("link", { name: /as the school sees it/ }).getAttribute("href");
  // The school's report reads in Chinese too.
  const school = await as(browser, HILLCREST);
  await school.goto(`/lang/zh?next=${encodeURIComponent(`${schoolView}/report`)}`);
  await expect(school.locator("html")).toHaveAttribute("lang", /^zh/);
  await expect(school.getByRole("heading", { level: 1, name: "评审员报告" })).toBeVisible();
  await expectNoAxeViolations(school);
  const context = await browser.newContext({ locale: "zh-CN" });
  const visitor = await context.newPage();
  await visitor.goto(href!);
  await waitForHydration(visitor);
  await expect(visitor.locator("html")).toHaveAttribute("lang", /^zh/);
  await expect(visitor.getByTestId("standing")).toBeVisible();
  await expectNoAxeViolations(visitor);
  await context.close();
});
