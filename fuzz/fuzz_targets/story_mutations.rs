//! Structure-aware: the input is decoded (by `arbitrary`) into a list of edits to the
//! default story in geodata/ — replace, remove, duplicate or add JSON values anywhere,
//! with hostile values (huge numbers, deep nesting, long strings up to 10 MB, raw
//! invalid UTF-8 bytes) — and the edited story is parsed and checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passage_map_fuzz::mutate::Edits;

fuzz_target!(|edits: Edits| {
    passage_map_fuzz::mutate::run(&edits);
});
