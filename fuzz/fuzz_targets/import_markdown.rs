//! Fuzz target: see `harness::import_markdown`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::import_markdown(data));
