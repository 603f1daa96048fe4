// Database outage drill (PostgreSQL): the database stops for 10 s under
// load. Every request is answered within 5 s, with 503 and a clear message
// while the database is away, and the server serves again on its own once
// it is back, without a restart.
//
//   PG_STOP=... PG_START=... node scripts/drills/outage.mjs PORT
import { execSync } from "node:child_process";
import { COORDINATOR, Client, check, sleep, startAssessment, startServer, stopServer } from "./lib.mjs";

const port = Number(process.argv[2]);
const server = await startServer(port, {});
const coordinator = await new Client(port).signIn(COORDINATOR);
const { id, view } = await startAssessment(coordinator);
const indicator = view.framework.elements[0].indicators[0].id;
const started = Date.now();
const seen = [];
let stopping = false;
async function load(n) {
  const client = new Client(port);
  client.cookie = coordinator.cookie;
  let base = 0;
  while (!stopping) {
    const at = Date.now() - started;
    const res =
      n % 2
        ? await client.call("assessment", { id }, { timeoutMs: 8000 })
        : await client.call(
            "save_response",
            { assessment: id, indicator, level: "established", narrative: `load ${at}`, base_version: String(base) },
            { timeoutMs: 8000 },
          );
    if (res.status === 200 && res.json?.version) base = res.json.version;
    if (res.status === 409 && res.json?.StaleResponse) base = res.json.StaleResponse.current.version;
    seen.push({ at, status: res.status, ms: res.ms, text: res.text });
    await sleep(50);
  }
}
const workers = Array.from({ length: 8 }, (_, n) => load(n));
await sleep(3000);
execSync(process.env.PG_STOP, { stdio: "inherit" });
const down = Date.now() - started;
await sleep(3000);
const page = await coordinator.get("/schools", { timeoutMs: 8000 });
await sleep(7000);
const restarting = Date.now() - started;
execSync(process.env.PG_START, { stdio: "inherit" });
const up = Date.now() - started;
await sleep(10000);
stopping = true;
await Promise.all(workers);
await stopServer(server);

const slow = seen.filter((s) => s.ms > 5000);
check(slow.length === 0, `${slow.length} requests took over 5 s, e.g. ${JSON.stringify(slow[0])}`);
// Requests made and answered while the database was surely away.
const during = seen.filter((s) => s.at > down + 500 && s.at + s.ms < restarting);
check(during.length > 20, `only ${during.length} requests while the database was down`);
const unclear = during.filter((s) => s.status !== 503);
check(unclear.length === 0, `while down, answers other than 503: ${JSON.stringify(unclear.slice(0, 3))}`);
check(page.status === 503 && /unavailable/i.test(page.body.toString()), `the page while down: ${page.status} ${page.body}`);
// Back to normal: every answer is an answer (a save over another worker's
// newer one is refused as stale, 409, as it always is), none an outage.
const last = seen.filter((s) => s.at > up + 6000);
const failing = last.filter((s) => s.status !== 200 && s.status !== 409);
check(last.length > 20 && failing.length === 0, `after the database came back: ${JSON.stringify(failing.slice(0, 3))}`);
check(last.some((s) => s.status === 200), "after the database came back, nothing succeeded");
const worst = Math.max(...seen.map((s) => s.ms));
console.log(`outage drill: ${seen.length} requests, ${during.length} answered 503 while the database was down, none over ${worst} ms; serving again within 6 s of its return`);
