//! The widget's code size and the size gate of `cargo xtask dist`.
//!
//! Measured exactly as `bench/run.mjs` measures it: the files that `dist/passage-map.js`
//! names (the wasm, the wasm-bindgen glue, the stylesheet) plus the hashed entry script,
//! each compressed with Node's zlib at level 9, summed, 1 KB = 1000 bytes. Node's zlib is
//! used rather than flate2 because the two compressors give different sizes for the same
//! file (about 1% on the wasm), and the gate must agree with the bench to the byte.
//!
//! The budget is [`WIDGET_BUDGET`] (shared/PERFORMANCE.md). Until the widget is within it,
//! the build fails only above the ratchet [`WIDGET_CEILING`]: the figure measured when the
//! ceiling was last set, rounded up a little. Lower the ceiling as cuts land (the gate says
//! when it can be lowered); once the widget is within the budget, set it to the budget.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{rel, show};

/// Widget code budget, gzip bytes (shared/PERFORMANCE.md: ≤ 120 KB).
pub const WIDGET_BUDGET: usize = 120_000;

/// The ratchet: `cargo xtask dist` fails when the widget code is above this many gzip
/// bytes. Never above the figure last measured plus a little slack; never below the budget.
pub const WIDGET_CEILING: usize = 151_000;

/// How far below the ceiling the figure may fall before the gate asks for the ceiling to
/// be lowered.
const RATCHET_SLACK: usize = 4_000;

const _: () = assert!(WIDGET_CEILING >= WIDGET_BUDGET, "the ceiling is never below the budget");

/// One of the widget's files in `dist/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetFile {
    /// "wasm", "glue", "entry" or "css".
    pub role: &'static str,
    /// The file name in `dist/`.
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
}

/// The widget's files as `bench/run.mjs` (`widgetFiles`) finds them: the glue imported by
/// `passage-map.js` (`from './passage_map….js'`, or `from"./…"` minified), the wasm and the stylesheet it names, and
/// the entry itself (its content-hashed copy `passage-map.<hex>.js` when there is one).
pub fn widget_files(dist: &Path) -> Result<Vec<(&'static str, String)>, String> {
    let entry_path = dist.join("passage-map.js");
    let entry =
        fs::read_to_string(&entry_path).map_err(|e| format!("cannot read {}: {e}", rel(&entry_path)))?;
    let named = |role: &'static str, found: Option<&str>| {
        found.map(|n| (role, n.to_owned())).ok_or_else(|| format!("dist/passage-map.js names no {role} file"))
    };
    let glue = quoted(&entry).find_map(|(before, s)| {
        // `from './x.js'`, or `from"./x.js"` as minified; `from` as a word of its own.
        let after_from = before.trim_end_matches([' ', '\t', '\n', '\r']);
        let word = after_from
            .strip_suffix("from")
            .is_some_and(|b| !b.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$'));
        let name = s.strip_prefix("./")?;
        (word && name.starts_with("passage_map") && name.ends_with(".js")).then_some(name)
    });
    let asset = |prefix: &str, suffix: &str| {
        quoted(&entry).find_map(|(_, s)| {
            let name = s.strip_prefix("./").unwrap_or(s);
            (name.starts_with(prefix)
                && name.ends_with(suffix)
                && name.len() > prefix.len() + suffix.len() - 1)
                .then_some(name)
        })
    };
    let mut hashed: Vec<String> = fs::read_dir(dist)
        .map_err(|e| format!("cannot list {}: {e}", rel(dist)))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| is_hashed_entry(n))
        .collect();
    hashed.sort();
    let entry_name = hashed.into_iter().next().unwrap_or_else(|| "passage-map.js".to_owned());
    Ok(vec![
        named("wasm", asset("passage_map_bg", ".wasm"))?,
        named("glue", glue)?,
        ("entry", entry_name),
        named("css", asset("passage-map", ".css"))?,
    ])
}

