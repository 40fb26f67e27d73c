//! `cargo xtask bench [--runs N] [--sizes 1000,10000,100000] [-- <run.mjs options>]`: the
//! release build and `dist/` (as `cargo xtask dist`), then `node bench/run.mjs --dist dist`,
//! which measures size, load time, frame times and memory of the widget beside Leaflet
//! pages drawing the same data in headless Chromium: the default story, and generated
//! stories of the given numbers of points with a scaling table (see bench/README.md). Not
//! part of `cargo xtask test`: benchmarks are not tests, and their figures are reported,
//! not asserted.

use std::process::Command;

use crate::setup::{self, Needs};
use crate::util::{root, run};

const USAGE: &str =
    "usage: cargo xtask bench [--runs N] [--sizes 1000,10000,100000] [-- <options for bench/run.mjs>]";

/// Checks a `--sizes` value (comma-separated whole numbers of points, each 10…999,999;
/// `_` allowed as a digit separator) and gives it back as run.mjs takes it.
fn parse_sizes(value: &str) -> Result<String, String> {
    let mut sizes = Vec::new();
    for s in value.split(',').map(str::trim) {
        match s.replace('_', "").parse::<u32>() {
            Ok(n) if (10..1_000_000).contains(&n) => sizes.push(n.to_string()),
            _ => return Err(format!("--sizes: `{s}` is not a number of points in 10…999999\n{USAGE}")),
        }
    }
    Ok(sizes.join(","))
}

/// Runs the benchmarks; `args` are the command's arguments (after `bench`).
pub fn bench(args: &[String]) -> Result<(), String> {
    let mut runs: Option<u32> = None;
    let mut sizes: Option<String> = None;
    let mut extra: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            extra.extend(it.by_ref().cloned());
            break;
        }
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) => (f, Some(v)),
            None => (a.as_str(), None),
        };
        if flag != "--runs" && flag != "--sizes" {
            return Err(format!("unexpected argument `{a}`\n{USAGE}"));
        }
        let value = match inline {
            Some(v) => v,
            None => it.next().ok_or(format!("{flag} needs a value\n{USAGE}"))?.as_str(),
        };
        if flag == "--sizes" {
            sizes = Some(parse_sizes(value)?);
            continue;
        }
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
    if let Some(s) = &sizes {
        node.args(["--sizes", s]);
    }
    node.args(&extra);
    println!(
        "\nbench: node bench/run.mjs (about 10 minutes; figures are medians, ratios to Leaflet from the same run)"
    );
    run(&mut node)
}

#[cfg(test)]
mod tests {
    use super::parse_sizes;

    #[test]
    fn sizes_are_whole_numbers_of_points() {
        assert_eq!(parse_sizes("1000, 10_000,100000").unwrap(), "1000,10000,100000");
        assert!(parse_sizes("1000,ten").is_err());
        assert!(parse_sizes("5").is_err());
        assert!(parse_sizes("1000000").is_err());
        assert!(parse_sizes("").is_err());
    }
}
