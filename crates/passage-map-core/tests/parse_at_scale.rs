//! Parse time and memory of a big generated story — a measurement, not a test: ignored by
//! default, and it asserts nothing about time. Generate the story, then run it in a
//! release build:
//!
//! ```sh
//! node bench/synthetic.mjs /tmp/syn100k --points 100000
//! PM_SYNTHETIC=/tmp/syn100k PM_RUNS=3 cargo test --release -p passage-map-core --test parse_at_scale -- --ignored --nocapture
//! ```
//!
//! A counting global allocator (this test binary's own) gives the peak heap during the
//! parse above what was live before it (the file texts), and what the parsed story keeps.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use passage_map_core::story::{Place, Story, StoryFile};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                let live =
                    LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

#[test]
#[ignore = "a measurement: needs a generated story (see the module's doc) and a release build"]
fn parse_time_and_memory_of_a_big_story() {
    let dir = std::env::var("PM_SYNTHETIC").unwrap_or_else(|_| "/tmp/syn100k".to_owned());
    let read = |name: &str| {
        std::fs::read_to_string(format!("{dir}/{name}"))
            .unwrap_or_else(|e| panic!("{dir}/{name}: {e} (generate it with bench/synthetic.mjs)"))
    };
    let (manifest, places, passages) = (read("story.json"), read("places.geojson"), read("passages.json"));
    let files = || {
        (
            StoryFile::new("story.json", &manifest),
            StoryFile::new("places.geojson", &places),
            StoryFile::new("passages.json", &passages),
        )
    };
    let mut times = Vec::new();
    let mut peak_above = 0;
    let mut kept = 0;
    let mut count = 0;
    let runs: usize = std::env::var("PM_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    for _ in 0..runs {
        let (m, p, q) = files();
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let start = Instant::now();
        let (story, errors) = Story::parse_files(&m, &p, &q);
        times.push(start.elapsed().as_secs_f64());
        peak_above = PEAK.load(Ordering::Relaxed) - before;
        kept = LIVE.load(Ordering::Relaxed) - before;
        assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(3)]);
        count = story.places.len();
        drop(story);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("places.geojson: {:.1} MB, {count} places", mb(places.len()));
    println!(
        "parse (Story::parse_files), median of {}: {:.0} ms = {:.0} MB/s",
        times.len(),
        median * 1e3,
        mb(places.len()) / median
    );
    println!("peak heap during the parse, above the texts: {:.1} MB", mb(peak_above));
    println!(
        "heap kept by the story: {:.1} MB = {} bytes a place; size_of::<Place>() = {} bytes",
        mb(kept),
        kept / count.max(1),
        std::mem::size_of::<Place>()
    );

    // The JSON reading alone, as one tree of the whole file: serde_json (which the story
    // parser used before) and ours.
    let tree = |name: &str, read: &dyn Fn() -> usize| {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let start = Instant::now();
        let n = read();
        let t = start.elapsed().as_secs_f64();
        println!(
            "{name}: a tree of the whole file in {:.0} ms = {:.0} MB/s, peak heap {:.1} MB ({n} features)",
            t * 1e3,
            mb(places.len()) / t,
            mb(PEAK.load(Ordering::Relaxed) - before)
        );
    };
    tree("serde_json::Value", &|| {
        let v: serde_json::Value = serde_json::from_str(&places).unwrap();
        v["features"].as_array().unwrap().len()
    });
    tree("story::json::Value", &|| {
        let v = passage_map_core::story::json::Reader::document(&places).unwrap();
        v.get("features").and_then(|f| f.as_array()).unwrap().len()
    });

    // As the widget parses: steps of 2,000 features; the longest step is how long the
    // page would not answer.
    let (m, p, q) = files();
    let (manifest, _) = Story::parse_manifest(&m);
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let mut parse = Story::parse_in_steps(manifest, &p, &q);
    let (mut longest, mut steps) = (0.0_f64, 0);
    loop {
        let step = Instant::now();
        let progress = parse.step(2000);
        longest = longest.max(step.elapsed().as_secs_f64());
        steps += 1;
        if progress.done {
            break;
        }
    }
    let (story, errors) = parse.finish();
    let total = start.elapsed().as_secs_f64();
    assert!(errors.is_empty());
    assert_eq!(story.places.len(), count);
    println!(
        "in steps of 2,000 features: {steps} steps, {:.0} ms in all, the longest {:.1} ms; peak heap {:.1} MB",
        total * 1e3,
        longest * 1e3,
        mb(PEAK.load(Ordering::Relaxed) - before)
    );
}
