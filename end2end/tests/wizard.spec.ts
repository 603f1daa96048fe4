import { test, expect, Browser, Page } from "@playwright/test";
import { COORDINATOR, TEACHER, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

async function signedIn(browser: Browser, email: string, options = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** The coordinator starts a self-assessment at Riverside; returns its address. */
async function startAssessment(page: Page): Promise<string> {
  await page.goto("/schools");
  await page.getByRole("link", { name: "Riverside Primary School" }).click();
  await waitForHydration(page);
  await page.getByLabel("Framework").selectOption("inclusion-quality@2026.3");
  await page.getByLabel("Cycle").selectOption("initial");
  await page.getByLabel("Target award").selectOption({ label: "Inclusive School" });
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Self-assessment" })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("a coordinator starts a cycle and assigns an element; the teacher's answers save as given and survive a reload", async ({
  browser,
}) => {
  const coordinator = await signedIn(browser, COORDINATOR);
  const path = await startAssessment(coordinator);
  await waitForHydration(coordinator);
  await expect(coordinator.getByText("Not started").first()).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await coordinator.getByLabel("Assign this element to").first().selectOption({ label: "Tara Teacher" });
  await coordinator.getByRole("button", { name: "Assign" }).first().click();
  await expect(coordinator.getByText("Assigned to Tara Teacher")).toBeVisible();

  const teacher = await signedIn(browser, TEACHER);
  // The teacher hears of the assignment in their notifications.
  await teacher.goto("/notifications");
  await expect(teacher.getByRole("link", { name: /An element was assigned to you: Leadership/ }).first()).toBeVisible();
  await teacher.goto(path);
  await teacher.getByRole("link", { name: /1\. Leadership/ }).click();
  await waitForHydration(teacher);
  const first = teacher.locator("section.question").first();
  await expect(teacher.getByTestId("overall")).toHaveText("0.0%");
  await first.getByLabel("Established").check();
  await expect(first.getByRole("status")).toContainText("Saved");
  await expect(teacher.getByTestId("overall")).not.toHaveText("0.0%");
  await first.getByLabel(/What you do/).fill("Our inclusion lead meets the senior team every fortnight.");
  await expect(first.getByRole("status")).toContainText("not saved yet");
  await expect(first.getByRole("status")).toContainText("Saved");
  await expectNoAxeViolations(teacher);

  // Moving on in the browser draws the next element (the route stays the
  // same, only its element changes), and coming back shows what was saved.
  await teacher.getByRole("link", { name: "Save and continue" }).click();
  await expect(teacher).toHaveURL(/\/elements\/(?!leadership$)[^/]+$/);
  await expect(teacher.getByRole("heading", { level: 1 })).not.toHaveText(/Leadership/);
  await expect(teacher.getByText("You can read this element but not change it")).toBeVisible();
  await teacher.getByRole("link", { name: "Previous element" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText(/Leadership/);
  await expect(teacher.locator("section.question").first().getByLabel(/What you do/)).toHaveValue(
    "Our inclusion lead meets the senior team every fortnight.",
  );

  await teacher.reload();
  await waitForHydration(teacher);
  const again = teacher.locator("section.question").first();
  await expect(again.getByLabel("Established")).toBeChecked();
  await expect(again.getByLabel(/What you do/)).toHaveValue(
    "Our inclusion lead meets the senior team every fortnight.",
  );
  // The page carried only the address of its framework; the framework came
  // in a script the page loaded before hydrating, which the browser keeps:
  // the next page takes it from the cache.
  const frameworks = await teacher.evaluate(() => Object.keys((window as any).equimarkFrameworks ?? {}));
  expect(frameworks).toHaveLength(1);
  expect(frameworks[0]).toMatch(/^\/frameworks\/inclusion-quality\/2026\.3\/framework\.js\?h=[0-9a-f]{16}$/);
  const elementPage = teacher.url();
  await teacher.goto(path);
  await waitForHydration(teacher);
  await expect(teacher.getByRole("heading", { level: 1, name: "Self-assessment" })).toBeVisible();
  const fetched = await teacher.evaluate((address) => {
    const entry = performance.getEntriesByName(new URL(address, location.href).href)[0];
    return entry ? (entry as PerformanceResourceTiming).transferSize : -1;
  }, frameworks[0]);
  expect(fetched, "the framework's script comes from the browser's cache").toBe(0);
  await teacher.goto(elementPage);
  await waitForHydration(teacher);
  // Evidence files: a program renamed to .pdf is refused; a real PDF is kept.
  const question = teacher.locator("section.question").first();
  await question.getByText("Upload a file").click();
  await question.getByLabel("File", { exact: true }).setInputFiles({
    name: "policy.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("MZ\x90\x00 not really a PDF"),
  });
  await question.getByRole("button", { name: "Upload", exact: true }).click();
  const refused = teacher.locator("section.question").first();
  await expect(refused.getByRole("alert")).toContainText("This kind of file is not accepted");
  await refused.getByLabel("File", { exact: true }).setInputFiles({
    name: "inclusion-policy.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\nOur inclusion policy\n%%EOF\n"),
  });
  await refused.getByRole("button", { name: "Upload", exact: true }).click();
  const kept = teacher.locator("section.question").first();
  await expect(kept.getByRole("link", { name: "inclusion-policy.pdf" })).toBeVisible();
  await expectNoAxeViolations(teacher);
  const download = await teacher.context().request.get(
    (await kept.getByRole("link", { name: "inclusion-policy.pdf" }).getAttribute("href"))!,
  );
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain("Our inclusion policy");

  // The second element is not the teacher's: read-only.
  await teacher.goto(path);
  await teacher.getByRole("link", { name: /^2\. / }).click();
  await expect(teacher.getByText("You can read this element but not change it")).toBeVisible();
  await expect(teacher.locator("input[type=radio]").first()).toBeDisabled();

  await teacher.context().close();
  await coordinator.context().close();
});

test("two people editing the same answer: the second sees both versions and chooses", async ({ browser }) => {
  const coordinator = await signedIn(browser, COORDINATOR);
  const path = await startAssessment(coordinator);
  const element = `${path}/elements/leadership`;
  // A second session of the coordinator (another device) opens the page too.
  const other = await signedIn(browser, COORDINATOR);
  await coordinator.goto(element);
  await other.goto(element);
  await waitForHydration(coordinator);
  await waitForHydration(other);

  const mine = coordinator.locator("section.question").first();
  await mine.getByLabel("Embedded").check();
  await expect(mine.getByRole("status")).toContainText("Saved");

  const theirs = other.locator("section.question").first();
  await theirs.getByLabel("Emerging").check();
  const conflict = theirs.getByRole("alert");
  await expect(conflict).toContainText("Someone else changed this answer");
  await expect(conflict).toContainText("Embedded");
  await expectNoAxeViolations(other);
  await conflict.getByRole("button", { name: "Keep my answer" }).click();
  await expect(theirs.getByRole("status")).toContainText("Saved");

  await coordinator.reload();
  await expect(coordinator.locator("section.question").first().getByLabel("Emerging")).toBeChecked();
  await other.context().close();
  await coordinator.context().close();
});

test("keyboard only: choose a rating with the arrow keys, and it is saved", async ({ browser }) => {
  const coordinator = await signedIn(browser, COORDINATOR);
  const path = await startAssessment(coordinator);
  await coordinator.goto(`${path}/elements/leadership`);
  await waitForHydration(coordinator);
  const first = coordinator.locator("section.question").first();
  await first.getByLabel("Not yet").focus();
  await coordinator.keyboard.press("ArrowDown");
  await expect(first.getByLabel("Emerging")).toBeChecked();
  await expect(first.getByLabel("Emerging")).toBeFocused();
  await expect(first.getByRole("status")).toContainText("Saved");
  const outline = await first.getByLabel("Emerging").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  await coordinator.context().close();
});

test("without JavaScript an answer is saved with its button", async ({ browser }) => {
  const coordinator = await signedIn(browser, COORDINATOR);
  const path = await startAssessment(coordinator);
  const noScript = await signedIn(browser, COORDINATOR, { javaScriptEnabled: false });
  await noScript.goto(`${path}/elements/leadership`);
  const first = noScript.locator("section.question").first();
  await first.getByLabel("Established").check();
  await first.getByLabel(/What you do/).fill("Written without JavaScript.");
  await first.getByRole("button", { name: "Save this answer" }).click();
  await expect(noScript.locator("section.question").first().getByLabel("Established")).toBeChecked();
  await expect(noScript.locator("section.question").first().getByLabel(/What you do/)).toHaveValue(
    "Written without JavaScript.",
  );
  await noScript.context().close();
  await coordinator.context().close();
});

test("check your answers lists what is missing; once complete the coordinator submits and it is read-only", async ({
  browser,
}) => {
  const coordinator = await signedIn(browser, COORDINATOR);
  const path = await startAssessment(coordinator);
  const id = path.split("/").pop()!;
  await coordinator.goto(`${path}/check`);
  await expect(coordinator.getByRole("heading", { name: "Before you can submit" })).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await coordinator.goto(`${path}/gaps`);
  await expect(coordinator.getByRole("heading", { name: "What is still needed for the target award" })).toBeVisible();
  await expect(coordinator.getByRole("link", { name: /vision/i }).first()).toBeVisible();
  await expectNoAxeViolations(coordinator);

  // Fill everything in through the same server functions the pages use.
  const view = await (
    await coordinator.context().request.post("/api/assessment", { form: { id }, headers: { Accept: "application/json" } })
  ).json();
  for (const element of view.framework.elements) {
    for (const indicator of element.indicators) {
      const saved = await coordinator.context().request.post("/api/save_response", {
        form: { assessment: id, indicator: indicator.id, level: "established", narrative: "", base_version: "0" },
        headers: { Accept: "application/json" },
      });
      expect(saved.status()).toBe(200);
    }
  }
  // Evidence for one indicator through the page, the rest directly.
  const needing = view.framework.elements
    .flatMap((e: any) => e.indicators.map((i: any) => ({ element: e.id, indicator: i })))
    .filter((x: any) => x.indicator.evidence_required);
  const firstNeed = needing[0];
  await coordinator.goto(`${path}/elements/${firstNeed.element}`);
  await waitForHydration(coordinator);
  const question = coordinator.locator(`section#${firstNeed.indicator.id}`);
  await question.getByText("Add evidence: a link or a note").click();
  const linkForm = question.locator("details", { hasText: "Add evidence: a link or a note" });
  await linkForm.getByLabel("Title").fill("Inclusion policy");
  await linkForm.getByLabel("Link").fill("not a link");
  await linkForm.getByRole("button", { name: "Add the evidence" }).click();
  await expect(linkForm.getByRole("alert")).toContainText("https://");
  await linkForm.getByLabel("Link").fill("https://riverside.example/inclusion-policy.pdf");
  await linkForm.getByRole("button", { name: "Add the evidence" }).click();
  await expect(question.getByRole("link", { name: "Inclusion policy" })).toBeVisible();
  for (const need of needing.slice(1)) {
    const added = await coordinator.context().request.post("/api/add_evidence", {
      form: { assessment: id, indicator: need.indicator.id, title: "Minutes", link: "", note: "Meeting minutes" },
      headers: { Accept: "application/json" },
    });
    expect(added.status()).toBe(200);
  }

  await coordinator.goto(`${path}/check`);
  await waitForHydration(coordinator);
  await expect(coordinator.getByRole("heading", { name: "Before you can submit" })).toHaveCount(0);
  await coordinator.getByRole("button", { name: "Submit for review" }).click();
  await expect(coordinator.getByText("Submitted").first()).toBeVisible();
  await coordinator.getByRole("link", { name: "See the gap analysis" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "Gap analysis" })).toBeVisible();
  await coordinator.goto(`${path}/elements/leadership`);
  await expect(coordinator.getByText("You can read this element but not change it")).toBeVisible();
  await coordinator.context().close();
});

