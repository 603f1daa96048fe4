import { expect, Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { spawn, ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

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
 * Waits until the page's islands (the parts a person interacts with) have
 * come to life. A page without islands loads no script: it is ready as drawn.
 */
export async function waitForHydration(page: Page) {
  if ((await page.locator("leptos-island").count()) === 0) return;
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

export const DEMO_PASSWORD = "equimark-demo";
export const ADMIN = "admin@demo.equimark.test";
export const COORDINATOR = "coordinator@demo.equimark.test";
export const TEACHER = "teacher@demo.equimark.test";

/**
 * Signs the page's browser context in without going through the form (the
 * sign-in form itself is tested in accounts.spec.ts): the session cookie
 * lands in the context, as it would from the form.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const response = await page.context().request.post("/api/sign_in", {
    form: { email, password, next: "/" },
    headers: { Accept: "application/json" },
  });
  expect(response.status(), `sign in as ${email}`).toBe(200);
}

/**
 * Puts a demo account back as the seed made it (password and name), after
 * a test changed them: later journeys sign in with the demo password.
 */
export async function restoreDemoAccount(browser: Browser, email: string, password: string, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  const headers = { Accept: "application/json" };
  const changed = await context.request.post("/api/change_password", {
    form: { current: password, password: DEMO_PASSWORD, confirm: DEMO_PASSWORD },
    headers,
  });
  expect(changed.status(), `${email}'s password back`).toBe(200);
  const renamed = await context.request.post("/api/update_profile", { form: { name, language: "en" }, headers });
  expect(renamed.status(), `${email}'s name back`).toBe(200);
  await context.close();
}

/** A mail file's text with its body decoded (base64 or quoted-printable). */
function decodedMail(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const [head, body] = [raw.slice(0, split), raw.slice(split).trim()];
  if (/Content-Transfer-Encoding: base64/i.test(head)) {
    return head + "\n\n" + Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return head + "\n\n" + Buffer.from(bytes, "latin1").toString("utf8");
  }
  return raw;
}

/**
 * The newest link to `path` mailed to `recipient`. Without an SMTP server
 * (as under test) Equimark delivers mail as .eml files into the data
 * directory's mail folder, within a second or so of sending it; admins
 * see only the message with its link masked.
 */
export async function linkFromMail(recipient: string, path: string): Promise<string> {
  const folder = join(process.env.EQUIMARK_E2E_DATA_DIR ?? "", "mail");
  for (let i = 0; i < 50; i++) {
    const mails = readdirSync(folder, { withFileTypes: true })
      .filter((f) => f.name.endsWith(".eml"))
      .map((f) => join(folder, f.name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
      .map((file) => decodedMail(readFileSync(file, "utf8")))
      .filter((text) => new RegExp(`^To: .*${recipient.replace(/[.]/g, "\\.")}`, "m").test(text));
    const match = mails.map((text) => text.match(new RegExp(`https?://\\S*(${path}\\S+)`))).find((m) => m);
    if (match) return match[1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${path} link mailed to ${recipient}`);
}

/** The message to `recipient` as an admin sees it in the outbox: the link masked. */
export async function outboxMessage(adminPage: Page, recipient: string): Promise<string> {
  await adminPage.goto("/admin/outbox");
  const message = adminPage.locator("article.message").filter({ hasText: recipient }).first();
  return message.locator(".message-body").innerText();
}
