// The benchmark harness behind scripts/bench.sh (not a test: it measures).
//
//   node scripts/bench.mjs run BACKEND OUT.json   one backend: start the release
//       server on loopback, generate a network, and load each page with wrk
//   node scripts/bench.mjs report OUT.md A.json…  write the results as Markdown
//   node scripts/bench.mjs serve BACKEND PAGES.json  start and generate as `run` does,
//       write the pages (paths and cookies) to PAGES.json, and keep serving for a
//       profiler (perf record -p PID) until interrupted
//
// `run` also measures autosave with wrk (scripts/autosave.lua): EDITORS (100)
// people each saving one answer of their own, about PAUSE_MS (1000) apart as
// the wizard's one-second debounce allows; then the same editors saving back
// to back, for the most saves a second the server takes.
//
// Each page's throughput is a ratio to the bare Leptos page (BARE_URL, the
// copy of ../shared/baseline-leptos that bench.sh builds and serves): each
// run of a page is followed by a run of the bare page, and the ratio is the
// median of those pairs. With LIGHTHOUSE (the lighthouse command), `run`
// also takes Lighthouse's mobile figures for the main pages.
//
// Settings come from the environment: EQUIMARK_BIN, EQUIMARK_SITE_ROOT,
// DATABASE_URL (PostgreSQL only), BARE_URL, LIGHTHOUSE, CHROME_PATH, SCHOOLS,
// RUNS, DURATION (seconds per wrk run), CONNECTIONS ("50 200"), EDITORS,
// PAUSE_MS, BENCH_PORT.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const env = process.env;
const SCHOOLS = Number(env.SCHOOLS ?? 5000);
const RUNS = Number(env.RUNS ?? 3);
const DURATION = Number(env.DURATION ?? 5);
const CONNECTIONS = (env.CONNECTIONS ?? "50 200").split(/\s+/).filter(Boolean).map(Number);
const PORT = Number(env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = "equimark-demo";
const EDITORS = Number(env.EDITORS ?? 100);
const PAUSE_MS = Number(env.PAUSE_MS ?? 1000);
const BARE = env.BARE_URL ? { name: "bare Leptos page", url: env.BARE_URL, cookie: null } : null;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function wait(ms) {
  await new Promise((r) => setTimeout(r, ms));
}

function serverEnv(dataDir) {
  return {
    ...env,
    EQUIMARK_PORT: String(PORT),
    EQUIMARK_DATA_DIR: dataDir,
    EQUIMARK_LOG: "warn",
    EQUIMARK_DEMO: "true",
  };
}

async function startServer(dataDir) {
  const child = spawn(env.EQUIMARK_BIN, [], { env: serverEnv(dataDir), stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await wait(200);
  }
  child.kill();
  throw new Error("the server did not start");
}

function generate(dataDir) {
  const started = performance.now();
  execFileSync(env.EQUIMARK_BIN, ["generate", "--schools", String(SCHOOLS)], {
    env: serverEnv(dataDir),
    stdio: ["ignore", "inherit", "ignore"],
  });
  return (performance.now() - started) / 1000;
}

async function call(endpoint, body, cookie) {
  const res = await fetch(`${BASE}/api/${endpoint}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${endpoint}: ${res.status} ${text}`);
  return { json: JSON.parse(text), headers: res.headers };
}

async function signIn(email) {
  const { headers } = await call("sign_in", `email=${encodeURIComponent(email)}&password=${PASSWORD}&next=%2F`);
  const cookie = headers.getSetCookie().find((c) => c.startsWith("equimark_session="));
  return cookie.split(";")[0];
}

/** The pages to load, each with the account that loads it. */
async function pages() {
  const admin = await signIn("admin@demo.equimark.test");
  const coordinator = await signIn("coordinator@demo.equimark.test");
  const lead = await signIn("lead@demo.equimark.test");
  const assessor = await signIn("assessor@demo.equimark.test");
  const hillcrest = await signIn("hillcrest@demo.equimark.test");
  const me = async (cookie) => (await call("current_person", "", cookie)).json;

  // A wizard step: the first element of a new self-assessment at Riverside.
  const riverside = (await me(coordinator)).schools[0][0];
  const assessment = (
    await call(
      "start_assessment",
      `school=${riverside}&framework=inclusion-quality%402026.3&cycle=initial&target_award=inclusive-school`,
      coordinator,
    )
  ).json;
  const view = (await call("assessment", `id=${assessment}`, coordinator)).json;
  const element = view.framework.elements[0].id;

  // An assessor's review: Hillcrest's submitted self-assessment, assigned to the demo assessor.
  const hillcrestSchool = (await me(hillcrest)).schools[0][0];
  const submitted = (await call("list_assessments", `school=${hillcrestSchool}`, hillcrest)).json.find(
    (a) => a.status === "Submitted" || a.status === "submitted",
  );
  const due = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
  const review = (
    await call(
      "assign_review",
      `assessment=${submitted.id}&lead=${(await me(assessor)).viewer.account}&second=&due_on=${due}`,
      admin,
    )
  ).json;

  const clusters = (await call("clusters", "", lead)).json.clusters;
  const cluster = clusters.find((c) => c.name === "Yorkshire Inclusion Cluster") ?? clusters[0];

  return [
    { name: "not-found page", path: "/no-such-page", cookie: null },
    { name: "home (coordinator)", path: "/", cookie: coordinator, lighthouse: true },
    { name: "wizard step", path: `/assessments/${assessment}/elements/${element}`, cookie: coordinator, lighthouse: true },
    { name: "assessor's review", path: `/reviews/${review}`, cookie: assessor, lighthouse: true },
    { name: "cluster board", path: `/clusters/${cluster.id}`, cookie: lead, lighthouse: true },
    { name: "network dashboard (every school)", path: "/dashboard", cookie: admin, lighthouse: true },
  ];
}

const UNITS = { us: 1e-3, ms: 1, s: 1e3 };
/** wrk's `--latency` percentile `p` (50, 75, 90, 99), in ms. */
function parseLatency(out, p) {
  const m = out.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s)`, "m"));
  return m ? Number(m[1]) * UNITS[m[2]] : NaN;
}
function parseWrk(out) {
  const latency = (p) => parseLatency(out, p);
  const rps = out.match(/Requests\/sec:\s+([\d.]+)/);
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)/);
  return { rps: rps ? Number(rps[1]) : NaN, p50: latency(50), p99: latency(99), non2xx: errors ? Number(errors[1]) : 0 };
}

function wrk(page, connections) {
  const args = ["-t2", `-c${connections}`, `-d${DURATION}s`, "--latency", "-H", "Accept-Encoding: br, gzip"];
  if (page.cookie) args.push("-H", `Cookie: ${page.cookie}`);
  args.push(page.url ?? BASE + page.path);
  return parseWrk(execFileSync("wrk", args, { encoding: "utf8" }));
}

/** Lighthouse's mobile figures (its defaults: a slow 4G network and a 4x
 * slower CPU) for one page, the median of `LIGHTHOUSE_RUNS` (3) runs:
 * performance and accessibility scores, time to interactive, total blocking
 * time, and the browser code it downloaded (JS and wasm, as transferred). */
function lighthouse(page) {
  const runs = [];
  for (let i = 0; i < Number(env.LIGHTHOUSE_RUNS ?? 3); i++) {
    const dir = mkdtempSync(join(tmpdir(), "equimark-lighthouse-"));
    const report = join(dir, "report.json");
    const args = [
      BASE + page.path,
      "--quiet",
      "--output=json",
      `--output-path=${report}`,
      "--only-categories=performance,accessibility",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run",
    ];
    if (page.cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: page.cookie })}`);
    execFileSync(env.LIGHTHOUSE, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...env } });
    const r = JSON.parse(readFileSync(report, "utf8"));
    const code = (r.audits["network-requests"]?.details?.items ?? [])
      .filter((item) => /\.(js|wasm)(\?|$)/.test(item.url) && !/framework\.js/.test(item.url))
      .reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
    runs.push({
      performance: r.categories.performance.score,
      accessibility: r.categories.accessibility.score,
      interactiveMs: r.audits.interactive.numericValue,
      blockingMs: r.audits["total-blocking-time"].numericValue,
      codeBytes: code,
    });
  }
  const pick = (k) => median(runs.map((x) => x[k]));
  return {
    performance: pick("performance"),
    accessibility: pick("accessibility"),
    interactiveMs: pick("interactiveMs"),
    blockingMs: pick("blockingMs"),
    codeBytes: pick("codeBytes"),
  };
}