test("answers survive a reload mid-typing and a lost connection", async ({ browser }) => {
  const coordinator = await signedIn(browser, COORDINATOR);
  const path = await startAssessment(coordinator);
  await coordinator.goto(`${path}/elements/leadership`);
  await waitForHydration(coordinator);
  const first = coordinator.locator("section.question").first();
  // Reloaded before the autosave fires: the draft was kept on this device.
  await first.getByLabel(/What you do/).fill("Typed just before the reload.");
  await coordinator.reload();
  await waitForHydration(coordinator);
  const restored = coordinator.locator("section.question").first();
  await expect(restored.getByLabel(/What you do/)).toHaveValue("Typed just before the reload.");
  await expect(restored.getByRole("status")).toContainText("Saved");

  // Offline: the change is kept and the page says so; back online, it is saved.
  await coordinator.context().setOffline(true);
  await restored.getByLabel("Embedded").check();
  await expect(coordinator.getByText("You are offline. Changed answers kept on this device: 1.")).toBeVisible();
  await expect(restored.getByRole("status")).toContainText("Offline");
  await expectNoAxeViolations(coordinator);
  await coordinator.context().setOffline(false);
  await expect(restored.getByRole("status")).toContainText("Saved");
  await expect(coordinator.getByText(/You are offline/)).toHaveCount(0);
  await coordinator.reload();
  const after = coordinator.locator("section.question").first();
  await expect(after.getByLabel("Embedded")).toBeChecked();
  await expect(after.getByLabel(/What you do/)).toHaveValue("Typed just before the reload.");
  await coordinator.context().close();
});

