//! `cargo xtask dist`: the self-contained static site in `dist/`.
//!
//! ```text
//! dist/
//!   index.html, embed.html, passage-map.js, passage-map.css, …   every file of www/
//!   passage_map.js, passage_map_bg.wasm                           the widget (release)
//!   story/                    the default story (geodata/), JSON minified
//!   basemap/region.json       regional basemap (first view)
//!   basemap/city.json         canal-area basemap (fetched when zooming in)
//!   examples/minimal-story/   the minimal example story
//!   NOTICE.md, LICENSE*       when present
//!   npm/                      the npm package (see npm.rs; not in the size table)
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{copy, copy_tree, files_under, minify_json, read, rel, root, write};

/// First-view data budget from shared/PERFORMANCE.md, gzip bytes (1 KB = 1000 bytes). The
/// widget code's budget and its gate are in size.rs.
const FIRST_VIEW_BUDGET: usize = 150_000;

pub fn dist() -> Result<(), String> {
    let root = root();
    let geodata = root.join("geodata");

    println!("dist: checking the default story (geodata/)");
    crate::story::report("geodata", &crate::story::check_dir(&geodata))?;

    crate::build::build(true)?;

    let out = root.join("dist");
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("cannot delete dist/: {e}"))?;
    }
    fs::create_dir_all(&out).map_err(|e| format!("cannot create dist/: {e}"))?;

    let n = copy_tree(&root.join("www"), &out)?;
    if n == 0 {
        println!("dist: warning: www/ has no files (no pages in dist/)");
    }
    for name in ["passage_map.js", "passage_map_bg.wasm"] {
        copy(&root.join("build/pkg").join(name), &out.join(name))?;
    }
    minify_widget(&root, &out)?;

    copy_story(&geodata, &out.join("story"))?;
    copy_tree(&root.join("examples/minimal-story"), &out.join("examples/minimal-story"))?;
    crate::basemap::build(&geodata.join("basemap"), &out.join("basemap"))?;
    crate::labels::add_to_basemap(&geodata.join("labels.geojson"), &out.join("basemap"))?;
    crate::offline::write_offline(&root, &out)?;

    let entries = fs::read_dir(&root).map_err(|e| format!("cannot list the repository root: {e}"))?;
    let mut notices: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name == "NOTICE.md" || name.starts_with("LICENSE")
        })
        .collect();
    notices.sort();
    for p in notices {
        copy(&p, &out.join(p.file_name().expect("a file has a name")))?;
    }

    let hashed = crate::hashing::hash_widget(&out)?;
    crate::hashing::write_snippets(&out, &hashed)?;
    crate::hashing::write_preloads(&out, &hashed)?;
    println!("dist: content-hashed names: {}", hashed.files.join(", "));
    size_table(&out)?;
    crate::npm::write_package(&root, &out)?;
    println!("\nembed snippets for a site serving dist/ at /passage-map/ (also in dist/SNIPPETS.txt):\n");
    println!("{}", crate::hashing::snippets(&hashed, "/passage-map/"));
    // Last, so that dist/ is complete for inspection when the gate fails the build.
    crate::size::check(&out)
}

/// The widget's text files as shipped: the wasm-bindgen glue, the JS entry and the
/// stylesheet, minified in place by esbuild (whitespace, comments, local names; exported
/// names, CSS selectors and custom properties stay). The sources in www/ stay readable.
/// Measured on the first build with it: 18.5 → 13.3 KB gzip for the three.
const MINIFIED: &[&str] = &["passage_map.js", "passage-map.js", "passage-map.css"];

fn minify_widget(root: &Path, out: &Path) -> Result<(), String> {
    let esbuild = root.join("node_modules/.bin/esbuild");
    if !esbuild.exists() {
        return Err(format!("{} is missing: run `npm ci` at the repository root", rel(&esbuild)));
    }
    for name in MINIFIED {
        let file = out.join(name);
        crate::util::run(
            std::process::Command::new(&esbuild)
                .arg(&file)
                .args(["--minify", "--legal-comments=none", "--log-level=warning", "--allow-overwrite"])
                .arg(format!("--outfile={}", file.display())),
        )?;
    }
    println!("dist: minified {}", MINIFIED.join(", "));
    Ok(())
}

/// The story's JSON files (story.json and the two files it names), minified, and its
/// articles, verbatim.
fn copy_story(from: &Path, to: &Path) -> Result<(), String> {
    let manifest_text = read(&from.join("story.json"))?;
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest_text).map_err(|e| format!("geodata/story.json: {e}"))?;
    let named = |key: &str, default: &str| manifest[key].as_str().unwrap_or(default).to_owned();
    for name in
        ["story.json".to_owned(), named("places", "places.geojson"), named("passages", "passages.json")]
    {
        let src = from.join(&name);
        let min = minify_json(&read(&src)?).map_err(|e| format!("{}: {e}", rel(&src)))?;
        write(&to.join(&name), min.as_bytes())?;
    }
    copy_tree(&from.join("articles"), &to.join("articles"))?;
    Ok(())
}

struct Row {
    name: String,
    raw: usize,
    gzip: usize,
}

fn size_table(out: &Path) -> Result<(), String> {
    let paths = files_under(out)?;
    // Node's zlib, as the bench and the size gate measure (flate2 differs by about 1%).
    let gzip = crate::size::node_gzip(&paths)?;
    let mut rows = Vec::new();
    for (f, gzip) in paths.iter().zip(gzip) {
        let raw = fs::metadata(f).map_err(|e| format!("cannot read {}: {e}", rel(f)))?.len() as usize;
        let name = f.strip_prefix(out).expect("under dist").to_string_lossy().replace('\\', "/");
        rows.push(Row { name, raw, gzip });
    }
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(4).max(40);
    println!();
    println!("{:<width$} {:>10} {:>10}", "dist/", "bytes", "gzip -9");
    for r in &rows {
        println!("{:<width$} {:>10} {:>10}", r.name, r.raw, r.gzip);
    }
    let total = |pick: &dyn Fn(&str) -> bool| {
        let picked: Vec<&Row> = rows.iter().filter(|r| pick(&r.name)).collect();
        let names: Vec<&str> = picked.iter().map(|r| r.name.as_str()).collect();
        (
            picked.iter().map(|r| r.raw).sum::<usize>(),
            picked.iter().map(|r| r.gzip).sum::<usize>(),
            names.join(" + "),
        )
    };
    let all = total(&|_| true);
    println!("{:<width$} {:>10} {:>10}", format!("total ({} files)", rows.len()), all.0, all.1);
    println!();

    // The widget code's figure and verdict come from the size gate at the end of `dist`.
    let (raw, gz, names) = total(&|n: &str| {
        matches!(
            n,
            "story/story.json" | "story/places.geojson" | "story/passages.json" | "basemap/region.json"
        )
    });
    let verdict = if gz <= FIRST_VIEW_BUDGET { "within" } else { "OVER" };
    println!(
        "first-view data (story + region basemap): {raw} bytes, gzip {gz} bytes = {:.1} KB ({verdict} the {} KB budget)",
        gz as f64 / 1000.0,
        FIRST_VIEW_BUDGET / 1000
    );
    println!("    {names}");
    println!("dist: {} ok", rel(out));
    Ok(())
}
