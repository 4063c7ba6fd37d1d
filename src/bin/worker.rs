//! The large-paste worker's engine as its own wasm (`smtp-lens-worker`),
//! built for speed (`[profile.worker]`: opt-level 3) where the page's wasm
//! is built for size (opt-level "z"): on a 20 MB paste the engine is about
//! twice as fast. Only the worker (src/app/worker.js) loads it, and only
//! once a large paste arrives: a cold load of the page never downloads it.
//! Built by `.ci/build-worker.sh`, a Trunk hook, into `dist/worker/`.
//!
//! It is the analysis workers' only engine: the page's own wasm carries
//! none of the large-paste code (the overview, its encoding, the merge).

#[cfg(target_arch = "wasm32")]
#[path = "../app/mod.rs"]
#[allow(dead_code, unused_imports)]
mod app;

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// The overview of a whole paste, encoded (see `app::large`).
    #[wasm_bindgen]
    pub fn worker_analyse(text: &str, port: u32, format: &str) -> String {
        crate::app::large::worker_analyse(text, port, format)
    }

    /// One of the two parts of a large paste (see `app::large`).
    #[wasm_bindgen]
    pub fn worker_part(text: &str, which: u32, port: u32, format: &str) -> String {
        crate::app::large::worker_part(text, which, port, format)
    }

    /// One round of warming this engine up on a built-in sample (see
    /// `app::large` and src/app/worker.js).
    #[wasm_bindgen]
    pub fn worker_warm(round: u32) -> u32 {
        crate::app::large::worker_warm(round)
    }

    /// The two parts' answers merged (see `app::large`).
    #[wasm_bindgen]
    pub fn worker_merge(a: &str, b: &str) -> String {
        crate::app::large::worker_merge(a, b)
    }

    /// The first look at a long paste (see `app::large`).
    #[wasm_bindgen]
    pub fn worker_first_look(text: &str, read: u32, total: u32, port: u32, format: &str) -> String {
        crate::app::large::worker_first_look(text, read, total, port, format)
    }
}

fn main() {}