/** Server time of one page: the first request (nothing cached yet), and the
 * median of the sequential requests, one at a time; and the page's size. */
async function serverTime(page, n = 21) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(BASE + page.path, { headers: page.cookie ? { Cookie: page.cookie } : {} });
    bytes = (await res.arrayBuffer()).byteLength;
    times.push(performance.now() - started);
  }
  return { first: times[0], median: median(times), bytes };
}

function peakMemoryKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(/VmHWM:\s+(\d+)/)[1]);
}

async function firstPageBytes() {
  // What a first visit to the home page transfers: the page, then the files it links.
  const res = await fetch(`${BASE}/`, { headers: { "Accept-Encoding": "br" } });
  const html = await res.text();
  const sizes = { page: Number(execFileSync("curl", ["-s", "-o", "/dev/null", "-w", "%{size_download}", "-H", "Accept-Encoding: br", `${BASE}/`], { encoding: "utf8" })) };
  for (const [, path] of html.matchAll(/(?:href|src)="(\/pkg\/[^"]+\.(?:css|js|wasm))"/g)) {
    sizes[path] = Number(
      execFileSync("curl", ["-s", "-o", "/dev/null", "-w", "%{size_download}", "-H", "Accept-Encoding: br", BASE + path], { encoding: "utf8" }),
    );
  }
  return sizes;
}

