#!/usr/bin/env bash
# Builds what the browser loads into target/site: the wasm bundle of the
# islands (release profile, wasm-opt), its JS glue, the stylesheet, and
# compressed copies.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

step "Building the browser bundle (wasm)"
cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
mkdir -p "$SITE/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$SITE/pkg" --out-name equimark \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"
step "Optimising the wasm with wasm-opt $(wasm-opt --version | awk '{print $3}')"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$SITE/pkg/equimark_bg.wasm" -o "$SITE/pkg/equimark_bg.wasm"

step "Copying the stylesheet"
cat style/*.css > "$SITE/pkg/equimark.css"

# Content-addressed names, so browsers may keep them for a year: the server
# reads pkg/build.txt and links equimark-HASH.js, equimark-HASH_bg.wasm and
# equimark-HASH.css (served with Cache-Control: immutable).
step "Naming the files by their content"
hash="$(cat "$SITE/pkg/equimark_bg.wasm" "$SITE/pkg/equimark.js" "$SITE/pkg/equimark.css" | sha256sum | cut -c1-16)"
rm -f "$SITE/pkg"/equimark-*
mv "$SITE/pkg/equimark.js" "$SITE/pkg/equimark-$hash.js"
mv "$SITE/pkg/equimark_bg.wasm" "$SITE/pkg/equimark-${hash}_bg.wasm"
mv "$SITE/pkg/equimark.css" "$SITE/pkg/equimark-$hash.css"
rm -f "$SITE/pkg"/equimark.*.br "$SITE/pkg"/equimark.*.gz "$SITE/pkg"/equimark_bg.*
echo "$hash" > "$SITE/pkg/build.txt"

step "Pre-compressing (brotli, gzip)"
node scripts/compress.mjs "$SITE/pkg"
ls -l "$SITE/pkg"
