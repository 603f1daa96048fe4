// Replaces with a trap the body of every function of the async hydration
// path that the page cannot reach, so that wasm-opt then removes all the code
// only those functions call.
//
//   node scripts/drop-async-hydration.mjs in.wasm out.wasm
//
// Why: tachys's type-erased view (AnyView, which the router makes of every
// page) keeps a pointer to `hydrate_async` for each view type, beside the
// plain `hydrate`. The page hydrates with `leptos::mount::hydrate_body`,
// which takes the plain path only (`hydrate_async` is for lazy routes and
// `hydrate_lazy`), yet nothing can prove those pointers unused, so every
// page's async hydration code stays in the bundle: about a quarter of it.
//
// Which functions: those whose name (from the "name" section that
// wasm-bindgen keeps) says `hydrate_async` and that cannot be reached from
// the module's roots without going through one of them. The roots are the
// exports, the start function and every function that can be called through
// the table, except those named `hydrate_async`; from them the script
// follows every direct `call` and `ref.func`. Reachability matters because
// the compiler merges identical functions: the plain `hydrate` of an element
// calls a helper it shares with `hydrate_async`, and the one copy kept may
// bear the async name.
//
// Should the async path ever run, it traps ("unreachable") at once rather
// than misbehave; the browser tests would fail on the first page. The
// script stops with an error if the file has no names, none match, or it
// meets an instruction it does not know, so a change of toolchain cannot
// quietly turn it into a no-op or a wrong cut.
import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/drop-async-hydration.mjs in.wasm out.wasm");
  process.exit(2);
}
const wasm = readFileSync(input);
const fail = (message) => {
  console.error(`${input}: ${message}`);
  process.exit(1);
};
const ASYNC = "hydrate_async";

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function uleb(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = wasm[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

/** Skips a signed LEB128 (any width) at `at`; returns the next offset. */
function skipLeb(at) {
  while (wasm[at] & 0x80) at++;
  return at + 1;
}

function encodeUleb(value) {
  const bytes = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
}

/** The module's sections, in order: { id, start, end } of each one's content. */
function sections() {
  const found = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = uleb(at + 1);
    found.push({ id, start, end: start + size });
    at = start + size;
  }
  return found;
}

/** How many functions are imported (they come first in the index space). */
function importedFunctions(section) {
  let [count, at] = uleb(section.start);
  let functions = 0;
  const skipLimits = () => {
    const flags = wasm[at++];
    [, at] = uleb(at);
    if (flags & 1) [, at] = uleb(at);
  };
  for (let i = 0; i < count; i++) {
    for (let name = 0; name < 2; name++) {
      const [length, next] = uleb(at);
      at = next + length;
    }
    const kind = wasm[at++];
    if (kind === 0) {
      [, at] = uleb(at);
      functions++;
    } else if (kind === 1) {
      at++; // element type
      skipLimits();
    } else if (kind === 2) {
      skipLimits();
    } else if (kind === 3) {
      at += 2; // value type, mutability
    } else if (kind === 4) {
      at++; // tag attribute
      [, at] = uleb(at);
    } else {
      fail(`unknown import kind ${kind}`);
    }
  }
  return functions;
}

/** Function index → name, from the "name" custom section. */
function functionNames(section) {
  const names = new Map();
  let [length, at] = uleb(section.start);
  if (wasm.toString("utf8", at, at + length) !== "name") return names;
  at += length;
  while (at < section.end) {
    const subsection = wasm[at];
    const [size, start] = uleb(at + 1);
    if (subsection === 1) {
      let [count, p] = uleb(start);
      for (let i = 0; i < count; i++) {
        const [index, q] = uleb(p);
        const [nameLength, r] = uleb(q);
        names.set(index, wasm.toString("utf8", r, r + nameLength));
        p = r + nameLength;
      }
    }
    at = start + size;
  }
  return names;
}

/**
 * Walks the instructions of a body from `at` to `end` and calls `found` with
 * the index of every function they call directly or take a reference to.
 * With `end` null it walks a constant expression, up to its `end`
 * instruction, and returns the offset after it. Knows the instructions of
 * the features build-site.sh enables; anything else (SIMD, exceptions, GC)
 * stops it.
 */
function referencedFunctions(at, end, found) {
  while (end === null || at < end) {
    const op = wasm[at++];
    if (op === 0x0b && end === null) return at;
    if (op === 0x10 || op === 0xd2) {
      // call f, ref.func f
      let f;
      [f, at] = uleb(at);
      found(f);
    } else if (op >= 0x02 && op <= 0x04) {
      at = skipLeb(at); // block type: 0x40, a value type or a type index
    } else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x26) || op === 0x3f || op === 0x40) {
      [, at] = uleb(at); // br, br_if, locals, globals, table.get/set, memory.size/grow
    } else if (op === 0x0e) {
      let targets;
      [targets, at] = uleb(at);
      for (let i = 0; i <= targets; i++) [, at] = uleb(at);
    } else if (op === 0x11) {
      [, at] = uleb(at); // type
      [, at] = uleb(at); // table
    } else if (op === 0x1c) {
      let types;
      [types, at] = uleb(at);
      at += types;
    } else if (op >= 0x28 && op <= 0x3e) {
      [, at] = uleb(at); // align
      [, at] = uleb(at); // offset
    } else if (op === 0x41 || op === 0x42) {
      at = skipLeb(at);
    } else if (op === 0x43) {
      at += 4;
    } else if (op === 0x44) {
      at += 8;
    } else if (op === 0xd0) {
      at++; // ref.null's type
    } else if (op === 0xfc) {
      let sub;
      [sub, at] = uleb(at);
      if (sub <= 7) continue; // saturating float → int
      if (sub > 17) fail(`unknown instruction 0xfc ${sub}`);
      const immediates = { 8: 2, 9: 1, 10: 2, 11: 1, 12: 2, 13: 1, 14: 2, 15: 1, 16: 1, 17: 1 }[sub];
      for (let i = 0; i < immediates; i++) [, at] = uleb(at);
    } else if (
      !(op === 0x00 || op === 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b) &&
      !(op >= 0x45 && op <= 0xc4) &&
      op !== 0xd1
    ) {
      fail(`unknown instruction 0x${op.toString(16)} at byte ${at - 1}`);
    }
  }
  if (at !== end) fail(`a function body ends at byte ${end} but its instructions at ${at}`);
  return at;
}

