//! The browser entry: brings the page's islands to life (see `app::hydrate`).
//! It calls into `app`, which also links the islands' exports into the bundle.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::hydrate();
}
