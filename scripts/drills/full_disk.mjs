// Full disk drill (SQLite): the data directory is a small filesystem. An
// upload that does not fit is refused with a clear message, and no row or
// partial file stays; once there is room again, the same upload works.
//
//   EQUIMARK_DATA_DIR=/mounted/tmpfs node scripts/drills/full_disk.mjs PORT
import { readdirSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COORDINATOR, Client, check, pdf, startAssessment, startServer, stopServer } from "./lib.mjs";

const port = Number(process.argv[2]);
const dir = process.env.EQUIMARK_DATA_DIR;
const server = await startServer(port, {});
const coordinator = await new Client(port).signIn(COORDINATOR);
const { id, view } = await startAssessment(coordinator);
const indicator = view.framework.elements[0].indicators[0].id;
const filesBefore = readdirSync(dir).sort();

// Fill the disk, leaving about 1 MB: a 9 MB file cannot fit (SQLite
// writes into its write-ahead log first, which may already hold a few MB
// of room from earlier writes).
const free = () => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};
const filler = join(dir, "filler");
writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 1024 * 1024)));
const big = pdf(9 * 1024 * 1024);
const refused = await coordinator.upload(`/assessments/${id}/evidence`, { indicator, title: "" }, { name: "big.pdf", bytes: big });
check(refused.status === 303 || refused.status === 302, `a refused upload answers ${refused.status}`);
check(refused.location.includes("upload_problem=no_space"), `the refusal says why: ${refused.location}`);
const page = await coordinator.get(refused.location);
check(/no room/i.test(page.body.toString()), "the page says there is no room");
let evidence = (await coordinator.call("assessment", { id })).json.evidence;
check(evidence.length === 0, `a refused upload left ${evidence.length} evidence rows`);
const left = readdirSync(dir).filter((f) => !filesBefore.includes(f) && f !== "filler");
check(left.length === 0, `a refused upload left files: ${left}`);

// Room again: the same upload works, and the server never needed a restart.
rmSync(filler);
const accepted = await coordinator.upload(`/assessments/${id}/evidence`, { indicator, title: "" }, { name: "big.pdf", bytes: big });
check(!accepted.location.includes("upload_problem"), `with room, the upload is refused: ${accepted.location}`);
evidence = (await coordinator.call("assessment", { id })).json.evidence;
check(evidence.length === 1, `with room, ${evidence.length} evidence rows`);
const download = await coordinator.get(`/evidence/${evidence[0].id}/file`);
check(download.status === 200 && download.body.equals(big), "the file downloads whole");
await stopServer(server);
console.log("full disk drill: an upload that did not fit was refused with its reason and left nothing; with room it was kept whole");
