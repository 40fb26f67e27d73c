//! `cargo xtask build [--release]`: the widget as `build/pkg/passage_map.js` +
//! `build/pkg/passage_map_bg.wasm`; for the tests, the crate packaged for crates.io and
//! `examples/yew-app` as a folder to serve (`build/yew-app/`).

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::setup::{self, Needs, WASM_TARGET};
use crate::util::{copy, copy_tree, rel, root, run};

/// The WebAssembly features rustc 1.95 enables by default for wasm32-unknown-unknown
/// (LLVM's "generic" CPU: bulk-memory, multivalue, mutable-globals,
/// nontrapping-fptoint, reference-types, sign-ext), which wasm-opt must accept.
pub const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

/// wasm-opt's options for the release build besides `-Oz`:
/// - `--low-memory-unused`: no valid address lies in the first 1 KiB of memory, so a
///   constant added to a pointer can become the load's or store's offset (shorter code:
///   −0.96 KB gzip of wasm on 0a06c13). True of rustc's wasm32 layout, which the build
///   relies on: the shadow stack fills the first 1 MiB and grows down from its top (the
///   initial `__stack_pointer` is 1048576) and data and heap lie above it. Only a stack
///   within 1 KiB of overflowing would reach that low. (wasm-bindgen's JS values live in
///   the glue, not in memory.)
pub const WASM_OPT_RELEASE: &[&str] = &["--low-memory-unused"];

/// The release build compiles the standard library with the widget (nightly's `build-std`)
/// in its size-optimised variant, so that LTO and `opt-level = "z"` reach it too.
/// Measured on 8a839e4: shipped wasm 242.7 → 217.9 KB gzip (with the flags below).
pub const RELEASE_STD: &[&str] =
    &["-Z", "build-std=std,panic_abort", "-Z", "build-std-features=optimize_for_size"];

/// - `-Cpanic=immediate-abort`: a panic traps at once, without formatting its message or
///   its location (the widget's code must not panic: no message is lost that a reader
///   would see, and the tests fail on any console error);
/// - `-Zfmt-debug=none`: `{:?}` prints nothing, so no `Debug` code is linked. Runtime code
///   must therefore never format with `{:?}`; a unit test (`no_debug_formatting`) checks
///   the sources.
/// - `-Ctarget-feature=-reference-types`: wasm-bindgen then keeps the JS values the wasm
///   holds in an array in the glue and passes their indices, instead of `externref`s in a
///   wasm table with a shim per exported function and closure. Measured on 0a06c13: wasm
///   145.6 → 144.2 KB gzip, glue 4.8 → 5.1 KB, so −1.1 KB in all; the e2e suite is the
///   same either way. (wasm-opt keeps [`WASM_OPT_FEATURES`]: it only has to accept them.)
pub const RELEASE_RUSTFLAGS: &[&str] = &[
    "-Zunstable-options",
    "-Cpanic=immediate-abort",
    "-Zfmt-debug=none",
    "-Ctarget-feature=-reference-types",
];

/// Cargo's target directory: `CARGO_TARGET_DIR` when set (relative to the root, as cargo
/// reads it when run from there), else `target/` at the root.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

