import { test } from "@playwright/test";
import { expectNoAxeViolations, waitForHydration } from "./helpers";

const pages = [
  "/",
  "/schools",
  "/frameworks",
  "/frameworks/inclusion-quality/2026.1",
  "/frameworks/unesco-inclusion-equity/2026.1",
  "/frameworks/iso-21001-gap/2026.1",
  "/frameworks/inclusion-quality/2026.1/try",
  "/no-such-page",
];

for (const locale of ["en-GB", "zh-CN"]) {
  for (const path of pages) {
    test(`axe finds no violations on ${path} (${locale})`, async ({ browser }) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(path);
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      await context.close();
    });
  }
}
