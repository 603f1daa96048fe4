// Crash drill: 100 editors autosave at once and the server is killed with
// SIGKILL in the middle. After a restart, every save that was answered 2xx
// is there with its version, and no save that was refused is.
//
//   node scripts/drills/crash.mjs PORT   (DATABASE_URL or EQUIMARK_DATA_DIR set by drills.sh)
import { COORDINATOR, Client, check, sleep, startAssessment, startServer, stopServer } from "./lib.mjs";

const port = Number(process.argv[2]);
const EDITORS = 100;
let server = await startServer(port, {});
const coordinator = await new Client(port).signIn(COORDINATOR);
const { id, view } = await startAssessment(coordinator);
const indicators = view.framework.elements.flatMap((e) => e.indicators.map((i) => i.id));

// Each editor keeps one answer and saves it again and again; several
// editors share an answer, so some saves are refused as stale (409).
// Each editor signs in with a session of their own (one after another: a
// hundred sign-ins at once from one address would be throttled).
const editors = [];
for (let n = 0; n < EDITORS; n++) {
  const client = await new Client(port).signIn(COORDINATOR);
  editors.push({ n, client, indicator: indicators[n % indicators.length], base: 0, saves: [] });
}
let killed = false;
async function edit(editor) {
  for (let k = 0; !killed; k++) {
    const text = `editor ${editor.n} save ${k}`;
    const save = { text, status: null, version: null };
    editor.saves.push(save);
    const res = await editor.client.call("save_response", {
      assessment: id,
      indicator: editor.indicator,
      level: "established",
      narrative: text,
      base_version: String(editor.base),
    });
    save.status = res.status;
    if (res.status === 200) {
      save.version = res.json.version;
      editor.base = res.json.version;
    } else if (res.status === 409 && res.json?.StaleResponse) {
      editor.base = res.json.StaleResponse.current.version;
    } else if (res.status === 0) {
      return; // the server is gone: this save's fate is unknown
    }
  }
}
const running = editors.map(edit);
await sleep(2500);
killed = true;
await stopServer(server, "SIGKILL");
await Promise.all(running);

server = await startServer(port, {});
const after = await new Client(port).signIn(COORDINATOR);
const stored = (await after.call("assessment", { id })).json.responses;
let answered = 0;
let refused = 0;
for (const indicator of indicators) {
  const saves = editors.filter((e) => e.indicator === indicator).flatMap((e) => e.saves);
  const acked = saves.filter((s) => s.status === 200);
  answered += acked.length;
  refused += saves.filter((s) => s.status !== 200 && s.status !== 0).length;
  const inFlight = new Set(saves.filter((s) => s.status === 0 || s.status === null).map((s) => s.text));
  const refusedTexts = new Set(saves.filter((s) => s.status !== 200 && s.status !== 0 && s.status !== null).map((s) => s.text));
  const latest = acked.reduce((a, b) => (b.version > a.version ? b : a), { version: 0, text: null });
  const kept = stored.find((r) => r.indicator === indicator);
  if (latest.version === 0) {
    check(!kept || inFlight.has(kept.narrative), `${indicator}: nothing was answered, yet "${kept?.narrative}" is stored`);
    continue;
  }
  check(kept, `${indicator}: the answered save v${latest.version} is lost`);
  check(kept.version >= latest.version, `${indicator}: v${kept.version} stored, v${latest.version} was answered`);
  if (kept.version === latest.version) {
    check(kept.narrative === latest.text, `${indicator}: v${kept.version} holds "${kept.narrative}", not "${latest.text}"`);
  } else {
    check(inFlight.has(kept.narrative), `${indicator}: "${kept.narrative}" (v${kept.version}) was never answered or in flight`);
  }
  check(!refusedTexts.has(kept.narrative), `${indicator}: a refused save "${kept.narrative}" is stored`);
}
check(answered > 200, `only ${answered} saves were answered before the kill`);
await stopServer(server);
console.log(`crash drill: ${answered} saves answered and all kept, ${refused} refused and none kept, after SIGKILL`);
