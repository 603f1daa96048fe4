import { test, expect, Browser, Page } from "@playwright/test";
import { TEACHER, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

const LEAD = "lead@demo.equimark.test";
const NETWORK = "network@demo.equimark.test";
const CLUSTER = "Yorkshire Inclusion Cluster";

/** Opens the cluster's overview, then (by default) its board's page. */
async function openCluster(browser: Browser, email: string, locale = "en-GB", board = true): Promise<Page> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto("/clusters");
  await page.getByRole("link", { name: CLUSTER }).click();
  await expect(page.getByRole("heading", { level: 1, name: CLUSTER })).toBeVisible();
  if (board) await page.getByRole("navigation", { name: "This cluster" }).getByRole("link", { name: "Board of practice" }).click();
  await waitForHydration(page);
  return page;
}

test("a card shared with a file is published to the practice library, and the form is emptied", async ({
  browser,
}) => {
  const teacher = await openCluster(browser, TEACHER);
  const form = teacher.locator("section[aria-labelledby=add-card-heading]");
  await form.getByLabel("Title").fill("Word walls in every classroom");
  await form.getByLabel("What you did and what happened").fill("Key words with pictures, at eye level.");
  await form.getByLabel("Teaching and learning").check();
  await form.getByRole("button", { name: "Add the card" }).click();
  const card = teacher.locator("li.card").filter({ hasText: "Word walls in every classroom" });
  await expect(card).toBeVisible();
  // Ready for the next practice: nothing left over from the last one.
  await expect(form.getByLabel("Title")).toHaveValue("");
  await expect(form.getByLabel("What you did and what happened")).toHaveValue("");
  await expect(form.getByLabel("Teaching and learning")).not.toBeChecked();

  // A wrong file is refused with a reason; a text file is attached.
  await card.locator(".card-menu > summary").click();
  await card.getByText(/^Attach a file/).click();
  await card.getByLabel("File").setInputFiles({ name: "words.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf") });
  await card.getByRole("button", { name: "Attach the file" }).click();
  await teacher.waitForURL(/file_problem=unknown_type/);
  await waitForHydration(teacher);
  const again = teacher.locator("li.card").filter({ hasText: "Word walls in every classroom" });
  await expect(again.getByRole("alert")).toBeVisible();
  await again.getByLabel("File").setInputFiles({ name: "word-list.txt", mimeType: "text/plain", buffer: Buffer.from("because, however, therefore") });
  await again.getByRole("button", { name: "Attach the file" }).click();
  await teacher.waitForURL((url) => !url.search.includes("file_problem"));
  await waitForHydration(teacher);
  const withFile = teacher.locator("li.card").filter({ hasText: "Word walls in every classroom" });
  await expect(withFile.locator(".card-counts")).toContainText("Files (1)");
  await withFile.locator(".card-open > summary").click();
  await expect(withFile.getByRole("link", { name: "word-list.txt" })).toBeVisible();

  await withFile.locator(".card-menu > summary").click();
  await withFile.getByRole("button", { name: /^Publish to the practice library ?: Word walls in every classroom$/ }).click();
  await expect(withFile.getByText("In the practice library")).toBeVisible();
  await expectNoAxeViolations(teacher);

  // Someone outside the cluster finds it in the library, credited, with its file.
  const context = await browser.newContext();
  const reader = await context.newPage();
  await signIn(reader, NETWORK);
  await reader.goto("/practice");
  await expect(reader.getByRole("heading", { level: 1, name: "Practice library" })).toBeVisible();
  await waitForHydration(reader);
  const entry = reader.locator("ul.library > li").filter({ hasText: "Word walls in every classroom" });
  await expect(entry).toContainText(`Shared by Riverside Primary School in ${CLUSTER}`);
  const download = await reader.request.get((await entry.getByRole("link", { name: "word-list.txt" }).getAttribute("href")) ?? "");
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe("because, however, therefore");
  await reader.getByLabel("Search the library").fill("no such practice");
  await reader.getByRole("button", { name: "Show" }).click();
  await expect(entry).toHaveCount(0);
  await expect(reader.getByRole("status")).toContainText("Nothing in the library matches");
  await expect(reader).toHaveURL(/words=no\+such\+practice/);
  await reader.getByLabel("Search the library").fill("word walls");
  await reader.getByRole("button", { name: "Show" }).click();
  await expect(entry).toHaveCount(1);
  await expectNoAxeViolations(reader);
  await context.close();
});

test("the cluster lead reorders the board's columns with the keyboard", async ({ browser }) => {
  const lead = await openCluster(browser, LEAD);
  const headings = () => lead.locator("section.board-column > h3");
  await expect(headings().first()).toContainText("Ideas");
  const right = lead.getByRole("button", { name: "Move the column right: Ideas" });
  await right.focus();
  await lead.keyboard.press("Enter");
  await expect(headings().nth(1)).toContainText("Ideas");
  await expect(headings().first()).toContainText("Trialling");
  // And back, so the board is as it was.
  await lead.getByRole("button", { name: "Move the column left: Ideas" }).click();
  await expect(headings().first()).toContainText("Ideas");
  // Members' strengths have their own column (from validated assessments) on the overview.
  await lead.getByRole("navigation", { name: "This cluster" }).getByRole("link", { name: "Overview" }).click();
  await expect(lead.getByRole("columnheader", { name: "Strengths" })).toBeVisible();
});

