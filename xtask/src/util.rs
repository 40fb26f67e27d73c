//! Small helpers: the repository root, running commands, copying files, gzip sizes.

use std::fs;
#[cfg(test)]
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// `path` relative to the root, for messages.
pub fn rel(path: &Path) -> String {
    let root = root();
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}

/// Renders a command line for messages.
pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains(' ') {
            s.push_str(&format!(" '{a}'"));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

/// Runs a command with inherited stdio; an error names the command when it fails.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("could not start `{}`: {e}", show(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", show(cmd)))
    }
}

/// Runs a command and returns its stdout, or None when it cannot start or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", rel(path)))
}

pub fn write(path: &Path, data: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", rel(dir)))?;
    }
    fs::write(path, data).map_err(|e| format!("cannot write {}: {e}", rel(path)))
}

pub fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", rel(dir)))?;
    }
    fs::copy(from, to).map(|_| ()).map_err(|e| format!("cannot copy {} to {}: {e}", rel(from), rel(to)))
}

/// Every file under `dir`, recursively, sorted (empty when `dir` does not exist).
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    if dir.is_dir() {
        walk(dir, &mut out)?;
    }
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", rel(dir)))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", rel(dir)))?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Copies the tree under `from` into `to` (created as needed).
pub fn copy_tree(from: &Path, to: &Path) -> Result<usize, String> {
    let files = files_under(from)?;
    for f in &files {
        let rel = f.strip_prefix(from).expect("walked under from");
        copy(f, &to.join(rel))?;
    }
    Ok(files.len())
}

/// Size of `data` after gzip -9 (flate2 best).
#[cfg(test)]
pub fn gzip_len(data: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail").len()
}

/// JSON text without the whitespace between tokens. Strings, numbers and key order are
/// kept exactly as written (re-serialising through serde_json would sort the keys and may
/// reprint a float with more digits). The input must be valid JSON.
pub fn minify_json(text: &str) -> Result<String, String> {
    serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string())?;
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_keeps_strings_order_and_numbers() {
        let text = "{ \"b\": [1.50, -2e3 ],\n  \"a\": \"x \\\" y\\\\\", \"c\" : { } }\n";
        assert_eq!(minify_json(text).unwrap(), "{\"b\":[1.50,-2e3],\"a\":\"x \\\" y\\\\\",\"c\":{}}");
    }

    #[test]
    fn minify_rejects_invalid_json() {
        assert!(minify_json("{\"a\": }").is_err());
    }

    #[test]
    fn gzip_is_smaller_for_repetitive_data() {
        let data = vec![b'a'; 10_000];
        let n = gzip_len(&data);
        assert!(n > 18 && n < 100, "{n}");
    }
}
