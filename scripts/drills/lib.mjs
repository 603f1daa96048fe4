// What the drills share: starting and stopping a real server (the release
// binary), signing in, calling server functions, and failing loudly.
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

export { sleep };

export const COORDINATOR = "coordinator@demo.equimark.test";
export const ADMIN = "admin@demo.equimark.test";
const PASSWORD = "equimark-demo";

/** Every server a drill started: none outlives the drill. */
const servers = new Set();
process.on("exit", () => {
  for (const child of servers) child.kill("SIGKILL");
});

/** Stops the drill with a message. */
export function fail(message) {
  console.error(`DRILL FAILED: ${message}`);
  process.exit(1);
}

export function check(condition, message) {
  if (!condition) fail(message);
}

/** Starts the server on `port` with `env` added; resolves when it answers. */
export async function startServer(port, env) {
  const child = spawn(process.env.EQUIMARK_BIN, [], {
    env: { ...process.env, EQUIMARK_PORT: String(port), EQUIMARK_LOG: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  servers.add(child);
  let exited = null;
  child.once("exit", (code, signal) => {
    exited = { code, signal };
    servers.delete(child);
  });
  for (let i = 0; i < 300; i++) {
    if (exited) fail(`the server on port ${port} exited at start: ${JSON.stringify(exited)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return child;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  fail(`the server on port ${port} did not start`);
}

/** Stops a server: `SIGKILL` to crash it, `SIGTERM` to stop it gracefully. */
export async function stopServer(child, signal = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

/** A client of one server: a base address and, once signed in, a session. */
export class Client {
  constructor(port) {
    this.base = `http://127.0.0.1:${port}`;
    this.cookie = "";
  }

  async signIn(email) {
    const res = await this.call("sign_in", { email, password: PASSWORD, next: "/" });
    check(res.status === 200, `sign in as ${email}: ${res.status} ${res.text}`);
    return this;
  }

  /** Calls a server function as the app's pages do; never throws. */
  async call(endpoint, form, { timeoutMs = 15000 } = {}) {
    const started = Date.now();
    try {
      const res = await fetch(`${this.base}/api/${endpoint}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
          Cookie: this.cookie,
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const setCookie = res.headers.get("set-cookie");
      const session = setCookie?.match(/(?:__Host-)?equimark_session=([^;]+)/);
      if (session && session[1]) this.cookie = session[0];
      const text = await res.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, text, json, ms: Date.now() - started };
    } catch (error) {
      return { status: 0, text: String(error), json: null, ms: Date.now() - started };
    }
  }

  async get(path, { timeoutMs = 15000 } = {}) {
    const started = Date.now();
    try {
      const res = await fetch(`${this.base}${path}`, {
        headers: { Cookie: this.cookie },
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = Buffer.from(await res.arrayBuffer());
      return { status: res.status, body, headers: res.headers, ms: Date.now() - started };
    } catch (error) {
      return { status: 0, body: Buffer.from(String(error)), headers: new Headers(), ms: Date.now() - started };
    }
  }

  /** Posts a multipart form (a file upload) to `path`. */
  async upload(path, fields, file) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("file", new Blob([file.bytes]), file.name);
    const res = await fetch(`${this.base}${path}`, {
      method: "POST",
      headers: { Cookie: this.cookie },
      body: form,
      redirect: "manual",
    });
    return { status: res.status, location: res.headers.get("location") ?? "" };
  }
}

/** Starts an inclusion-quality self-assessment at Riverside; its id and view. */
export async function startAssessment(coordinator) {
  const schools = await coordinator.call("list_schools", {});
  const riverside = schools.json.find((s) => s.name === "Riverside Primary School").id;
  const started = await coordinator.call("start_assessment", {
    school: riverside,
    framework: "inclusion-quality@2026.3",
    cycle: "initial",
    target_award: "inclusive-school",
  });
  check(started.status === 200, `start a self-assessment: ${started.text}`);
  const view = await coordinator.call("assessment", { id: started.json });
  return { id: started.json, view: view.json };
}

/** A small PDF of `bytes` bytes (recognised by its content). */
export function pdf(bytes) {
  const head = Buffer.from("%PDF-1.7\n");
  const tail = Buffer.from("\n%%EOF\n");
  const body = Buffer.alloc(Math.max(0, bytes - head.length - tail.length), "x");
  return Buffer.concat([head, body, tail]);
}
