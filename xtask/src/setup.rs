//! Installs what a command needs and is missing, printing one short line per step.
//!
//! CI starts from the base image (rustup, node 20 + npm, python3, as root), so every tool
//! the project uses is installed from here: the wasm target, wasm-bindgen-cli (which also
//! provides wasm-bindgen-test-runner), the npm packages (binaryen's wasm-opt,
//! playwright-core, axe-core, leaflet) and, for the browser tests, Debian's chromium and
//! chromium-driver (with poppler-utils and firefox-esr for the print and classroom tests).

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use crate::util::{output, root, run};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The nightly toolchain of the release wasm build (it rebuilds the standard library for
/// size, see `build.rs`) and of the fuzzer. Pinned, so that every machine builds the same
/// bytes: a newer nightly is a deliberate change here, measured with `cargo xtask dist`.
pub const NIGHTLY: &str = "nightly-2026-10-30";

/// What a command needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Needs {
    /// The wasm target and wasm-bindgen.
    pub wasm: bool,
    /// node_modules (wasm-opt for release builds, playwright-core for the e2e tests).
    pub npm: bool,
    /// Chromium and chromedriver.
    pub browser: bool,
}

pub fn setup(needs: Needs) -> Result<(), String> {
    if needs.wasm {
        wasm_target()?;
        wasm_bindgen()?;
    }
    if needs.npm {
        npm()?;
    }
    if needs.browser {
        browser()?;
    }
    Ok(())
}

fn wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .ok_or("`rustup target list --installed` failed: is rustup installed?")?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("setup: target {WASM_TARGET} ok");
        return Ok(());
    }
    println!("setup: installing target {WASM_TARGET}");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The version wasm-bindgen prints, e.g. "0.2.130", or None when it is not installed.
fn wasm_bindgen_version() -> Option<String> {
    let out = output(Command::new("wasm-bindgen").arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_owned)
}

fn wasm_bindgen() -> Result<(), String> {
    let test_runner = output(Command::new("wasm-bindgen-test-runner").arg("--version"));
    match wasm_bindgen_version() {
        Some(v) if v == WASM_BINDGEN_VERSION && test_runner.is_some() => {
            println!("setup: wasm-bindgen {v} ok");
            return Ok(());
        }
        Some(v) => println!("setup: wasm-bindgen is {v}, installing {WASM_BINDGEN_VERSION}"),
        None => println!("setup: installing wasm-bindgen-cli {WASM_BINDGEN_VERSION}"),
    }
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION]))?;
    match wasm_bindgen_version() {
        Some(v) if v == WASM_BINDGEN_VERSION => {
            println!("setup: wasm-bindgen {v} ok");
            Ok(())
        }
        other => Err(format!(
            "after `cargo install`, `wasm-bindgen --version` gives {other:?}, not {WASM_BINDGEN_VERSION}: is ~/.cargo/bin first on PATH?"
        )),
    }
}

/// Installs [`NIGHTLY`] with what the release build needs beside the compiler: the standard
/// library's source (`-Z build-std`) and the wasm target. About 15 s and 250 MB.
pub fn nightly() -> Result<(), String> {
    let toolchains = output(Command::new("rustup").args(["toolchain", "list"]))
        .ok_or("`rustup toolchain list` failed: is rustup installed?")?;
    let installed = toolchains.lines().any(|l| l.starts_with(NIGHTLY));
    let has_parts = installed
        && output(Command::new("rustup").args(["component", "list", "--installed", "--toolchain", NIGHTLY]))
            .is_some_and(|c| c.lines().any(|l| l.trim() == "rust-src") && c.contains(WASM_TARGET));
    if has_parts {
        println!("setup: toolchain {NIGHTLY} ok");
        return Ok(());
    }
    println!(
        "setup: installing toolchain {NIGHTLY} with rust-src and {WASM_TARGET} (rustup, minimal profile)"
    );
    run(Command::new("rustup").args([
        "toolchain",
        "install",
        NIGHTLY,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
        "--target",
        WASM_TARGET,
        "--no-self-update",
    ]))
}

fn mtime(p: &Path) -> Option<SystemTime> {
    fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// `npm ci` (or `npm install` without a lockfile) when node_modules is missing or older
/// than package-lock.json. npm's own record of the install, node_modules/.package-lock.json,
/// dates the install.
fn npm() -> Result<(), String> {
    let root = root();
    let lock = root.join("package-lock.json");
    let modules = root.join("node_modules");
    let stamp = modules.join(".package-lock.json");
    let installed = mtime(&stamp).or_else(|| mtime(&modules));
    let up_to_date = match (installed, mtime(&lock)) {
        (Some(i), Some(l)) => i >= l,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if up_to_date {
        println!("setup: node_modules ok");
        return Ok(());
    }
    let verb = if lock.exists() { "ci" } else { "install" };
    println!("setup: npm {verb}");
    run(Command::new("npm").arg(verb).args(["--no-audit", "--no-fund"]).current_dir(&root))?;
    // Mark the install as newer than the lockfile even when npm kept old timestamps.
    if let Ok(f) = fs::File::options().append(true).open(&stamp) {
        let _ = f.set_modified(SystemTime::now());
    }
    Ok(())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0")
}

/// Debian packages the browser tests use, each with a file that shows it is installed:
/// the browser and its driver, poppler's pdftotext (the print handout's text) and Firefox
/// ESR (the classroom file opened from file:// in a second browser).
const BROWSER_PACKAGES: &[(&str, &str)] = &[
    ("chromium", CHROMIUM),
    ("chromium-driver", CHROMEDRIVER),
    ("poppler-utils", "/usr/bin/pdftotext"),
    ("firefox-esr", "/usr/bin/firefox-esr"),
];

fn browser() -> Result<(), String> {
    let present = || Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    let missing: Vec<&str> =
        BROWSER_PACKAGES.iter().filter(|(_, file)| !Path::new(file).exists()).map(|(p, _)| *p).collect();
    if !missing.is_empty() {
        if !is_root() {
            return Err(format!(
                "the browser tests need the Debian packages {}: sudo apt-get install {}",
                missing.join(", "),
                missing.join(" ")
            ));
        }
        println!("setup: installing {} (apt-get)", missing.join(", "));
        run(Command::new("apt-get").arg("update").env("DEBIAN_FRONTEND", "noninteractive"))?;
        run(Command::new("apt-get")
            .args(["install", "-y"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
        if !present() {
            return Err(format!(
                "apt-get installed chromium, but {CHROMIUM} or {CHROMEDRIVER} is still missing"
            ));
        }
    }
    let version = output(Command::new(CHROMEDRIVER).arg("--version")).unwrap_or_default();
    let version = version.split_whitespace().nth(1).unwrap_or("?").to_owned();
    println!("setup: chromium + chromedriver {version} ok");
    Ok(())
}
