//! `cargo xtask build [--release]`: the widget as `build/pkg/passage_map.js` +
//! `build/pkg/passage_map_bg.wasm`.

use std::process::Command;

use crate::setup::{self, Needs, WASM_TARGET};
use crate::util::{rel, root, run};

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

pub fn build(release: bool) -> Result<(), String> {
    setup::setup(Needs { wasm: true, npm: release, browser: false })?;
    let root = root();
    let profile = if release { "release" } else { "debug" };
    println!("build: passage-map ({profile}, {WASM_TARGET})");
    let mut cargo = Command::new("cargo");
    cargo.current_dir(&root).args(["rustc", "-p", "passage-map", "--lib", "--target", WASM_TARGET]);
    if release {
        cargo.arg("--release");
    }
    // The crate is cdylib + rlib (the rlib is for the wasm tests); asking for the cdylib
    // alone lets the release profile's LTO apply.
    cargo.args(["--crate-type", "cdylib"]);
    run(&mut cargo)?;

    let wasm = root.join("target").join(WASM_TARGET).join(profile).join("passage_map.wasm");
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
            .args(["--strip-producers", "--strip-target-features", "-o"])
            .arg(&bg)
            .arg(&bg))?;
        let after = std::fs::metadata(&bg).map(|m| m.len()).unwrap_or(0);
        println!("build: wasm-opt -Oz {before} -> {after} bytes");
    }
    println!("build: {} and {} ok", rel(&out.join("passage_map.js")), rel(&bg));
    Ok(())
}
