//! The npm package, written by `cargo xtask dist` to `dist/npm/` (`npm pack` there makes
//! `passage-map-<version>.tgz`).
//!
//! ```text
//! dist/npm/
//!   package.json            exports, files, types, sideEffects; the crate's version
//!   index.d.ts              types of mount, the handle, the options, the events, <passage-map>
//!   passage-map.js          the entry (www/passage-map.js), importing its siblings by
//!   passage_map.js          relative URL: glue, wasm and stylesheet keep their plain names
//!   passage_map_bg.wasm     (a bundler or the host's server adds its own cache names)
//!   passage-map.css
//!   story/, basemap/        the default story and basemap the entry loads unless told otherwise
//!   README.md, LICENSE-MIT, LICENSE-APACHE, NOTICE.md
//! ```

use std::fs;
use std::path::Path;

use crate::util::{copy, copy_tree, files_under, read, rel, write};

/// The widget's own files, with the folder each comes from (relative to the root).
const WIDGET: &[(&str, &str)] = &[
    ("www", "passage-map.js"),
    ("build/pkg", "passage_map.js"),
    ("build/pkg", "passage_map_bg.wasm"),
    ("www", "passage-map.css"),
];

/// Writes `dist/npm/` from the release build in `build/pkg/`, `www/` and the story and
/// basemap already in `dist/`.
pub fn write_package(root: &Path, dist: &Path) -> Result<(), String> {
    let out = dist.join("npm");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot delete {}: {e}", rel(&out)))?;
    }
    for (dir, name) in WIDGET {
        copy(&root.join(dir).join(name), &out.join(name))?;
    }
    copy_tree(&dist.join("story"), &out.join("story"))?;
    copy_tree(&dist.join("basemap"), &out.join("basemap"))?;
    for name in ["LICENSE-MIT", "LICENSE-APACHE", "NOTICE.md"] {
        copy(&root.join(name), &out.join(name))?;
    }
    let version =
        crate_version(&read(&root.join("Cargo.toml"))?).ok_or("Cargo.toml: no version in [package]")?;
    write(&out.join("package.json"), package_json(&version).as_bytes())?;
    write(&out.join("index.d.ts"), include_str!("npm/index.d.ts").as_bytes())?;
    write(&out.join("README.md"), include_str!("npm/README.md").replace("{version}", &version).as_bytes())?;
    println!(
        "dist: npm package passage-map {version} in {} ({} files; `npm pack` there)",
        rel(&out),
        files_under(&out)?.len()
    );
    Ok(())
}

/// The `version` of the `[package]` table of a Cargo.toml.
fn crate_version(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if let (true, Some(rest)) = (in_package, line.strip_prefix("version")) {
            let value = rest.trim_start().strip_prefix('=')?.trim();
            return Some(value.trim_matches('"').to_owned());
        }
    }
    None
}

fn package_json(version: &str) -> String {
    let package = serde_json::json!({
        "name": "passage-map",
        "version": version,
        "description": "An embeddable story map: places from articles on an offline map, linked to the passages that name them. A script module and a <passage-map> custom element (WebAssembly).",
        "license": "MIT OR Apache-2.0",
        "keywords": ["map", "story-map", "custom-element", "web-component", "geojson", "webassembly"],
        "type": "module",
        "main": "./passage-map.js",
        "types": "./index.d.ts",
        "exports": {
            ".": { "types": "./index.d.ts", "default": "./passage-map.js" },
            "./passage-map.css": "./passage-map.css",
            "./story/*": "./story/*",
            "./basemap/*": "./basemap/*",
            "./package.json": "./package.json"
        },
        "files": [
            "passage-map.js", "passage_map.js", "passage_map_bg.wasm", "passage-map.css", "index.d.ts",
            "story/", "basemap/", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "NOTICE.md"
        ],
        // Importing the entry defines <passage-map>: keep it when a bundler shakes trees.
        "sideEffects": ["./passage-map.js", "*.css"]
    });
    let mut text = serde_json::to_string_pretty(&package).expect("a JSON value serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_comes_from_the_package_table() {
        let manifest = "[workspace]\nversion = \"9\"\n\n[package]\nname = \"x\"\nversion = \"0.3.1\"\n[dependencies]\nversion = \"1\"\n";
        assert_eq!(crate_version(manifest).as_deref(), Some("0.3.1"));
        assert_eq!(crate_version("[dependencies]\nversion = \"1\"\n"), None);
    }

    #[test]
    fn package_json_names_every_shipped_file_and_the_types() {
        let p: serde_json::Value = serde_json::from_str(&package_json("1.2.3")).unwrap();
        assert_eq!(p["version"], "1.2.3");
        assert_eq!(p["exports"]["."]["types"], "./index.d.ts");
        let files: Vec<&str> = p["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
        for (_, name) in WIDGET {
            assert!(files.contains(name), "{name} is not in files");
        }
    }
}
