//! Arbitrary bytes as a whole story: the input is cut at NUL bytes into story.json,
//! places.geojson, passages.json and an article text (every article of story.json reads
//! that one text). Invalid UTF-8 is decoded lossily, as a browser's `text()` does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    passage_map_fuzz::run_bytes(data);
});