/** Autosave: `EDITORS` people, each on their own answer (spread over four
 * new self-assessments), saving for DURATION × 4 seconds with pauses
 * averaging `pause` ms, through wrk (one thread and connection per editor,
 * scripts/autosave.lua). Returns saves per second and wrk's latencies. */
async function autosave(pause) {
  const coordinator = await signIn("coordinator@demo.equimark.test");
  const school = (await call("current_person", "", coordinator)).json.schools[0][0];
  const assessments = [];
  for (let i = 0; i < 4; i++) {
    const body = `school=${school}&framework=inclusion-quality%402026.3&cycle=initial&target_award=inclusive-school`;
    assessments.push((await call("start_assessment", body, coordinator)).json);
  }
  const view = (await call("assessment", `id=${assessments[0]}`, coordinator)).json;
  const indicators = view.framework.elements.flatMap((e) => e.indicators.map((i) => i.id));
  const args = [`-t${EDITORS}`, `-c${EDITORS}`, `-d${DURATION * 4}s`, "--latency", "-s", "scripts/autosave.lua", BASE];
  const out = execFileSync("wrk", args, {
    encoding: "utf8",
    env: {
      ...env,
      AUTOSAVE_COOKIE: coordinator,
      AUTOSAVE_ASSESSMENTS: assessments.join(","),
      AUTOSAVE_INDICATORS: indicators.join(","),
      PAUSE_MS: String(pause),
    },
  });
  const r = parseWrk(out);
  const max = out.match(/^\s*Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)/m);
  return { editors: EDITORS, pause, perSecond: r.rps, p50: r.p50, p90: parseLatency(out, 90), p99: r.p99, max: max ? Number(max[1]) * UNITS[max[2]] : NaN, non2xx: r.non2xx };
}

