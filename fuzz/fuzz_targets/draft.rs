//! Fuzz target: see tests/fuzz_checks.rs.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::draft(data));
