import { test, expect, Browser, Page } from "@playwright/test";
import {
  ADMIN,
  DEMO_PASSWORD,
  TEACHER,
  expectNoAxeViolations,
  linkFromMail,
  outboxMessage,
  restoreDemoAccount,
  signIn,
  waitForHydration,
} from "./helpers";

// Each journey's browsers close when it ends: pages left open (live boards
// among them) would otherwise load the server for the journeys after it.
test.afterEach(async ({ browser, context }) => {
  await Promise.all(browser.contexts().filter((c) => c !== context).map((c) => c.close()));
});

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("signing in through the form, a wrong password, and signing out", async ({ page }) => {
  await page.goto("/schools");
  await expect(page.getByText("Sign in to see this page.")).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fschools$/);
  await waitForHydration(page);
  await page.getByLabel("Email address").fill(TEACHER);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("The email address or password is not right.");
  await expect(page.getByLabel("Email address")).toHaveValue(TEACHER);
  await expectNoAxeViolations(page);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/schools$/);
  await expect(page.getByRole("link", { name: "Riverside Primary School" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Hillcrest Academy" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Your account" })).toContainText("Tara Teacher");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("signing in works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in?next=/profile");
  await page.getByLabel("Email address").fill(TEACHER);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await context.close();
});

test("an admin invites a coordinator, who invites a teacher, who sees only their school; tampering is refused and audited", async ({
  browser,
}) => {
  const admin = await signedInPage(browser, ADMIN);
  // The admin finds another school's address for later.
  await admin.goto("/schools");
  const riverside = await admin.getByRole("link", { name: "Riverside Primary School" }).getAttribute("href");

  // 1. The admin invites a coordinator to Oak Tree Special School.
  await admin.goto("/admin");
  await waitForHydration(admin);
  await admin.getByLabel("Email address").fill("noor@oak.example");
  await admin.getByLabel("Role").selectOption("coordinator");
  await admin.getByLabel("School", { exact: true }).selectOption({ label: "Oak Tree Special School, York" });
  await admin.getByRole("button", { name: "Send the invitation" }).click();
  await expect(admin.getByRole("status")).toContainText("Invitation sent to noor@oak.example.");
  await expect(admin.getByRole("cell", { name: "noor@oak.example", exact: true })).toBeVisible();
  const coordinatorLink = await linkFromMail("noor@oak.example", "/invitations/");
  // The admin sees the message in the outbox, but never its live link.
  const seen = await outboxMessage(admin, "noor@oak.example");
  // (masked while it waits; once delivered, only a note that it was sent)
  expect(seen).toMatch(/\/invitations\/…|link: sent to the recipient only/);
  expect(seen).not.toContain(coordinatorLink.split("/").pop()!);
  await expectNoAxeViolations(admin);

  // 2. The coordinator accepts: a wrong first try, then right.
  const coordinatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  await coordinator.goto(coordinatorLink);
  await waitForHydration(coordinator);
  await expect(coordinator.getByText("Inclusion coordinator")).toBeVisible();
  await expect(coordinator.getByText("Oak Tree Special School")).toBeVisible();
  await coordinator.getByLabel("Your name").fill("Noor Oak");
  await coordinator.getByLabel("New password", { exact: true }).fill("short");
  await coordinator.getByLabel("Type the new password again").fill("short");
  await coordinator.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(coordinator.locator("#password-error")).toContainText("at least 10 characters");
  await expectNoAxeViolations(coordinator);
  // What was typed is still there, except the passwords.
  await expect(coordinator.getByLabel("Your name")).toHaveValue("Noor Oak");
  await expect(coordinator.getByLabel("New password", { exact: true })).toHaveValue("");
  await coordinator.getByLabel("New password", { exact: true }).fill("oak tree inclusion 2026");
  await coordinator.getByLabel("Type the new password again").fill("oak tree inclusion 2026");
  await coordinator.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(coordinator).toHaveURL(/\/$/);
  await expect(coordinator.getByRole("navigation", { name: "Your account" })).toContainText("Noor Oak");

  // The link works once.
  const again = await browser.newPage();
  await again.goto(coordinatorLink);
  await expect(again.getByRole("alert")).toContainText("expired or has already been used");
  await again.close();

  // 3. The coordinator invites a teacher to their school.
  await coordinator.getByRole("link", { name: "Oak Tree Special School" }).click();
  await expect(coordinator.getByRole("heading", { level: 1, name: "Oak Tree Special School" })).toBeVisible();
  await waitForHydration(coordinator);
  await coordinator.getByLabel("Email address").fill("tomas@oak.example");
  await coordinator.getByLabel("Role").selectOption("teacher");
  await coordinator.getByRole("button", { name: "Send the invitation" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "Invitation sent" })).toContainText(
    "tomas@oak.example",
  );
  await expect(coordinator.getByRole("cell", { name: "tomas@oak.example", exact: true })).toBeVisible();
  await expectNoAxeViolations(coordinator);

  // 4. The teacher accepts and sees only Oak Tree.
  const teacherLink = await linkFromMail("tomas@oak.example", "/invitations/");
  const teacherContext = await browser.newContext();
  const teacher = await teacherContext.newPage();
  await teacher.goto(teacherLink);
  await waitForHydration(teacher);
  await teacher.getByLabel("Your name").fill("Tomás Teacher");
  await teacher.getByLabel("New password", { exact: true }).fill("teaching for everyone");
  await teacher.getByLabel("Type the new password again").fill("teaching for everyone");
  await teacher.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(teacher.getByRole("navigation", { name: "Your account" })).toContainText("Tomás Teacher");
  await teacher.goto("/schools");
  await expect(teacher.getByRole("link", { name: "Oak Tree Special School" })).toBeVisible();
  await expect(teacher.getByRole("link", { name: "Riverside Primary School" })).toHaveCount(0);
  await teacher.goto(riverside!);
  await expect(teacher.getByRole("alert")).toContainText("We could not find that.");

  // 5. Tampered requests are refused: a teacher editing the school, and a
  //    post from another site with the teacher's cookie.
  await teacher.goto("/schools");
  const oak = await teacher.getByRole("link", { name: "Oak Tree Special School" }).getAttribute("href");
  const oakId = oak!.split("/").pop()!;
  const status = await teacher.evaluate(async (id) => {
    const response = await fetch("/api/update_school", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: `id=${id}&region=Tampered&contact_email=`,
    });
    return response.status;
  }, oakId);
  expect(status).toBe(403);
  const forged = await teacherContext.request.post("/api/update_school", {
    form: { id: oakId, region: "Forged", contact_email: "" },
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
  });
  expect(forged.status()).toBe(403);
  await coordinator.reload();
  await expect(coordinator.getByText("Tampered")).toHaveCount(0);
  await expect(coordinator.getByText("Forged")).toHaveCount(0);

  // 6. The audit log shows it all, and filters.
  await admin.goto("/admin/audit");
  await expect(admin.getByRole("cell", { name: "invitation created" }).first()).toBeVisible();
  await expect(admin.getByRole("cell", { name: "invitation accepted" }).first()).toBeVisible();
  await expect(admin.getByRole("cell", { name: "access denied" }).first()).toBeVisible();
  await admin.getByLabel("Action").selectOption("access_denied");
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/action=access_denied/);
  await expect(admin.getByRole("cell", { name: "tomas@oak.example" }).first()).toBeVisible();
  await expect(admin.getByRole("cell", { name: "signed in" })).toHaveCount(0);
  await expectNoAxeViolations(admin);

  await teacherContext.close();
  await coordinatorContext.close();
  await admin.context().close();
});