pub fn build(release: bool) -> Result<(), String> {
    setup::setup(Needs { wasm: true, npm: release, browser: false })?;
    let root = root();
    let profile = if release { "release" } else { "debug" };
    println!("build: passage-map ({profile}, {WASM_TARGET})");
    // The nightly build has a target directory of its own, so that it and the stable builds
    // (tests, the Yew example) do not rebuild each other's dependencies.
    let target = if release { target_dir().join("nightly") } else { target_dir() };
    let mut cargo = Command::new("cargo");
    if release {
        let found = debug_formatting(&root)?;
        if !found.is_empty() {
            return Err(format!(
                "`{{:?}}` prints nothing in the release build (-Zfmt-debug=none); format without it at {}",
                found.join(", ")
            ));
        }
        setup::nightly()?;
        cargo.arg(format!("+{}", setup::NIGHTLY)).env("CARGO_TARGET_DIR", &target);
    }
    cargo.current_dir(&root).args(["rustc", "-p", "passage-map", "--lib", "--target", WASM_TARGET]);
    // The widget's own allocator (src/alloc.rs), smaller than std's.
    cargo.args(["--features", "small-alloc"]);
    if release {
        cargo.arg("--release").args(RELEASE_STD).env("RUSTFLAGS", RELEASE_RUSTFLAGS.join(" "));
    }
    // The crate is cdylib + rlib (the rlib is for the wasm tests); asking for the cdylib
    // alone lets the release profile's LTO apply.
    cargo.args(["--crate-type", "cdylib"]);
    run(&mut cargo)?;

    let wasm = target.join(WASM_TARGET).join(profile).join("passage_map.wasm");
    let out = root.join("build/pkg");
    run(Command::new("wasm-bindgen")
        .current_dir(&root)
        .args(["--target", "web", "--no-typescript", "--out-name", "passage_map", "--out-dir"])
        .arg(&out)
        .arg(&wasm))?;

    let bg = out.join("passage_map_bg.wasm");
    if release {
        let before = std::fs::metadata(&bg).map(|m| m.len()).unwrap_or(0);
        let wasm_opt = root.join("node_modules/.bin/wasm-opt");
        if !wasm_opt.exists() {
            return Err(format!("{} is missing: run `npm ci` at the repository root", rel(&wasm_opt)));
        }
        run(Command::new(&wasm_opt)
            .current_dir(&root)
            .arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .args(WASM_OPT_RELEASE)
            .args(["--strip-producers", "--strip-target-features", "-o"])
            .arg(&bg)
            .arg(&bg))?;
        let after = std::fs::metadata(&bg).map(|m| m.len()).unwrap_or(0);
        println!("build: wasm-opt -Oz {before} -> {after} bytes");
        // Short import names in the wasm and the glue (see imports.rs).
        let glue_path = out.join("passage_map.js");
        let wasm = fs::read(&bg).map_err(|e| format!("cannot read {}: {e}", rel(&bg)))?;
        let glue =
            fs::read_to_string(&glue_path).map_err(|e| format!("cannot read {}: {e}", rel(&glue_path)))?;
        let renamed = crate::imports::shorten(&wasm).map_err(|e| format!("{}: {e}", rel(&bg)))?;
        let glue =
            crate::imports::rename_glue(&glue, &renamed).map_err(|e| format!("{}: {e}", rel(&glue_path)))?;
        fs::write(&bg, &renamed.wasm).map_err(|e| format!("cannot write {}: {e}", rel(&bg)))?;
        fs::write(&glue_path, glue).map_err(|e| format!("cannot write {}: {e}", rel(&glue_path)))?;
        println!(
            "build: {} import names shortened, wasm {after} -> {} bytes",
            renamed.names.len(),
            renamed.wasm.len()
        );
    }
    println!("build: {} and {} ok", rel(&out.join("passage_map.js")), rel(&bg));
    Ok(())
}

/// `examples/yew-app` as `build/yew-app/`: a folder any static server can serve, holding
/// what the crate README says a host app serves — the app (page, wasm-bindgen output),
/// the widget's stylesheet, and the `story/` and `basemap/` folders of `dist/` (so
/// `cargo xtask dist` must have run).
pub fn yew_example() -> Result<PathBuf, String> {
    setup::setup(Needs { wasm: true, npm: false, browser: false })?;
    let root = root();
    let dist = root.join("dist");
    if !dist.join("story/story.json").exists() || !dist.join("basemap/region.json").exists() {
        return Err("dist/story and dist/basemap are missing: run `cargo xtask dist` first".into());
    }
    println!("build: examples/yew-app (release, {WASM_TARGET})");
    run(Command::new("cargo").current_dir(&root).args([
        "build",
        "-p",
        "passage-map-yew-app",
        "--release",
        "--target",
        WASM_TARGET,
    ]))?;
    let wasm = target_dir().join(WASM_TARGET).join("release/passage-map-yew-app.wasm");
    let out = root.join("build/yew-app");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot delete {}: {e}", rel(&out)))?;
    }
    run(Command::new("wasm-bindgen")
        .current_dir(&root)
        .args(["--target", "web", "--no-typescript", "--out-name", "yew_app", "--out-dir"])
        .arg(&out)
        .arg(&wasm))?;
    let example = root.join("examples/yew-app");
    for name in ["index.html", "app.js", "app.css"] {
        copy(&example.join(name), &out.join(name))?;
    }
    copy(&root.join("www/passage-map.css"), &out.join("passage-map.css"))?;
    copy_tree(&dist.join("story"), &out.join("story"))?;
    copy_tree(&dist.join("basemap"), &out.join("basemap"))?;
    println!("build: {} ok", rel(&out));
    Ok(out)
}

