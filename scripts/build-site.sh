#!/usr/bin/env bash
# Builds what the browser loads into target/site: the wasm bundle (release
# profile, wasm-opt), its JS glue, the stylesheet, and compressed copies.
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

step "Pre-compressing (brotli, gzip)"
node scripts/compress.mjs "$SITE/pkg"
ls -l "$SITE/pkg"