test("a research project is outlined in key steps and reviewed for the year", async ({ browser }) => {
  const teacher = await openCluster(browser, TEACHER, "en-GB", false);
  await teacher.getByRole("link", { name: "Research activities" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: "Research" })).toBeVisible();
  await waitForHydration(teacher);
  await expectNoAxeViolations(teacher);

  const start = teacher.locator("section[aria-labelledby=start-research-heading]");
  // Without a question it is refused, and nothing typed is lost.
  await start.getByLabel("Method").fill("Pre-teach five words before each lesson; observe participation.");
  await start.getByRole("button", { name: "Start the activity" }).click();
  await expect(start.getByLabel("Method")).toHaveValue(/Pre-teach five words/);
  await start.getByLabel("Research question").fill("Does pre-teaching key words help pupils with EAL take part in science?");
  await start.getByLabel("Teaching and learning").check();
  await start.getByLabel("Riverside Primary School").check();
  await start.getByLabel("Under way").check();
  await start.getByLabel("This is our Flagship research project").check();
  await start.getByRole("button", { name: "Start the activity" }).click();

  await expect(teacher.getByRole("heading", { level: 1, name: /help pupils with EAL/ })).toBeVisible();
  await expect(teacher.getByText("Flagship research project", { exact: true })).toBeVisible();
  await waitForHydration(teacher);

  for (const [what, who, from, to] of [
    ["Baseline: count contributions in two lessons", "Tara Teacher", "2020-09-01", "2020-09-30"],
    ["Trial the word lists for a half term", "Science team", "2030-10-01", "2030-12-15"],
  ]) {
    if (!(await teacher.getByLabel("Key step", { exact: true }).isVisible())) {
      await teacher.getByText("Add a key step").click();
    }
    await teacher.getByLabel("Key step", { exact: true }).fill(what);
    await teacher.getByLabel("People responsible").fill(who);
    await teacher.getByLabel("Starts on").fill(from);
    await teacher.getByLabel("Ends on").fill(to);
    await teacher.getByRole("button", { name: "Add the step" }).click();
    await expect(teacher.getByRole("row", { name: new RegExp(what) })).toBeVisible();
  }
  const baseline = teacher.getByRole("row", { name: /Baseline/ });
  await expect(baseline).toContainText("Overdue");
  await baseline.getByRole("button", { name: /Mark done/ }).click();
  await expect(teacher.getByRole("row", { name: /Baseline/ })).toContainText("Done");

  await teacher.getByLabel("What happened this year").fill("Contributions rose from 3 to 9 per lesson.");
  await teacher.getByLabel("Next steps").fill("Share the word lists with Oak Tree.");
  await teacher.getByRole("button", { name: "Save the review" }).click();
  await expect(teacher.getByText("Review saved.")).toBeVisible();
  await expect(teacher.getByLabel("Next steps")).toHaveValue("Share the word lists with Oak Tree.");
  await expectNoAxeViolations(teacher);

  await teacher.getByRole("link", { name: "All research activities" }).click();
  const row = teacher.getByRole("row", { name: /help pupils with EAL/ });
  await expect(row).toContainText("Flagship project");
  await expect(row).toContainText("1 / 2");
});

test("the research and library pages pass axe with the Chinese interface chosen", async ({ browser }) => {
  const page = await openCluster(browser, LEAD, "zh-CN");
  const research = (await page.locator("a[href$='/research']").first().getAttribute("href")) ?? "";
  const cluster = research.replace(/\/research$/, "");
  const parts = ["", "/board", "/plan", "/meetings", "/update"].map((part) => `${cluster}${part}`);
  for (const path of ["/practice", research, ...parts]) {
    await page.goto(`/lang/zh?next=${encodeURIComponent(path)}`);
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  }
});

// A partner expert (university staff working with the alliance) reads the
// network's dashboard and the practice library and takes part in its
// clusters' research, and nothing more; every page passes axe in English
// and Chinese.
test("a partner expert reads the network's dashboard and library and takes part in its research", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "expert@demo.equimark.test");
  await page.goto("/");
  await page.getByRole("link", { name: "its members and research Northern Inclusion Alliance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Northern Inclusion Alliance" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Schools' requests to join this network" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const network = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "The network's dashboard" }).click();
  await expect(page.getByTestId("scope")).toHaveText("Northern Inclusion Alliance");
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  await page.goto("/practice");
  await expect(page.getByText("Pre-teaching key words")).toBeVisible();

  await page.goto(network);
  await page.getByTestId("research-clusters").getByRole("link", { name: CLUSTER }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Research" })).toBeVisible();
  const research = new URL(page.url()).pathname;
  await page.getByRole("link", { name: /help learners with language needs take part in science/ }).click();
  await waitForHydration(page);
  if (!(await page.getByLabel("Key step", { exact: true }).isVisible())) {
    await page.getByText("Add a key step").click();
  }
  await page.getByLabel("Key step", { exact: true }).fill("Interview the science teachers about the word lists");
  await page.getByLabel("People responsible").fill("Parveen Partner");
  await page.getByRole("button", { name: "Add the step" }).click();
  await expect(page.getByRole("row", { name: /Interview the science teachers/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const activity = new URL(page.url()).pathname;

  // Nothing more: the cluster's board is not theirs to read.
  await page.goto(`${research.replace(/\/research$/, "")}/board`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Visual timetables")).toHaveCount(0);

  for (const path of [network, research, activity]) {
    await page.goto(`/lang/zh?next=${encodeURIComponent(path)}`);
    await waitForHydration(page);
    await expectNoAxeViolations(page);
  }
  await expect(page.getByRole("row", { name: /Interview the science teachers/ })).toBeVisible();
  await context.close();
});
