//! `cargo xtask fuzz --minutes N [--target T] [--merge]`: coverage-guided fuzzing of the
//! story parser and checker with cargo-fuzz (libFuzzer) on a nightly toolchain.
//!
//! The fuzz crate is `fuzz/` (outside the workspace). Its targets:
//! - `story_bytes`: arbitrary bytes cut at NUL into story.json, places.geojson,
//!   passages.json and an article text, decoded lossily from UTF-8;
//! - `story_mutations`: structure-aware edits of the default story in geodata/ (huge
//!   numbers, deep nesting, strings up to 10 MB, raw invalid bytes).
//!
//! Each target runs for its share of the time on the committed seeds `fuzz/seeds/<target>/`
//! (the default and minimal stories) and corpus `fuzz/corpus/<target>/`; what it finds goes
//! to `fuzz/target/corpus-new/<target>/`, and `--merge` folds the inputs of up to 2 KB that
//! add coverage back into the committed corpus (minimised: libFuzzer's `-merge=1`), which
//! keeps it to a few hundred KB. A crash, a timeout (a unit over 30 s: the slowest default-story
//! run is under 0.1 s, but 2 shared cores can starve a process) or running out of memory
//! (3 GB) fails the command and leaves the input in `fuzz/artifacts/<target>/`.
//!
//! The pinned nightly toolchain (`setup::NIGHTLY`) and cargo-fuzz are installed when missing.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::util::{output, root, run};

pub const TARGETS: [&str; 2] = ["story_bytes", "story_mutations"];

/// What one target's run did, from libFuzzer's closing lines.
#[derive(Debug, Default)]
pub struct Figures {
    pub target: String,
    pub seconds: f64,
    pub runs: u64,
    pub cov: u64,
    pub features: u64,
    pub corpus: u64,
}

pub fn fuzz_command(args: &[String]) -> Result<(), String> {
    let mut minutes: Option<f64> = None;
    let mut targets: Vec<&str> = Vec::new();
    let mut merge = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--minutes" => {
                let v = it.next().ok_or("--minutes needs a number")?;
                minutes = Some(v.parse().map_err(|_| format!("--minutes: `{v}` is not a number"))?);
            }
            "--target" => {
                let t = it.next().ok_or("--target needs a name")?;
                let t = TARGETS
                    .iter()
                    .find(|x| **x == t.as_str())
                    .ok_or_else(|| format!("unknown fuzz target `{t}` (known: {})", TARGETS.join(", ")))?;
                targets.push(t);
            }
            "--merge" => merge = true,
            other => {
                return Err(format!(
                "unexpected argument `{other}`; usage: cargo xtask fuzz --minutes N [--target T] [--merge]"
            ))
            }
        }
    }
    let minutes = minutes.ok_or("usage: cargo xtask fuzz --minutes N [--target T] [--merge]")?;
    if minutes.is_nan() || minutes <= 0.0 {
        return Err("--minutes must be more than 0".into());
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    let figures = fuzz(minutes * 60.0, &targets, merge)?;
    for f in &figures {
        println!("{}", f.line());
    }
    Ok(())
}

impl Figures {
    pub fn line(&self) -> String {
        format!(
            "fuzz: {:<16} {:>10} runs in {:.0} s ({:.0}/s), coverage {} edges, {} features, corpus {}",
            self.target,
            self.runs,
            self.seconds,
            self.runs as f64 / self.seconds.max(1e-9),
            self.cov,
            self.features,
            self.corpus
        )
    }
}