/// Files the crates.io package of `passage-map` must hold: the component's source and its
/// README, the stylesheet host apps serve, and the licence texts.
const CRATE_FILES: &[&str] = &[
    "src/lib.rs",
    "src/passage_map.rs",
    "src/README.md",
    "www/passage-map.css",
    "LICENSE-MIT",
    "LICENSE-APACHE",
];

/// `cargo package` for `passage-map` and the core crate it depends on (packaged together:
/// the core is not on crates.io, and cargo resolves it from the pair). Checks the file
/// list; the packaged sources are not compiled again here (`cargo package` without
/// `--no-verify` does that, in about three minutes).
pub fn package_crate() -> Result<(), String> {
    let root = root();
    let packages = ["-p", "passage-map-core", "-p", "passage-map"];
    run(Command::new("cargo")
        .current_dir(&root)
        .arg("package")
        .args(packages)
        .args(["--no-verify", "--allow-dirty"]))?;
    let listed = crate::util::output(Command::new("cargo").current_dir(&root).args([
        "package",
        "--list",
        "--allow-dirty",
        "-p",
        "passage-map",
    ]))
    .ok_or("`cargo package --list -p passage-map` failed")?;
    let missing: Vec<&str> =
        CRATE_FILES.iter().copied().filter(|f| !listed.lines().any(|l| l == *f)).collect();
    if !missing.is_empty() {
        return Err(format!(
            "the passage-map crate package lacks {}; see `include` in Cargo.toml",
            missing.join(", ")
        ));
    }
    println!("build: crate package ok ({} files)", listed.lines().count());
    Ok(())
}

/// Lines of the widget's and the core's sources (`src/`, `crates/passage-map-core/src/`)
/// that format with `{:?}`, as "file:line"; test code (files named `*tests.rs` or
/// `testing.rs`, and what
/// follows a `#[cfg(test)]` line) and comments are left out. The release build prints
/// nothing for `{:?}` (see [`RELEASE_RUSTFLAGS`]), so these lines would lose text there.
pub fn debug_formatting(root: &std::path::Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for dir in ["src", "crates/passage-map-core/src"] {
        for file in crate::util::files_under(&root.join(dir))? {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".rs") || name.ends_with("tests.rs") || name == "testing.rs" {
                continue;
            }
            let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", rel(&file)))?;
            for (i, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("#[cfg(test)]") {
                    break;
                }
                if !code.starts_with("//") && (code.contains(":?}") || code.contains(":#?}")) {
                    found.push(format!("{}:{}", rel(&file), i + 1));
                }
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The release build's `-Zfmt-debug=none` makes `{:?}` print nothing: a message built
    /// with it would reach the reader with a hole in it.
    #[test]
    fn no_debug_formatting() {
        let found = debug_formatting(&root()).unwrap();
        assert!(found.is_empty(), "`{{:?}}` prints nothing in the release build; found at {found:?}");
    }

    #[test]
    fn debug_formatting_finds_a_debug_placeholder_and_skips_comments_and_tests() {
        let dir = std::env::temp_dir().join(format!("pm-fmt-debug-{}", std::process::id()));
        let src = dir.join("src");
        fs::create_dir_all(src.join("x")).unwrap();
        fs::write(src.join("a.rs"), "// {x:?} in a comment\nlet m = format!(\"{x:?}\");\n#[cfg(test)]\nmod t { fn f() { format!(\"{y:?}\"); } }\n").unwrap();
        fs::write(src.join("x/b_tests.rs"), "format!(\"{z:?}\");\n").unwrap();
        let found = debug_formatting(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("src/a.rs:2"), "{found:?}");
    }
}
