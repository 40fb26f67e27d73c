//! `cargo xtask test`: every test of the project, in order, stopping at the first failure.
//!
//! 1. native: `cargo test -p passage-map-core -p xtask`, then the API docs of the core and
//!    the widget crate built with warnings as errors (a broken or private link fails)
//! 2. fuzz: a 60-second pass of both story fuzz targets on the committed corpus
//!    (`cargo xtask fuzz --minutes 1`, which installs nightly and cargo-fuzz if missing)
//! 3. wasm: `cargo test -p passage-map --target wasm32-unknown-unknown`; the
//!    `wasm32-unknown-unknown` runner (`.cargo/config.toml`) is wasm-bindgen-test-runner,
//!    which starts `$CHROMEDRIVER` and reads the extra capabilities (Debian's chromium
//!    binary, sandbox off as root) from `$WASM_BINDGEN_TEST_WEBDRIVER_JSON`
//! 4. dist: `cargo xtask dist`
//! 5. crate: `cargo package` of the crate for Yew apps, and `examples/yew-app` built into
//!    `build/yew-app/` (loaded by the e2e tests)
//! 6. e2e: `node --test` on `tests/e2e/**/*.test.{mjs,js}` (skipped when there is none)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::setup::{self, Needs, CHROMEDRIVER, WASM_TARGET};
use crate::util::{files_under, root, run};

pub fn test() -> Result<(), String> {
    setup::setup(Needs { wasm: true, npm: true, browser: true })?;
    let root = root();
    let mut summary: Vec<String> = Vec::new();
    let result = stages(&root, &mut summary);
    println!();
    for line in &summary {
        println!("{line}");
    }
    result
}

fn stage(
    summary: &mut Vec<String>,
    name: &str,
    f: impl FnOnce() -> Result<Option<String>, String>,
) -> Result<(), String> {
    println!("\n==> test stage: {name}");
    let start = Instant::now();
    let result = f();
    let secs = start.elapsed().as_secs_f64();
    match &result {
        Ok(None) => summary.push(format!("test: {name:<7} ok ({secs:.1} s)")),
        Ok(Some(why)) => summary.push(format!("test: {name:<7} skipped: {why}")),
        Err(e) => summary.push(format!("test: {name:<7} FAILED ({secs:.1} s): {e}")),
    }
    result.map(|_| ()).map_err(|e| format!("test stage `{name}` failed: {e}"))
}

fn stages(root: &Path, summary: &mut Vec<String>) -> Result<(), String> {
    stage(summary, "native", || {
        run(Command::new("cargo").current_dir(root).args(["test", "-p", "passage-map-core", "-p", "xtask"]))?;
        run(Command::new("cargo")
            .current_dir(root)
            .args([
                "doc",
                "--no-deps",
                "-p",
                "passage-map-core",
                "-p",
                "passage-map",
                "--target",
                WASM_TARGET,
            ])
            .env("RUSTDOCFLAGS", "-D warnings"))?;
        Ok(None)
    })?;
    stage(summary, "fuzz", || {
        crate::fuzz::fuzz(60.0, &crate::fuzz::TARGETS, false)?;
        Ok(None)
    })?;
    stage(summary, "wasm", || {
        run(Command::new("cargo")
            .current_dir(root)
            .args(["test", "-p", "passage-map", "--target", WASM_TARGET, "--features", "small-alloc"])
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root.join("webdriver.json")))?;
        Ok(None)
    })?;
    stage(summary, "dist", || crate::dist::dist().map(|_| None))?;
    stage(summary, "crate", || {
        crate::build::package_crate()?;
        crate::build::yew_example().map(|_| None)
    })?;
    stage(summary, "e2e", || {
        let files = e2e_files(&root.join("tests/e2e"))?;
        if files.is_empty() {
            println!("test: no tests/e2e/*.test.mjs yet, skipping the end-to-end stage");
            return Ok(Some("no test files in tests/e2e".into()));
        }
        let mut node = Command::new("node");
        node.current_dir(root).arg("--test");
        for f in &files {
            node.arg(f.strip_prefix(root).unwrap_or(f));
        }
        run(&mut node)?;
        Ok(None)
    })
}

/// Test files under tests/e2e: `*.test.mjs` / `*.test.js` (node's own naming).
fn e2e_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(files_under(dir)?
        .into_iter()
        .filter(|f| !f.components().any(|c| c.as_os_str() == "node_modules"))
        .filter(|f| {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            [".test.mjs", ".test.js", ".test.cjs"].iter().any(|s| name.ends_with(s))
        })
        .collect())
}
