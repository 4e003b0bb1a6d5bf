#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| warta_fuzz::csv(data));
