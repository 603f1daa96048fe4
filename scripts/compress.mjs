// Writes .br and .gz copies next to each .js, .wasm and .css file in a folder,
// so the server can send them pre-compressed; prints the sizes.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2];
for (const name of readdirSync(dir)) {
  if (!/\.(js|wasm|css)$/.test(name)) continue;
  const raw = readFileSync(join(dir, name));
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(dir, name + ".br"), br);
  writeFileSync(join(dir, name + ".gz"), gz);
  console.log(`${name}: ${raw.length} bytes raw, ${gz.length} gzip, ${br.length} brotli`);
}