/// `passage-map.<at least 6 lowercase hex digits>.js`.
fn is_hashed_entry(name: &str) -> bool {
    let Some(hash) = name.strip_prefix("passage-map.").and_then(|n| n.strip_suffix(".js")) else {
        return false;
    };
    hash.len() >= 6 && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Every run of text between two quote characters (`'` or `"`, either kind closing), with
/// the text before its opening quote: what the bench's regular expressions
/// `['"]…([^'"]*)['"]` can match, in the same (leftmost-first) order.
fn quoted(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let quotes: Vec<usize> = text.match_indices(['\'', '"']).map(|(i, _)| i).collect();
    (0..quotes.len().saturating_sub(1))
        .map(move |k| (&text[..quotes[k]], &text[quotes[k] + 1..quotes[k + 1]]))
}

/// Gives the gzip -9 size of each of the files.
pub type Gzip = dyn Fn(&[PathBuf]) -> Result<Vec<usize>, String>;

/// The widget's files with their sizes; `gzip` gives the gzip -9 size of each path.
pub fn measure(dist: &Path, gzip: &Gzip) -> Result<Vec<WidgetFile>, String> {
    let files = widget_files(dist)?;
    let paths: Vec<PathBuf> = files.iter().map(|(_, n)| dist.join(n)).collect();
    let gz = gzip(&paths)?;
    if gz.len() != paths.len() {
        return Err(format!("gzip measured {} of {} files", gz.len(), paths.len()));
    }
    let mut out = Vec::new();
    for (((role, name), path), gzip) in files.into_iter().zip(&paths).zip(gz) {
        let raw = fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", rel(path)))?.len() as usize;
        out.push(WidgetFile { role, name, raw, gzip });
    }
    Ok(out)
}

/// The gzip -9 sizes of `paths` from Node's zlib (`zlib.gzipSync(buf, { level: 9 })`, as
/// in bench/run.mjs), in one `node` process.
pub fn node_gzip(paths: &[PathBuf]) -> Result<Vec<usize>, String> {
    const SCRIPT: &str = "const zlib = require('zlib'), fs = require('fs');\
        for (const f of process.argv.slice(1)) console.log(zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length);";
    let mut cmd = Command::new("node");
    cmd.arg("-e").arg(SCRIPT).args(paths);
    let out = cmd.output().map_err(|e| format!("could not start `node` to measure gzip sizes: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{}` failed ({}): {}",
            show(&cmd),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().parse::<usize>().map_err(|_| format!("node printed {l:?} for a gzip size")))
        .collect()
}

/// The verdict on a measured total: Ok with the report's lines, or Err with them when the
/// build must fail (above `ceiling`).
pub fn gate(files: &[WidgetFile], budget: usize, ceiling: usize) -> Result<String, String> {
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1000.0);
    let total: usize = files.iter().map(|f| f.gzip).sum();
    let raw: usize = files.iter().map(|f| f.raw).sum();
    let mut report = String::from("widget code, as bench/run.mjs measures it (gzip -9 by Node's zlib):\n");
    for f in files {
        report.push_str(&format!(
            "    {:<6} {:<40} {:>9} bytes {:>10} gzip\n",
            f.role,
            f.name,
            f.raw,
            kb(f.gzip)
        ));
    }
    report.push_str(&format!("    {:<6} {:<40} {:>9} bytes {:>10} gzip\n", "total", "", raw, kb(total)));
    let over = |limit: usize| total.saturating_sub(limit);
    if total <= budget {
        report.push_str(&format!("size gate: {} is within the {} budget\n", kb(total), kb(budget)));
        if ceiling > budget {
            report.push_str(&format!(
                "size gate: set WIDGET_CEILING in xtask/src/size.rs to the budget ({budget})\n"
            ));
        }
        return Ok(report);
    }
    report.push_str(&format!(
        "size gate: {} is {} over the {} budget (ratchet ceiling {})\n",
        kb(total),
        kb(over(budget)),
        kb(budget),
        kb(ceiling)
    ));
    if total > ceiling {
        report.push_str(&format!(
            "size gate: FAILED: the widget code grew {} above the ratchet ceiling; cut it back \
             (WIDGET_CEILING in xtask/src/size.rs only ever goes down)\n",
            kb(over(ceiling))
        ));
        return Err(report);
    }
    if ceiling - total > RATCHET_SLACK {
        let suggested = total.div_ceil(1000) * 1000 + 1000;
        report.push_str(&format!(
            "size gate: {} below the ceiling: lower WIDGET_CEILING in xtask/src/size.rs to {suggested}\n",
            kb(ceiling - total)
        ));
    }
    Ok(report)
}

/// `cargo xtask dist`'s size gate: measures the widget in `dist`, prints the figure with a
/// per-file breakdown, and fails above [`WIDGET_CEILING`].
pub fn check(dist: &Path) -> Result<(), String> {
    let files = measure(dist, &node_gzip)?;
    match gate(&files, WIDGET_BUDGET, WIDGET_CEILING) {
        Ok(report) => {
            print!("{report}");
            Ok(())
        }
        Err(report) => Err(report.trim_end().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::gzip_len;

    const ENTRY: &str = "// passage-map: the widget's entry. It's loaded as './passage_map.js'.\n\
        import init, { mount as mountWasm } from './passage_map.0123abcd45.js';\n\
        const here = (path) => new URL(path, import.meta.url).href;\n\
        link.href = here('passage-map.920672c98e.css');\n\
        await init({ module_or_path: here(\"passage_map_bg.06d58d159d.wasm\") });\n";

    /// A dist folder with the four widget files (sizes chosen by `wasm_len`) and some
    /// files the widget does not count.
    fn fake_dist(name: &str, wasm_len: usize) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-size-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("story")).unwrap();
        // Incompressible-ish bytes, so the gzip size follows the raw size.
        let mut x: u32 = 12345;
        let wasm: Vec<u8> = (0..wasm_len)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect();
        fs::write(dir.join("passage_map_bg.06d58d159d.wasm"), wasm).unwrap();
        fs::write(dir.join("passage_map.0123abcd45.js"), "export default function init() {}\n".repeat(50))
            .unwrap();
        fs::write(dir.join("passage-map.920672c98e.css"), ".pm { color: red }\n".repeat(40)).unwrap();
        fs::write(dir.join("passage-map.js"), ENTRY).unwrap();
        fs::write(dir.join("passage-map.aa11bb22cc.js"), ENTRY).unwrap();
        fs::write(dir.join("app.js"), "x".repeat(100_000)).unwrap();
        fs::write(dir.join("story/story.json"), "{}").unwrap();
        dir
    }

    fn flate2(paths: &[PathBuf]) -> Result<Vec<usize>, String> {
        Ok(paths.iter().map(|p| gzip_len(&fs::read(p).unwrap())).collect())
    }

    #[test]
    fn finds_the_files_the_entry_names_as_the_bench_does() {
        let dir = fake_dist("names", 100);
        let files = widget_files(&dir).unwrap();
        assert_eq!(
            files,
            vec![
                ("wasm", "passage_map_bg.06d58d159d.wasm".to_owned()),
                // Not the './passage_map.js' of the comment: the bench wants `from` before it.
                ("glue", "passage_map.0123abcd45.js".to_owned()),
                ("entry", "passage-map.aa11bb22cc.js".to_owned()),
                ("css", "passage-map.920672c98e.css".to_owned()),
            ]
        );
        // Without a hashed copy the entry is passage-map.js itself.
        fs::remove_file(dir.join("passage-map.aa11bb22cc.js")).unwrap();
        assert_eq!(widget_files(&dir).unwrap()[2], ("entry", "passage-map.js".to_owned()));
        // As esbuild minifies it: `from"./…"`, double quotes, no spaces.
        let minified = r#"import{mount as m}from"./passage_map.0123abcd45.js";const h=t=>new URL(t,import.meta.url).href;k.href=h("passage-map.920672c98e.css");await i({module_or_path:h("passage_map_bg.06d58d159d.wasm")});"#;
        fs::write(dir.join("passage-map.js"), minified).unwrap();
        let names: Vec<String> = widget_files(&dir).unwrap().into_iter().map(|(_, n)| n).collect();
        assert_eq!(names[..2], ["passage_map_bg.06d58d159d.wasm", "passage_map.0123abcd45.js"]);
        assert_eq!(names[3], "passage-map.920672c98e.css");
        fs::write(dir.join("passage-map.js"), minified.replace("}from", "}datafrom")).unwrap();
        assert_eq!(widget_files(&dir).unwrap_err(), "dist/passage-map.js names no glue file");
        fs::write(dir.join("passage-map.js"), ENTRY).unwrap();
        // An entry that names no stylesheet is an error, not a smaller figure.
        fs::write(dir.join("passage-map.js"), ENTRY.replace("passage-map.920672c98e.css", "x.css")).unwrap();
        assert_eq!(widget_files(&dir).unwrap_err(), "dist/passage-map.js names no css file");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hashed_entry_names() {
        assert!(is_hashed_entry("passage-map.18837c0eca.js"));
        assert!(is_hashed_entry("passage-map.abcdef.js"));
        assert!(!is_hashed_entry("passage-map.abcde.js"));
        assert!(!is_hashed_entry("passage-map.18837C0ECA.js"));
        assert!(!is_hashed_entry("passage-map.js"));
        assert!(!is_hashed_entry("passage-map.920672c98e.css"));
    }

    #[test]
    fn measures_the_four_files_and_nothing_else() {
        let dir = fake_dist("measure", 5_000);
        let files = measure(&dir, &flate2).unwrap();
        let roles: Vec<&str> = files.iter().map(|f| f.role).collect();
        assert_eq!(roles, ["wasm", "glue", "entry", "css"]);
        assert_eq!(files[0].raw, 5_000);
        assert_eq!(files[2].raw, ENTRY.len());
        let total: usize = files.iter().map(|f| f.gzip).sum();
        // app.js (100 KB) is not widget code; the random wasm barely compresses.
        assert!(total > 5_000 && total < 6_000, "{total}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_gate_fails_above_the_ceiling_and_reports_the_distance_to_the_budget() {
        let dir = fake_dist("gate", 5_000);
        let files = measure(&dir, &flate2).unwrap();
        let total: usize = files.iter().map(|f| f.gzip).sum();

        // Within the budget.
        let ok = gate(&files, total, total).unwrap();
        assert!(ok.contains("within the"), "{ok}");
        assert!(ok.contains("passage_map_bg.06d58d159d.wasm"), "{ok}");

        // Over the budget but under the ratchet ceiling: passes, says how far from the budget.
        let budget = total - 1_500;
        let ok = gate(&files, budget, total + 100).unwrap();
        assert!(ok.contains("1.5 KB over the"), "{ok}");
        assert!(!ok.contains("lower WIDGET_CEILING"), "{ok}");

        // Far below the ceiling: passes and asks for the ratchet to go down.
        let ok = gate(&files, budget, total + RATCHET_SLACK + 1).unwrap();
        assert!(ok.contains("lower WIDGET_CEILING"), "{ok}");

        // One byte above the ceiling: fails.
        let err = gate(&files, budget, total - 1).unwrap_err();
        assert!(err.contains("FAILED"), "{err}");
        assert!(err.contains("over the"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn node_measures_like_the_bench() {
        // The production gate compresses with Node's zlib; check it reads every file given.
        let dir = fake_dist("node", 2_000);
        let paths: Vec<PathBuf> = widget_files(&dir).unwrap().iter().map(|(_, n)| dir.join(n)).collect();
        let sizes = node_gzip(&paths).expect("node runs (the build needs it for wasm-opt)");
        assert_eq!(sizes.len(), 4);
        assert!(sizes[0] > 2_000 && sizes[0] < 2_100, "{sizes:?}");
        assert!(sizes.iter().all(|&n| n > 18), "{sizes:?}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
