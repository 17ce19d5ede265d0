//! Fuzz target: see `harness::render_skeleton`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::render_skeleton(data));