async function run(backend, out) {
  const dataDir = mkdtempSync(join(tmpdir(), `equimark-bench-${backend}-`));
  const server = await startServer(dataDir);
  const result = { backend, schools: SCHOOLS, runs: RUNS, duration: DURATION, pages: [] };
  try {
    result.generateSeconds = generate(dataDir);
    console.error(`${backend}: generated ${SCHOOLS} schools in ${result.generateSeconds.toFixed(1)} s`);
    const all = await pages();
    const baseline = BARE ?? all[0];
    if (BARE) all.unshift(BARE);
    for (const page of all) {
      const time = page === BARE ? { median: NaN, first: NaN, bytes: 0 } : await serverTime(page);
      const entry = { name: page.name, path: page.path, serverMs: time.median, firstMs: time.first, bytes: time.bytes, load: {} };
      for (const c of CONNECTIONS) {
        // Each run of a page is followed by a run of the baseline, and its
        // ratio is to that run: the machine's speed drifts over minutes.
        const runs = [];
        const ratios = [];
        for (let r = 0; r < RUNS; r++) {
          const x = wrk(page, c);
          runs.push(x);
          ratios.push(page === baseline ? 1 : x.rps / wrk(baseline, c).rps);
        }
        entry.load[c] = {
          rps: median(runs.map((x) => x.rps)),
          ratio: median(ratios),
          p50: median(runs.map((x) => x.p50)),
          p99: median(runs.map((x) => x.p99)),
          rpsRuns: runs.map((x) => Math.round(x.rps)),
          non2xx: runs.reduce((a, x) => a + x.non2xx, 0),
        };
        console.error(`${backend}: ${page.name} at ${c}: ${Math.round(entry.load[c].rps)} req/s (${(entry.load[c].ratio * 100).toFixed(0)}%), p99 ${entry.load[c].p99.toFixed(1)} ms`);
      }
      result.pages.push(entry);
    }
    result.autosave = [];
    for (const pause of [PAUSE_MS, 0]) {
      const a = await autosave(pause);
      console.error(`${backend}: autosave, ${a.editors} editors ${pause} ms apart: ${Math.round(a.perSecond)} saves/s, p99 ${a.p99.toFixed(1)} ms`);
      result.autosave.push(a);
    }
    result.firstPage = await firstPageBytes();
    if (env.LIGHTHOUSE) {
      result.lighthouse = [];
      for (const page of all.filter((p) => p.lighthouse)) {
        const figures = lighthouse(page);
        console.error(`${backend}: Lighthouse ${page.name}: performance ${figures.performance}, interactive ${Math.round(figures.interactiveMs)} ms, code ${Math.round(figures.codeBytes / 1024)} KB`);
        result.lighthouse.push({ name: page.name, path: page.path, ...figures });
      }
    }
    result.peakMemoryKb = peakMemoryKb(server.pid);
  } finally {
    server.kill("SIGTERM");
  }
  writeFileSync(out, JSON.stringify(result, null, 2));
}

