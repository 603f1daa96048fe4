import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The server under test: the release binary built by scripts/test.sh, on its
// own port, with a fresh data directory (so a fresh SQLite file and demo data).
const port = Number(process.env.EQUIMARK_E2E_PORT ?? 3100);
// This file is read again in every worker process: the workers take the
// folder the main process made (they inherit its environment), and the
// tests read the server's mail (delivered into dataDir/mail) from there.
const dataDir = process.env.EQUIMARK_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "equimark-e2e-"));
process.env.EQUIMARK_E2E_DATA_DIR = dataDir;

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    headless: true,
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumArgs,
    },
    locale: "en-GB",
    trace: "off",
  },
  webServer: {
    command: process.env.EQUIMARK_BIN ?? "../target/release/equimark",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      EQUIMARK_PORT: String(port),
      EQUIMARK_DATA_DIR: dataDir,
      EQUIMARK_SITE_ROOT: process.env.EQUIMARK_SITE_ROOT ?? "../target/site",
      EQUIMARK_LOG: "warn",
    },
  },
});
