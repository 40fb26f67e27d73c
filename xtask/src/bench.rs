//! `cargo xtask bench [--runs N] [-- <run.mjs options>]`: the release build and `dist/`
//! (as `cargo xtask dist`), then `node bench/run.mjs --dist dist --runs N`, which measures
//! size, load time, frame times and memory of the widget beside a Leaflet baseline in
//! headless Chromium (see bench/README.md). Not part of `cargo xtask test`: benchmarks are
//! not tests, and their figures are reported, not asserted.

use std::process::Command;

use crate::setup::{self, Needs};
use crate::util::{root, run};

const USAGE: &str = "usage: cargo xtask bench [--runs N] [-- <options for bench/run.mjs>]";

/// Runs the benchmarks; `args` are the command's arguments (after `bench`).
pub fn bench(args: &[String]) -> Result<(), String> {
    let mut runs: Option<u32> = None;
    let mut extra: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = if a == "--runs" {
            it.next().ok_or(format!("--runs needs a number\n{USAGE}"))?.as_str()
        } else if let Some(v) = a.strip_prefix("--runs=") {
            v
        } else if a == "--" {
            extra.extend(it.by_ref().cloned());
            break;
        } else {
            return Err(format!("unexpected argument `{a}`\n{USAGE}"));
        };
        match value.parse::<u32>() {
            Ok(n) if n > 0 => runs = Some(n),
            _ => return Err(format!("--runs: `{value}` is not a positive number")),
        }
    }

    crate::dist::dist()?;
    setup::setup(Needs { wasm: false, npm: true, browser: true })?;

    let root = root();
    let mut node = Command::new("node");
    node.current_dir(&root).args(["bench/run.mjs", "--dist", "dist"]);
    if let Some(n) = runs {
        node.args(["--runs", &n.to_string()]);
    }
    node.args(&extra);
    println!("\nbench: node bench/run.mjs (a few minutes; figures are medians, ratios to Leaflet from the same run)");
    run(&mut node)
}