test("a forgotten password is reset through the emailed link, once", async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto("/forgot-password");
  await waitForHydration(page);
  await page.getByLabel("Email address").fill("not an email");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.locator("#email-error")).toContainText("right format");
  await page.getByLabel("Email address").fill("lead@demo.equimark.test");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address");

  const link = await linkFromMail("lead@demo.equimark.test", "/reset-password/");
  await page.goto(link);
  await waitForHydration(page);
  await page.getByLabel("New password", { exact: true }).fill("a lead for the cluster");
  await page.getByLabel("Type the new password again").fill("a lead for the cluster!");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.locator("#confirm-error")).toContainText("not the same");
  // Passwords are never kept: both are typed again.
  await page.getByLabel("New password", { exact: true }).fill("a lead for the cluster");
  await page.getByLabel("Type the new password again").fill("a lead for the cluster");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1/);
  await expect(page.getByRole("status")).toContainText("Your password has been changed");
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("expired or has already been used");
  await page.close();
  await restoreDemoAccount(browser, "lead@demo.equimark.test", "a lead for the cluster", "Lee Cluster-Lead");
});

test("the profile changes name and language, and the password", async ({ page, browser }) => {
  await signIn(page, "assessor@demo.equimark.test");
  await page.goto("/profile");
  await waitForHydration(page);
  await expect(page.getByText("Assessor · Riverside Primary School")).toBeVisible();
  await page.getByLabel("Your name").fill("Asha A. Assessor");
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "个人资料" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "您的账户" })).toContainText("Asha A. Assessor");
  await page.getByRole("link", { name: "English" }).click();
  await page.getByLabel("Current password").fill("wrong");
  await page.getByLabel("New password", { exact: true }).fill("assessing fairly 2026");
  await page.getByLabel("Type the new password again").fill("assessing fairly 2026");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.locator("#current-error")).toContainText("not right");
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("assessing fairly 2026");
  await page.getByLabel("Type the new password again").fill("assessing fairly 2026");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "password has been changed" })).toBeVisible();
  await restoreDemoAccount(browser, "assessor@demo.equimark.test", "assessing fairly 2026", "Asha Assessor");
});

test("an admin imports a framework file; a broken file is refused with its line", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/frameworks/import");
  await page.getByLabel("Framework file").setInputFiles({
    name: "broken.toml",
    mimeType: "application/toml",
    buffer: Buffer.from('format = 1\nid = "x"\n'),
  });
  await page.getByRole("button", { name: "Check and publish" }).click();
  await expect(page.getByRole("alert")).toContainText("The file has a problem");
  await expect(page.getByRole("alert")).toContainText("broken.toml");
  const exported = await (await page.request.get("/frameworks/iso-21001-gap/2026.2/export")).text();
  await page.getByLabel("Framework file").setInputFiles({
    name: "iso.toml",
    mimeType: "application/toml",
    buffer: Buffer.from(exported.replace('version = "2026.2"', 'version = "2026.9"')),
  });
  await page.getByRole("button", { name: "Check and publish" }).click();
  await expect(page).toHaveURL(/\/frameworks\/iso-21001-gap\/2026\.9/);
  await page.goto("/frameworks");
  await expect(page.getByText("2026.9")).toBeVisible();
});
