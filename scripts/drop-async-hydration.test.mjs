// Tests of drop-async-hydration.mjs on small modules written as text:
//   node --test scripts/drop-async-hydration.test.mjs
// (needs binaryen's wasm-as, wasm-dis and wasm-opt on PATH, as lib.sh puts them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const script = new URL("./drop-async-hydration.mjs", import.meta.url).pathname;

/** Assembles `wat` (with its names unless `names` is false) and runs the script on it. */
function cut(wat, { names = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "drop-async-"));
  try {
    writeFileSync(join(dir, "in.wat"), wat);
    execFileSync("wasm-as", [...(names ? ["-g"] : []), join(dir, "in.wat"), "-o", join(dir, "in.wasm")]);
    const run = spawnSync("node", [script, join(dir, "in.wasm"), join(dir, "out.wasm")], { encoding: "utf8" });
    if (run.status !== 0) return { status: run.status, stderr: run.stderr };
    execFileSync("wasm-opt", ["-q", join(dir, "out.wasm"), "-o", join(dir, "valid.wasm")]); // validates
    const text = execFileSync("wasm-dis", [join(dir, "out.wasm")], { encoding: "utf8" });
    // Function name → whether its body is now only a trap.
    const trapped = new Map();
    for (const [, name, body] of text.matchAll(/\(func \$(\S+) \(result i32\)\n([\s\S]*?)\n \)/g)) {
      trapped.set(name, body.trim() === "(unreachable)");
    }
    return { status: 0, trapped };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// As in a real bundle: the exported plain hydration calls a helper the
// compiler merged with its async twin (so it bears the async name); an
// AnyView's async entry sits in the table and calls the async body; a
// vtable entry of the plain path calls another merged helper. The
// constants 11 put a 0x0b byte (`end`) inside instructions and the
// element segment's offset.
const bundle = `(module
  (type $r (func (result i32)))
  (table 16 funcref)
  (elem (i32.const 11) $view::hydrate_async $Vtable::rebuild)
  (func $hydrate (export "hydrate") (result i32)
    (i32.add (call $el::hydrate_async::inner_1) (i32.const 11)))
  (func $el::hydrate_async::inner_1 (result i32) (i32.const 11))
  (func $view::hydrate_async (result i32) (call $el::hydrate_async::closure))
  (func $el::hydrate_async::closure (result i32)
    (i32.add (call $only_async) (call_indirect (type $r) (i32.const 12))))
  (func $only_async (result i32) (i32.const 3))
  (func $Vtable::rebuild (result i32) (call $x::hydrate_async::shared))
  (func $x::hydrate_async::shared (result i32) (i32.const 4))
)`;

test("traps the async functions the roots cannot reach, and only those", () => {
  const { status, trapped } = cut(bundle);
  assert.equal(status, 0);
  assert.deepEqual(Object.fromEntries(trapped), {
    hydrate: false,
    "el::hydrate_async::inner_1": false, // the plain path calls it
    "view::hydrate_async": true, // only the table holds it
    "el::hydrate_async::closure": true, // only a trapped function calls it
    only_async: false, // not named async: wasm-opt removes it afterwards
    "Vtable::rebuild": false,
    "x::hydrate_async::shared": false, // a plain table entry calls it
  });
});

test("refuses a module without function names", () => {
  const { status, stderr } = cut(bundle, { names: false });
  assert.equal(status, 1);
  assert.match(stderr, /no function names/);
});

test("refuses a module with nothing to cut", () => {
  const { status, stderr } = cut(`(module
    (func $hydrate (export "hydrate") (result i32) (call $el::hydrate_async::inner_1))
    (func $el::hydrate_async::inner_1 (result i32) (i32.const 1)))`);
  assert.equal(status, 1);
  assert.match(stderr, /nothing to drop/);
});