function report(out, files) {
  const results = files.filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(f, "utf8")));
  const texts = files.filter((f) => f.endsWith(".txt")).map((f) => readFileSync(f, "utf8").trim());
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`scripts/bench.sh\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, on this 2-core machine.`,
    "Each figure is the median of the runs shown; every page is also given as a ratio to the",
    "baseline, a bare Leptos 0.8 page (`../shared/baseline-leptos`, built and served beside it), since",
    "the machine is shared and noisy: each run of a page is followed by a run of the bare page, and",
    "the ratio is the median of those pairs.",
    "",
  ];
  for (const r of results) {
    const base = r.pages[0];
    lines.push(`## ${r.backend}: ${r.schools} generated schools`, "");
    lines.push(`Generated in ${r.generateSeconds.toFixed(1)} s. Peak server memory (VmHWM): ${(r.peakMemoryKb / 1024).toFixed(0)} MB. wrk: ${r.runs} runs of ${r.duration} s per cell, 2 threads.`, "");
    lines.push("| page | HTML | server time (1 at a time: first, median) | connections | req/s (runs) | ratio to baseline | p50 | p99 |");
    lines.push("|---|---|---|---|---|---|---|---|");
    for (const p of r.pages) {
      for (const [c, l] of Object.entries(p.load)) {
        // Results written before paired runs have no ratio of their own.
        const ratio = l.ratio ?? l.rps / base.load[c].rps;
        lines.push(
          `| ${p.name} | ${p.bytes ? `${(p.bytes / 1024).toFixed(0)} KB` : "–"} | ${Number.isFinite(p.serverMs) ? `${(p.firstMs ?? NaN).toFixed(1)} ms, ${p.serverMs.toFixed(1)} ms` : "–"} | ${c} | ${Math.round(l.rps)} (${l.rpsRuns.join(", ")}) | ${(ratio * 100).toFixed(0)}% | ${l.p50.toFixed(1)} ms | ${l.p99.toFixed(1)} ms |`,
        );
      }
    }
    lines.push("");
    if (r.autosave?.length) {
      lines.push("| autosave: editors, pause between one editor's saves | saves/s | p50 | p90 | p99 | max | refused |");
      lines.push("|---|---|---|---|---|---|---|");
      for (const a of r.autosave) {
        const pause = a.pause ? `about ${a.pause} ms (as people type)` : "none (back to back: capacity)";
        lines.push(`| ${a.editors}, ${pause} | ${Math.round(a.perSecond)} | ${a.p50.toFixed(1)} ms | ${a.p90.toFixed(1)} ms | ${a.p99.toFixed(1)} ms | ${a.max.toFixed(1)} ms | ${a.non2xx} |`);
      }
      lines.push("");
    }
    if (r.lighthouse?.length) {
      lines.push("Lighthouse, mobile defaults (slow 4G, 4x CPU slowdown), median of 3 runs:", "");
      lines.push("| page | performance | time to interactive | total blocking time | accessibility | browser code (JS + wasm, transferred) |");
      lines.push("|---|---|---|---|---|---|");
      for (const l of r.lighthouse) {
        lines.push(`| ${l.name} | ${l.performance.toFixed(2)} | ${(l.interactiveMs / 1000).toFixed(1)} s | ${Math.round(l.blockingMs)} ms | ${Math.round(l.accessibility * 100)} | ${(l.codeBytes / 1024).toFixed(0)} KB |`);
      }
      lines.push("");
    }
    const total = Object.values(r.firstPage).reduce((a, b) => a + b, 0);
    lines.push(`First visit to the home page, brotli: ${Object.entries(r.firstPage).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`).join(", ")}; ${(total / 1024).toFixed(0)} KB in all.`, "");
  }
  for (const t of texts) lines.push("```", t, "```", "");
  lines.push("Changes measured side by side, old and new builds: `history.md` (kept by hand).", "");
  writeFileSync(out, lines.join("\n"));
  console.log(lines.join("\n"));
}

async function serve(backend, out) {
  const dataDir = mkdtempSync(join(tmpdir(), `equimark-bench-${backend}-`));
  const server = await startServer(dataDir);
  process.on("SIGINT", () => server.kill("SIGTERM"));
  generate(dataDir);
  writeFileSync(out, JSON.stringify({ pid: server.pid, base: BASE, pages: await pages() }, null, 2));
  console.error(`serving on ${BASE} (pid ${server.pid}); pages in ${out}`);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === "run") await run(rest[0], rest[1]);
else if (mode === "serve") await serve(rest[0], rest[1]);
else if (mode === "report") report(rest[0], rest.slice(1));
else {
  console.error("usage: bench.mjs run BACKEND OUT.json | serve BACKEND PAGES.json | report OUT.md FILES…");
  process.exit(2);
}