/// Installs the pinned nightly ([`crate::setup::NIGHTLY`]) and cargo-fuzz when missing.
pub fn setup() -> Result<(), String> {
    let start = Instant::now();
    crate::setup::nightly()?;
    if output(Command::new("cargo").args(["fuzz", "--version"])).is_some() {
        println!("setup: cargo-fuzz ok");
    } else {
        println!("setup: installing cargo-fuzz (cargo install)");
        run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    println!("setup: fuzzing tools ready in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// The flags of every `cargo fuzz` call: no sanitizer (the code is safe Rust; ASan would
/// only slow the runs and the build) and debug assertions on, so that integer overflow
/// panics instead of wrapping.
fn cargo_fuzz(sub: &str, fuzz_dir: &Path) -> Command {
    let mut c = Command::new("cargo");
    c.current_dir(fuzz_dir).arg(format!("+{}", crate::setup::NIGHTLY)).args([
        "fuzz",
        sub,
        "--sanitizer",
        "none",
        "--debug-assertions",
    ]);
    c
}

/// Builds and runs the targets for `total_secs` seconds in all, one after the other.
pub fn fuzz(total_secs: f64, targets: &[&str], merge: bool) -> Result<Vec<Figures>, String> {
    setup()?;
    let fuzz_dir = root().join("fuzz");
    let build = Instant::now();
    run(&mut cargo_fuzz("build", &fuzz_dir))?;
    println!("fuzz: built the targets in {:.1} s", build.elapsed().as_secs_f64());
    let each = (total_secs / targets.len() as f64).max(1.0).round() as u64;
    let mut all = Vec::new();
    for target in targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        let seeds = fuzz_dir.join("seeds").join(target);
        let new = fuzz_dir.join("target/corpus-new").join(target);
        std::fs::create_dir_all(&new).map_err(|e| format!("{}: {e}", new.display()))?;
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        let log = fuzz_dir.join("target").join(format!("fuzz-{target}.log"));
        let mut cmd = cargo_fuzz("run", &fuzz_dir);
        cmd.arg(target).arg(&new).arg(&corpus).arg(&seeds).arg("--").args([
            &format!("-max_total_time={each}"),
            "-timeout=30",
            "-rss_limit_mb=3072",
            "-malloc_limit_mb=3072",
            "-print_final_stats=1",
        ]);
        println!("fuzz: {target} for {each} s (log: {})", log.display());
        let figures = run_logged(&mut cmd, target, &log)?;
        println!("{}", figures.line());
        all.push(figures);
        if merge {
            merge_into(&fuzz_dir, target, &corpus, &new)?;
        }
    }
    Ok(all)
}

/// Runs libFuzzer, writing its output to `log` and echoing the status lines; Err (with the
/// crash's input file) when it stops on a finding.
fn run_logged(cmd: &mut Command, target: &str, log: &Path) -> Result<Figures, String> {
    let start = Instant::now();
    let mut child = cmd
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
    let mut file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let stdout = child.stdout.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        BufReader::new(stdout).lines().map_while(Result::ok).collect::<Vec<_>>().join("\n")
    });
    let mut figures = Figures { target: target.to_owned(), ..Figures::default() };
    let mut finding = Vec::new();
    for line in BufReader::new(child.stderr.take().unwrap()).lines().map_while(Result::ok) {
        let _ = writeln!(file, "{line}");
        if line.contains(" pulse ") || line.contains(" DONE ") || line.starts_with("Done ") {
            println!("  {line}");
        }
        if let Some(status) = line.strip_prefix('#') {
            read_status(status, &mut figures);
        }
        if line.starts_with("stat::number_of_executed_units:") {
            figures.runs =
                line.rsplit(' ').next().and_then(|n| n.trim().parse().ok()).unwrap_or(figures.runs);
        }
        if line.contains("panicked at")
            || line.contains("ERROR: libFuzzer")
            || line.contains("Test unit written to")
            || line.starts_with("SUMMARY")
        {
            println!("  {line}");
            finding.push(line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    let stdout = out_thread.join().unwrap_or_default();
    let _ = writeln!(file, "{stdout}");
    figures.seconds = start.elapsed().as_secs_f64();
    if !status.success() || !finding.is_empty() {
        return Err(format!(
            "fuzz target {target} stopped on a finding ({status}); see {}:\n{}",
            log.display(),
            finding.join("\n")
        ));
    }
    Ok(figures)
}

/// `#1234\tNEW    cov: 2345 ft: 6789 corp: 120/45Kb …` → runs, cov, ft, corp.
fn read_status(status: &str, f: &mut Figures) {
    let mut words = status.split_whitespace();
    if let Some(n) = words.next().and_then(|n| n.parse().ok()) {
        f.runs = n;
    }
    let words: Vec<&str> = status.split_whitespace().collect();
    for w in words.windows(2) {
        let n = || w[1].split('/').next().and_then(|n| n.parse().ok());
        match w[0] {
            "cov:" => f.cov = n().unwrap_or(f.cov),
            "ft:" => f.features = n().unwrap_or(f.features),
            "corp:" => f.corpus = n().unwrap_or(f.corpus),
            _ => {}
        }
    }
}

/// Inputs kept in the committed corpus are at most this long.
const CORPUS_MAX_LEN: u64 = 2048;

/// Replaces the committed corpus by a minimised merge of itself and the new inputs of up
/// to [`CORPUS_MAX_LEN`] bytes.
fn merge_into(fuzz_dir: &Path, target: &str, corpus: &Path, new: &Path) -> Result<(), String> {
    let candidates = fuzz_dir.join("target/corpus-candidates").join(target);
    let merged = fuzz_dir.join("target/corpus-merged").join(target);
    for dir in [&candidates, &merged] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut offered = 0;
    for dir in [corpus, new] {
        for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let small = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= CORPUS_MAX_LEN);
            if small {
                let name = path.file_name().unwrap();
                std::fs::copy(&path, candidates.join(name)).map_err(|e| e.to_string())?;
                offered += 1;
            }
        }
    }
    let mut cmd = cargo_fuzz("run", fuzz_dir);
    cmd.arg(target).arg(&merged).arg(&candidates).args([
        "--",
        "-merge=1",
        &format!("-max_len={CORPUS_MAX_LEN}"),
        "-timeout=30",
        "-rss_limit_mb=3072",
    ]);
    run(&mut cmd)?;
    let before = std::fs::read_dir(corpus).map(|d| d.count()).unwrap_or(0);
    std::fs::remove_dir_all(corpus).map_err(|e| e.to_string())?;
    std::fs::rename(&merged, corpus).map_err(|e| e.to_string())?;
    let after = std::fs::read_dir(corpus).map(|d| d.count()).unwrap_or(0);
    println!("fuzz: {target} corpus merged: {before} files before, {offered} offered (≤ {CORPUS_MAX_LEN} bytes), {after} kept");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_status_lines() {
        let mut f = Figures::default();
        read_status(
            "52813\tDONE   cov: 3012 ft: 9876 corp: 412/310Kb lim: 4096 exec/s: 880 rss: 420Mb",
            &mut f,
        );
        assert_eq!((f.runs, f.cov, f.features, f.corpus), (52813, 3012, 9876, 412));
    }
}