test("the action plan: actions tied to indicators, overdue ones flagged, progress recorded", async ({ browser }) => {
  const coordinator = await signedIn(browser, COORDINATOR);
  const path = await startAssessment(coordinator);
  await waitForHydration(coordinator);
  // Earlier tests started cycles at this school: this one compares with the last.
  await expect(coordinator.getByRole("heading", { name: "Since the last cycle" })).toBeVisible();
  await expect(coordinator.getByRole("rowheader", { name: "Overall" })).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await coordinator.getByRole("link", { name: "Action plan" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "Action plan" })).toBeVisible();
  await waitForHydration(coordinator);
  await coordinator.getByRole("button", { name: "Add the action" }).click();
  await expect(coordinator.getByRole("alert").filter({ hasText: "Enter what will be done" })).toBeVisible();
  await coordinator.getByLabel("What will be done").fill("Train every teacher in adaptive teaching");
  await coordinator.getByLabel("Who will do it").fill("Cora Coordinator");
  await coordinator.getByLabel("Due").fill("2026-01-31");
  await coordinator.getByLabel("How you will know it worked").fill("Every teacher observed using it");
  await coordinator.getByRole("button", { name: "Add the action" }).click();
  const action = coordinator.locator("article.plan-action").first();
  await expect(action).toContainText("Train every teacher in adaptive teaching");
  await expect(action.getByText("Overdue")).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await action.getByLabel("Status").selectOption("done");
  await action.getByLabel("Progress notes").fill("All twelve teachers trained in November.");
  await action.getByRole("button", { name: "Save the progress" }).click();
  const saved = coordinator.locator("article.plan-action").first();
  await expect(saved).toContainText("All twelve teachers trained in November.");
  await expect(saved.getByText("Overdue")).toHaveCount(0);
  expect(path).toContain("/assessments/");
  await coordinator.context().close();
});
