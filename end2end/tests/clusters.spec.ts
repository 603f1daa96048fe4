import { test, expect, Browser, Page } from "@playwright/test";
import { COORDINATOR, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

const LEAD = "lead@demo.equimark.test";
const HILLCREST = "hillcrest@demo.equimark.test";
const CLUSTER = "Yorkshire Inclusion Cluster";

/** Opens the cluster's overview, then (for members) one of its parts. */
async function openCluster(browser: Browser, email: string, part: string | null = "Board of practice"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto("/clusters");
  await page.getByRole("link", { name: CLUSTER }).click();
  await expect(page.getByRole("heading", { level: 1, name: CLUSTER })).toBeVisible();
  if (part) await openPart(page, part);
  await waitForHydration(page);
  return page;
}

async function openPart(page: Page, part: string) {
  await page.getByRole("navigation", { name: "This cluster" }).getByRole("link", { name: part }).click();
  await expect(page.getByRole("navigation", { name: "This cluster" }).getByRole("link", { name: part })).toHaveAttribute("aria-current", "page");
}

function column(page: Page, name: string) {
  return page.locator("section.board-column").filter({ has: page.getByRole("heading", { name: new RegExp(`^${name}`) }) });
}

test("a card added, moved by keyboard and dragged in one browser appears in another without reloading", async ({
  browser,
}) => {
  const lead = await openCluster(browser, LEAD);
  const colleague = await openCluster(browser, COORDINATOR);
  await expectNoAxeViolations(colleague);
  // Give both pages' live connections a moment to open.
  await lead.waitForTimeout(500);

  // The lead shares a practice, with Markdown and an attempt at a script.
  const form = lead.locator("section[aria-labelledby=add-card-heading]");
  await form.getByLabel("Column").selectOption({ label: "Ideas" });
  await form.getByLabel("Title").fill("Quiet corners at lunchtime");
  await form
    .getByLabel("What you did and what happened")
    .fill("**Calmer** afternoons.\n\n<script>window.pwned = true</script>\n\n[bad](javascript:window.pwned=true)");
  await form.getByLabel("Learning environment and accessibility").check();
  await form.getByRole("button", { name: "Add the card" }).click();
  await expect(column(lead, "Ideas").getByRole("heading", { name: "Quiet corners at lunchtime" })).toBeVisible();

  // The colleague sees it arrive, rendered and harmless.
  const arrived = column(colleague, "Ideas").locator("li.card").filter({ hasText: "Quiet corners at lunchtime" });
  await expect(arrived).toBeVisible({ timeout: 3_000 });
  await expect(arrived.locator(".card-body strong")).toHaveText("Calmer");
  await expect(arrived.locator(".card-body")).toContainText("<script>");
  await expect(arrived.locator(".card-body script")).toHaveCount(0);
  await expect(arrived.locator(".card-body a")).toHaveAttribute("href", "#");
  expect(await colleague.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();

  // The card's face is short; its actions are in its menu.
  await expect(arrived.locator(".card-counts")).toHaveText("Useful (0) · Comments (0) · Files (0)");
  await expect(arrived.locator(".card-body")).toBeHidden();
  await arrived.getByText("Actions").click();

  // The colleague moves it right with the keyboard; it is announced.
  const right = colleague.getByRole("button", { name: "Move to the next column: Quiet corners at lunchtime" });
  await right.focus();
  await colleague.keyboard.press("Enter");
  // Said to screen readers (the board's own change notice may follow it).
  await expect(colleague.getByTestId("board-announce")).toHaveText(
    /Moved “Quiet corners at lunchtime” to Trialling, place 1\.|The board was updated\./,
  );
  await expect(column(colleague, "Trialling").getByRole("heading", { name: "Quiet corners at lunchtime" })).toBeVisible();
  // Focus stays with the card, on the same button, so moving on is one more key press.
  await expect(right).toBeFocused();
  await expect(column(lead, "Trialling").getByRole("heading", { name: "Quiet corners at lunchtime" })).toBeVisible({
    timeout: 3_000,
  });
  await expect(column(lead, "Ideas").getByRole("heading", { name: "Quiet corners at lunchtime" })).toHaveCount(0);

  // The lead drags it on to "Evidence of impact"; the colleague sees it there.
  await column(lead, "Trialling")
    .locator("li.card")
    .filter({ hasText: "Quiet corners at lunchtime" })
    .dragTo(column(lead, "Evidence of impact").locator("ol.cards"));
  await expect(
    column(colleague, "Evidence of impact").getByRole("heading", { name: "Quiet corners at lunchtime" }),
  ).toBeVisible({ timeout: 3_000 });

  // A comment and a "useful" mark reach the other side too.
  const card = column(colleague, "Evidence of impact").locator("li.card").filter({ hasText: "Quiet corners" });
  await card.locator(".card-open > summary").click();
  await card.getByLabel("Your comment").fill("We will try this at Riverside's second site.");
  await card.getByRole("button", { name: "Add the comment" }).click();
  const seen = column(lead, "Evidence of impact").locator("li.card").filter({ hasText: "Quiet corners" });
  await expect(seen.locator(".card-counts")).toContainText("Comments (1)", { timeout: 3_000 });
  await seen.locator(".card-open > summary").click();
  await expect(seen.locator(".thread")).toContainText("We will try this at Riverside's second site.");
  await seen.getByRole("button", { name: /^Useful \(0\)/ }).click();
  await expect(card.locator(".card-counts")).toContainText("Useful (1)", { timeout: 3_000 });

  // Filters: by element and by words.
  await colleague.getByLabel("Search the cards").fill("lunchtime");
  await expect(colleague.locator("li.card")).toHaveCount(1);
  await colleague.getByLabel("Search the cards").fill("");
  await colleague.getByLabel("Element").selectOption({ label: "Teaching and learning" });
  await expect(colleague.locator("li.card").filter({ hasText: "Quiet corners" })).toHaveCount(0);
});

test("the board is a page of its own, its four columns side by side at 1280 px", async ({ browser }) => {
  const lead = await openCluster(browser, LEAD);
  await lead.setViewportSize({ width: 1280, height: 800 });
  const boxes = await lead.locator("section.board-column").evaluateAll((columns) =>
    columns.map((c) => c.getBoundingClientRect()).map((r) => ({ top: r.top, left: r.left, right: r.right })),
  );
  expect(boxes).toHaveLength(4);
  for (let i = 1; i < boxes.length; i++) {
    expect(boxes[i].top, "every column starts on the same line").toBe(boxes[0].top);
    expect(boxes[i].left, "each column right of the one before").toBeGreaterThan(boxes[i - 1].right - 1);
  }
  // The page itself does not scroll sideways; the board would, if it had to.
  const [scroll, width] = await lead.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(width);
  await expectNoAxeViolations(lead);
  await lead.context().close();
});

test("two people editing one card: the second save is refused, not lost", async ({ browser }) => {
  const first = await openCluster(browser, LEAD);
  const second = await openCluster(browser, COORDINATOR);
  const cardOf = (page: Page) => page.locator("li.card").filter({ hasText: "Visual timetables" }).first();
  for (const page of [first, second]) {
    await cardOf(page).locator(".card-menu > summary").click();
    await cardOf(page).getByText(/^Edit/).click();
  }
  await cardOf(first).getByLabel("Title").fill("Visual timetables in every classroom (updated)");
  await cardOf(first).getByRole("button", { name: "Save" }).click();
  await expect(first.getByRole("heading", { name: "Visual timetables in every classroom (updated)" })).toBeVisible();
  // The second person's open form stays as it was, with what they type.
  await cardOf(second).getByLabel("What you did and what happened").fill("My own changes");
  await second.waitForTimeout(1_500);
  await expect(cardOf(second).getByLabel("What you did and what happened")).toHaveValue("My own changes");
  await cardOf(second).getByRole("button", { name: "Save" }).click();
  await expect(second.getByRole("alert")).toContainText("changed while you were working on it");
  await expect(cardOf(second).getByLabel("What you did and what happened")).toHaveValue("My own changes");
  // Closing the form lets the card catch up with the other person's edit.
  await cardOf(second).getByText(/^Edit/).click();
  await expect(second.getByRole("heading", { name: "Visual timetables in every classroom (updated)" })).toBeVisible();
});

test("a school asks to join, the cluster lead accepts, and only then does it see the board", async ({ browser }) => {
  const outsider = await openCluster(browser, HILLCREST, null);
  await expect(outsider.getByText("Only the staff of member schools can see this cluster's board.")).toBeVisible();
  await expect(outsider.locator("section.board-column")).toHaveCount(0);
  const id = new URL(outsider.url()).pathname.split("/").pop();
  const events = await outsider.context().request.get(`/clusters/${id}/events`);
  expect(events.status()).toBe(404);
  await expectNoAxeViolations(outsider);
  await outsider.getByLabel("Ask to join for").selectOption({ label: "Hillcrest Academy" });
  await outsider.getByRole("button", { name: "Ask to join" }).click();
  await expect(outsider.getByLabel("Ask to join for")).toHaveCount(0);

  const lead = await openCluster(browser, LEAD, null);
  const row = lead.getByRole("row", { name: /Hillcrest Academy/ });
  await expect(row).toContainText("Asked to join");
  await row.getByRole("button", { name: "Accept Hillcrest Academy" }).click();
  await expect(lead.getByRole("row", { name: /Hillcrest Academy/ })).toContainText("Member");

  await outsider.reload();
  await openPart(outsider, "Board of practice");
  await waitForHydration(outsider);
  await expect(outsider.locator("section.board-column")).toHaveCount(4);
  await expectNoAxeViolations(outsider);
});

test("the lead records a meeting; members write the annual update; the lead submits it", async ({ browser }) => {
  const lead = await openCluster(browser, LEAD, "Meetings");
  await lead.getByText("Record a meeting").click();
  const meeting = lead.locator("section[aria-labelledby=meetings-heading]");
  await meeting.getByLabel("Date").fill("2026-11-20");
  await meeting.getByLabel("Agenda").fill("Visual timetables: what we learned");
  await meeting.getByLabel("Riverside Primary School").check();
  await meeting.getByRole("button", { name: "Save the meeting" }).click();
  await expect(meeting.getByRole("row", { name: /2026-11-20/ })).toContainText("Riverside Primary School");
  await expect(meeting.getByRole("row", { name: /2026-11-20/ })).toContainText("Oak Tree");

  const teacher = await openCluster(browser, "teacher@demo.equimark.test", "Annual update");
  const update = teacher.locator("section[aria-labelledby=update-heading]");
  const teaching = update.locator("section.update-section").filter({ hasText: "Teaching and learning" });
  await teaching.getByLabel("Progress this year").fill("Pre-teaching key words in every science lesson.");
  await teaching.getByLabel("Evidence").fill("Lesson observations in October.");
  await teaching.getByLabel("Next steps").fill("Share with Oak Tree.");
  await teaching.getByRole("button", { name: /^Save/ }).click();
  await expect(update.getByText("Section saved.")).toBeVisible();
  await expect(update.getByRole("button", { name: "Submit the annual update" })).toHaveCount(0);
  await expectNoAxeViolations(teacher);

  await openPart(lead, "Annual update");
  await waitForHydration(lead);
  const leadUpdate = lead.locator("section[aria-labelledby=update-heading]");
  await expect(leadUpdate.getByLabel("Progress this year").nth(2)).toHaveValue(/Pre-teaching/);
  await leadUpdate.getByRole("button", { name: "Submit the annual update" }).click();
  await expect(leadUpdate.getByText("Submitted")).toBeVisible();
  await expect(leadUpdate.getByText("Pre-teaching key words in every science lesson.")).toBeVisible();
  await expect(leadUpdate.getByRole("textbox")).toHaveCount(0);
});

test("the clusters list passes axe in both languages", async ({ browser }) => {
  for (const locale of ["en-GB", "zh-CN"]) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await signIn(page, LEAD);
    await page.goto("/clusters");
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await page.locator("table a").first().click();
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await context.close();
  }
});
