import { test, Page } from "@playwright/test";
import { ADMIN, COORDINATOR, TEACHER, expectNoAxeViolations, signIn, waitForHydration } from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

/** Who looks at each page: nobody (signed out), or a demo account. */
const pages: Array<[string, string | null]> = [
  ["/", null],
  ["/", COORDINATOR],
  ["/", TEACHER],
  ["/", ADMIN],
  ["/", "assessor@demo.equimark.test"],
  ["/accessibility", null],
  ["/sign-in", null],
  ["/forgot-password", null],
  ["/reset-password/not-a-real-token", null],
  ["/invitations/not-a-real-token", null],
  ["/schools", null],
  ["/schools", ADMIN],
  ["school:Riverside Primary School", COORDINATOR],
  ["/profile", COORDINATOR],
  ["/networks", ADMIN],
  ["network:Northern Inclusion Alliance", ADMIN],
  ["network:Northern Inclusion Alliance", "network@demo.equimark.test"],
  ["/admin", ADMIN],
  ["/admin/outbox", ADMIN],
  ["/admin/audit", ADMIN],
  ["/admin/frameworks/import", ADMIN],
  ["/admin/fees", ADMIN],
  ["/reviews", ADMIN],
  ["/reviews", "assessor@demo.equimark.test"],
  ["/calendar", ADMIN],
  ["/appeals", ADMIN],
  ["/notifications", COORDINATOR],
  ["/directory", null],
  ["/verify", null],
  ["/frameworks", null],
  ["/frameworks/inclusion-quality/2026.3", null],
  ["/frameworks/unesco-inclusion-equity/2026.2", null],
  ["/frameworks/iso-21001-gap/2026.2", null],
  ["/frameworks/inclusion-quality/2026.3/try", null],
  ["/no-such-page", null],
];

/** A school's or network's page address, found from its list. */
async function resolve(page: Page, path: string): Promise<string> {
  const [kind, name] = path.split(":");
  if (!name) return path;
  await page.goto(kind === "school" ? "/schools" : "/networks");
  const href = await page.getByRole("link", { name }).getAttribute("href");
  return href!;
}

for (const locale of ["en-GB", "zh-CN"]) {
  for (const [path, who] of pages) {
    test(`axe finds no violations on ${path} as ${who ?? "nobody"} (${locale})`, async ({ browser }) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      if (who) await signIn(page, who);
      await page.goto(await resolve(page, path));
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      await context.close();
    });
  }
}
