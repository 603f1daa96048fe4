import { expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { spawn, ChildProcess } from "node:child_process";

/** Fails on any WCAG 2.x A/AA violation axe-core finds on the page. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Waits until the page is hydrated: the school filter only filters once the
 * browser bundle runs, so keep typing until the list reacts.
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** Starts a server of our own (for restart tests) and waits until it answers. */
export async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.env.EQUIMARK_BIN ?? "../target/release/equimark", [], {
    env: {
      ...process.env,
      EQUIMARK_PORT: String(port),
      EQUIMARK_DATA_DIR: dataDir,
      EQUIMARK_SITE_ROOT: process.env.EQUIMARK_SITE_ROOT ?? "../target/site",
      EQUIMARK_LOG: "warn",
    },
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`the server on port ${port} did not start`);
}

export async function stopServer(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}
