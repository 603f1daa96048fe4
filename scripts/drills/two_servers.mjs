// Two app servers on one PostgreSQL, as behind a load balancer: an evidence
// file uploaded through one downloads through the other (files live in the
// database), and when one is killed under load the other keeps serving.
//
//   DATABASE_URL=postgres://… node scripts/drills/two_servers.mjs PORT_A PORT_B
import { COORDINATOR, Client, check, pdf, sleep, startAssessment, startServer, stopServer } from "./lib.mjs";

const [portA, portB] = process.argv.slice(2).map(Number);
const [a, b] = await Promise.all([startServer(portA, {}), startServer(portB, {})]);
const onA = await new Client(portA).signIn(COORDINATOR);
const { id, view } = await startAssessment(onA);
const indicator = view.framework.elements[0].indicators[0].id;
const file = pdf(200 * 1024);
const uploaded = await onA.upload(`/assessments/${id}/evidence`, { indicator, title: "" }, { name: "policy.pdf", bytes: file });
check(!uploaded.location.includes("upload_problem"), `upload through A: ${uploaded.location}`);

// The same session works on B (sessions live in the database too).
const onB = new Client(portB);
onB.cookie = onA.cookie;
const evidence = (await onB.call("assessment", { id })).json.evidence;
const download = await onB.get(`/evidence/${evidence[0].id}/file`);
check(download.status === 200 && download.body.equals(file), `through B the file is ${download.status}, ${download.body.length} bytes`);

// Load on B while A is killed: B answers every request.
const seen = [];
let stopping = false;
const workers = Array.from({ length: 6 }, async () => {
  while (!stopping) {
    const res = await onB.call("assessment", { id });
    seen.push(res.status);
  }
});
await sleep(1500);
await stopServer(a, "SIGKILL");
await sleep(3000);
stopping = true;
await Promise.all(workers);
await stopServer(b);
const failed = seen.filter((s) => s !== 200);
check(seen.length > 50 && failed.length === 0, `B answered ${failed.length} of ${seen.length} requests with errors: ${failed.slice(0, 5)}`);
console.log(`two servers drill: a file uploaded through A downloaded whole through B; B answered all ${seen.length} requests while A was killed`);