/** Calls `found` with every function an element segment puts in a table. */
function elementFunctions(section, found) {
  let [count, at] = uleb(section.start);
  const skipExpression = () => {
    at = referencedFunctions(at, null, found);
  };
  for (let i = 0; i < count; i++) {
    let flags;
    [flags, at] = uleb(at);
    if (flags & 2 && !(flags & 1)) [, at] = uleb(at); // table index
    if (!(flags & 1)) skipExpression(); // active: its offset
    if (flags & 3) at++; // element kind or reference type
    let items;
    [items, at] = uleb(at);
    for (let j = 0; j < items; j++) {
      if (flags & 4) {
        skipExpression();
      } else {
        let f;
        [f, at] = uleb(at);
        found(f);
      }
    }
  }
}

const all = sections();
const section = (id) => all.find((s) => s.id === id);
const code = section(10);
const names = new Map();
for (const custom of all.filter((s) => s.id === 0)) {
  for (const [index, name] of functionNames(custom)) names.set(index, name);
}
if (!code || names.size === 0) fail("no code or no function names; build without stripping names");
const firstDefined = section(2) ? importedFunctions(section(2)) : 0;
const isAsync = (f) => (names.get(f) ?? "").includes(ASYNC);

// Each defined function's body: [start of its locals, end].
const bodies = [];
let [count, at] = uleb(code.start);
for (let i = 0; i < count; i++) {
  const [size, start] = uleb(at);
  bodies.push([start, start + size]);
  at = start + size;
}

// The roots.
const roots = new Set();
const exports = section(7);
if (exports) {
  let [exported, p] = uleb(exports.start);
  for (let i = 0; i < exported; i++) {
    const [length, q] = uleb(p);
    const kind = wasm[q + length];
    let index;
    [index, p] = uleb(q + length + 1);
    if (kind === 0) roots.add(index);
  }
}
if (section(8)) roots.add(uleb(section(8).start)[0]);
if (section(9)) elementFunctions(section(9), (f) => isAsync(f) || roots.add(f));
if (section(6)) {
  // Globals: ref.func in their initialisers.
  let [globals, p] = uleb(section(6).start);
  for (let i = 0; i < globals; i++) {
    p += 2; // value type, mutability
    p = referencedFunctions(p, null, (f) => roots.add(f));
  }
}

// Everything reachable from them.
const reachable = new Set();
const pending = [...roots];
while (pending.length > 0) {
  const f = pending.pop();
  if (reachable.has(f)) continue;
  reachable.add(f);
  if (f < firstDefined) continue;
  let [start, end] = bodies[f - firstDefined];
  let groups;
  [groups, start] = uleb(start);
  for (let g = 0; g < groups; g++) {
    [, start] = uleb(start);
    start++; // value type
  }
  referencedFunctions(start, end, (callee) => reachable.has(callee) || pending.push(callee));
}

// No locals; `unreachable`; `end`. Valid whatever the function's type.
const trap = Buffer.from([0x00, 0x00, 0x0b]);
const out = [];
let dropped = 0;
let kept = 0;
let droppedBytes = 0;
bodies.forEach(([start, end], i) => {
  const f = firstDefined + i;
  if (isAsync(f) && !reachable.has(f)) {
    out.push(encodeUleb(trap.length), trap);
    dropped++;
    droppedBytes += end - start;
  } else {
    if (isAsync(f)) kept++;
    out.push(encodeUleb(end - start), wasm.subarray(start, end));
  }
});
if (dropped === 0) fail(`no unreachable function named ${ASYNC}; nothing to drop`);
const content = Buffer.concat([encodeUleb(count), ...out]);
const codeHeader = all.indexOf(code) === 0 ? 8 : all[all.indexOf(code) - 1].end;
writeFileSync(
  output,
  Buffer.concat([wasm.subarray(0, codeHeader), Buffer.from([10]), encodeUleb(content.length), content, wasm.subarray(code.end)]),
);
console.log(
  `${output}: ${dropped} of ${count} functions (${droppedBytes} of ${code.end - code.start} code bytes) ` +
    `were async hydration the page cannot reach; ${kept} named ${ASYNC} are reachable and kept`,
);
