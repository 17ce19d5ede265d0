//! Fuzz target: see `harness::check_then_build`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::check_then_build(data));
