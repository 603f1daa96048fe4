import { test, expect, Browser } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChildProcess } from "node:child_process";
import { ADMIN, TEACHER, expectNoAxeViolations, signIn, startServer, stopServer, waitForHydration } from "./helpers";

// The dashboard at the size the issue names: a server of its own, with the
// demo and a generated network of 5,000 schools beside it.
const SCHOOLS = 5000;
const port = Number(process.env.EQUIMARK_E2E_DASHBOARD_PORT ?? 3101);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), "equimark-e2e-dashboard-"));
const GENERATED = `Generated network ${SCHOOLS} (seed 1)`;
let server: ChildProcess;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startServer(port, dataDir);
  await new Promise<void>((resolve, reject) => {
    const generate = spawn(process.env.EQUIMARK_BIN ?? "../target/release/equimark", ["generate", "--schools", String(SCHOOLS)], {
      env: { ...process.env, EQUIMARK_DATA_DIR: dataDir, EQUIMARK_LOG: "warn" },
      stdio: "ignore",
    });
    generate.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`generate exited with ${code}`))));
  });
});

test.afterAll(async () => {
  if (server) await stopServer(server);
  // The generated network's database is over 100 MB: leave no copy behind.
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(browser: Browser, email: string, locale = "en-GB") {
  const context = await browser.newContext({ baseURL: base, locale });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("an admin reads the dashboard of 5,000 schools, drills down to a region and a school, and downloads", async ({
  browser,
}) => {
  const page = await open(browser, ADMIN);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Network dashboard" })).toBeVisible();
  await expect(page.getByTestId("scope")).toHaveText("All schools");
  await expect(page.getByTestId("schools")).toHaveText(String(SCHOOLS + 4));
  // Charts are drawn on the server: there before the script runs.
  await expect(page.locator("#chart-elements svg rect")).toHaveCount(8);
  await expect(page.locator("#chart-distribution svg rect")).toHaveCount(10);
  await expect(page.getByTestId("weakest").locator("li")).toHaveCount(3);
  await waitForHydration(page);

  // Every chart's figures, as a table.
  const figures = page.locator("#chart-elements details");
  await figures.locator("summary").click();
  await expect(figures.getByRole("row")).toHaveCount(9);

  // The generated network alone.
  await page.getByLabel("Schools to show").selectOption({ label: GENERATED });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("scope")).toHaveText(GENERATED);
  await expect(page.getByTestId("schools")).toHaveText(String(SCHOOLS));
  const regions = page.getByTestId("regions").locator("tbody tr");
  await expect(regions).toHaveCount(30);

  // A region, then one of its schools.
  const anhui = page.getByTestId("regions").getByRole("row", { name: /^Anhui/ });
  const inAnhui = Number(await anhui.locator("td").first().innerText());
  await page.getByRole("link", { name: "Anhui", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Schools in Anhui" })).toBeVisible();
  await expect(page.getByTestId("region-schools").locator("tbody tr")).toHaveCount(inAnhui);
  await expect(page.getByTestId("schools")).toHaveText(String(inAnhui));
  await waitForHydration(page);
  await expectNoAxeViolations(page);

  // The CSV is what the page shows.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Schools (CSV)" }).click();
  const file = await (await download).path();
  const lines = readFileSync(file!, "utf8").trim().split("\r\n");
  expect(lines[0]).toContain("school_id,name,phase,region,region_name");
  expect(lines.length).toBe(inAnhui + 1);
  // Regions come from one list: the code, then its name.
  expect(lines[1]).toContain(",CN-AH,Anhui,");

  // In Chinese the same region is named as a Chinese reader writes it.
  const drilled = new URL(page.url());
  await page.goto(`/lang/zh?next=${encodeURIComponent(drilled.pathname + drilled.search)}`);
  await expect(page.getByRole("heading", { level: 2, name: /安徽省/ })).toBeVisible();
  await expect(page.getByTestId("scope")).toHaveText(GENERATED);
  await expect(page.getByTestId("region-schools").locator("tbody tr")).toHaveCount(inAnhui);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.goto(`/lang/en?next=${encodeURIComponent(drilled.pathname + drilled.search)}`);

  const school = page.getByTestId("region-schools").locator("tbody tr a").first();
  const name = await school.innerText();
  await school.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.locator("#chart-school svg")).toBeVisible();
  await expect(page.locator("#chart-school svg text", { hasText: "Overall" })).toHaveCount(1);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /Back to the schools in Anhui/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Schools in Anhui" })).toBeVisible();
  await page.context().close();
});

test("a network admin sees their own network only; a teacher is refused", async ({ browser }) => {
  const page = await open(browser, "network@demo.equimark.test");
  await page.goto("/");
  // Their home leads to their network's dashboard in one click.
  await expect(page.getByRole("heading", { level: 2, name: "Your networks" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/lang/zh?next=${encodeURIComponent("/")}`);
  await expect(page.getByRole("heading", { level: 2, name: "您的网络" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`/lang/en?next=${encodeURIComponent("/")}`);
  await page.getByRole("main").getByRole("link", { name: "Northern Inclusion Alliance: dashboard" }).click();
  await expect(page.getByTestId("scope")).toHaveText("Northern Inclusion Alliance");
  await expect(page.getByTestId("schools")).toHaveText("3");
  await expect(page.getByLabel("Schools to show")).toHaveCount(0);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.context().close();

  const teacher = await open(browser, TEACHER);
  await teacher.goto("/");
  await expect(teacher.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  await teacher.goto("/dashboard");
  await expect(teacher.getByRole("alert")).toHaveText("You do not have permission to do that.");
  await teacher.context().close();
});

test("the dashboard reads in Chinese and passes axe", async ({ browser }) => {
  const page = await open(browser, ADMIN, "zh-CN");
  // The admin's profile says English; choosing Chinese overrides it.
  await page.goto(`/lang/zh?next=${encodeURIComponent("/dashboard")}`);
  await expect(page.getByRole("heading", { level: 1, name: "网络仪表板" })).toBeVisible();
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await page.context().close();
});

// Last: it adds a demo school to the generated network.
test("5,000 schools come a page at a time; search finds one, and an admin adds it to a network", async ({ browser }) => {
  const page = await open(browser, ADMIN);
  const all = SCHOOLS + 4;
  await page.goto("/schools");
  await expect(page.getByTestId("page-range")).toHaveText(`Schools 1 to 50 of ${all}`);
  await expect(page.locator("#school-table tbody tr")).toHaveCount(50);
  await waitForHydration(page);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("page-range")).toHaveText(`Schools 51 to 100 of ${all}`);
  await expect(page).toHaveURL(/page=1/);
  // Typing searches every school on the server, from the first page.
  const wanted = (await page.locator("#school-table tbody tr a").first().textContent()) ?? "";
  await page.getByLabel("Filter schools").fill(wanted);
  await expect(page.getByTestId("page-range")).toContainText("Schools 1 to ");
  await expect(page.getByTestId("page-range")).not.toContainText(`of ${all}`);
  await expect(page.locator("#school-table tbody tr a").first()).toHaveText(wanted);
  await expect(page.getByLabel("Filter schools")).toBeFocused();
  await expectNoAxeViolations(page);

  // Forms that choose one school offer the first 50 and a search, not 5,004 options.
  await page.goto("/admin");
  await expect(page.locator("#school option")).toHaveCount(51);
  await page.getByLabel("Find the school").fill("oak tree");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.locator("#school option")).toHaveText(["No school", "Oak Tree Special School, York"]);
  await expectNoAxeViolations(page);
  await page.goto("/clusters");
  await expect(page.locator("#cluster-lead option")).toHaveCount(50);
  await page.getByLabel("Find the lead school").fill("oak tree");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(page.locator("#cluster-lead option")).toHaveText(["Oak Tree Special School, York"]);
  await expect(page.getByText("Schools: 1", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // The generated network's 5,000 members, 50 at a time; a school outside it is found and added.
  await page.goto("/networks");
  await page.getByRole("link", { name: GENERATED }).click();
  await expect(page.getByRole("heading", { level: 1, name: GENERATED })).toBeVisible();
  await expect(page.getByTestId("page-range")).toHaveText(`Schools 1 to 50 of ${SCHOOLS}`);
  await page.getByLabel("Find a school to add").fill("riverside");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  const add = page.getByRole("button", { name: "Add the school Riverside Primary School" });
  await expect(add).toHaveCount(1);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  await add.click();
  await expect(page.getByTestId("page-range")).toHaveText(`Schools 1 to 50 of ${SCHOOLS + 1}`);
  await expect(page.getByText("No school outside the network matches.")).toBeVisible();
  await page.context().close();
});
