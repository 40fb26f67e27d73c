//! Content-hashed file names for the widget's files, so hosts can cache them for a
//! year, and the Subresource Integrity value of the entry script for the README snippet.
//!
//! In `dist/`: `passage_map_bg.<hash>.wasm`, `passage_map.<hash>.js` (glue),
//! `passage-map.<hash>.css` and `passage-map.<hash>.js` (entry, naming the other three
//! by their hashed names). `passage-map.js` stays as a stable alias of the hashed entry
//! for snippets that should not change with every release.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256, Sha384};

use crate::util::{read, write};

/// The first 10 hex digits of the SHA-256 of `data`.
pub fn short_hash(data: &[u8]) -> String {
    Sha256::digest(data).iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// `sha384-<base64>` for an `integrity` attribute.
pub fn integrity(data: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(data)))
}

fn base64(data: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Writes `stem.<hash>.ext` holding `data` in `dir`, removes `stem.ext`, returns the new name.
fn hashed(dir: &Path, stem: &str, ext: &str, data: &[u8]) -> Result<String, String> {
    let name = format!("{stem}.{}.{ext}", short_hash(data));
    write(&dir.join(&name), data)?;
    let _ = fs::remove_file(dir.join(format!("{stem}.{ext}")));
    Ok(name)
}

/// The hashed names and the entry's integrity value.
pub struct Hashed {
    pub entry: String,
    pub entry_integrity: String,
    pub files: Vec<String>,
}

/// Renames the widget's files in `dist` to hashed names and rewrites the references.
pub fn hash_widget(dist: &Path) -> Result<Hashed, String> {
    let wasm =
        fs::read(dist.join("passage_map_bg.wasm")).map_err(|e| format!("dist/passage_map_bg.wasm: {e}"))?;
    let wasm_name = hashed(dist, "passage_map_bg", "wasm", &wasm)?;

    let glue = read(&dist.join("passage_map.js"))?.replace("passage_map_bg.wasm", &wasm_name);
    let glue_name = hashed(dist, "passage_map", "js", glue.as_bytes())?;

    let css = fs::read(dist.join("passage-map.css")).map_err(|e| format!("dist/passage-map.css: {e}"))?;
    let css_name = hashed(dist, "passage-map", "css", &css)?;

    // The entry names the three files as string literals, in either quote (the minifier
    // writes double quotes).
    let mut entry = read(&dist.join("passage-map.js"))?;
    for (name, to) in [
        ("./passage_map.js", format!("./{glue_name}")),
        ("passage_map_bg.wasm", wasm_name.clone()),
        ("passage-map.css", css_name.clone()),
    ] {
        let mut found = false;
        for q in ['\'', '"'] {
            let literal = format!("{q}{name}{q}");
            if entry.contains(&literal) {
                entry = entry.replace(&literal, &format!("{q}{to}{q}"));
                found = true;
            }
        }
        if !found {
            return Err(format!("www/passage-map.js no longer names '{name}'; update xtask/src/hashing.rs"));
        }
    }
    let entry_name = format!("passage-map.{}.js", short_hash(entry.as_bytes()));
    write(&dist.join(&entry_name), entry.as_bytes())?;
    // The stable alias: same content, so either name may be used.
    write(&dist.join("passage-map.js"), entry.as_bytes())?;
    Ok(Hashed {
        entry_integrity: integrity(entry.as_bytes()),
        files: vec![wasm_name, glue_name, css_name, entry_name.clone()],
        entry: entry_name,
    })
}

/// Replaces the `<!-- widget preloads -->` marker of the pages in `dist` with preload
/// links for the hashed files, so the browser fetches the whole module chain and the
/// wasm at once instead of one after another.
pub fn write_preloads(dist: &Path, h: &Hashed) -> Result<(), String> {
    const MARKER: &str = "<!-- widget preloads -->";
    let [wasm, glue, css, entry] = [&h.files[0], &h.files[1], &h.files[2], &h.files[3]];
    let links = format!(
        "<link rel=\"modulepreload\" href=\"{entry}\">\n<link rel=\"modulepreload\" href=\"{glue}\">\n\
         <link rel=\"preload\" href=\"{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
         <link rel=\"preload\" href=\"{css}\" as=\"style\">"
    );
    // The pages' script imports the hashed entry, the one the preload names.
    let app = dist.join("app.js");
    if app.exists() {
        let js = read(&app)?;
        write(&app, js.replace("'./passage-map.js'", &format!("'./{entry}'")).as_bytes())?;
    }
    for page in ["index.html", "embed.html"] {
        let path = dist.join(page);
        if !path.exists() {
            continue;
        }
        let html = read(&path)?;
        if html.contains(MARKER) {
            write(&path, html.replace(MARKER, &links).as_bytes())?;
        }
    }
    Ok(())
}

/// The embed snippets for a site serving dist/ at `base` (e.g. `/passage-map/`).
pub fn snippets(h: &Hashed, base: &str) -> String {
    format!(
        "<!-- iframe -->\n<iframe src=\"{base}embed.html?place=cecot\" title=\"Story map\" width=\"100%\" height=\"600\" style=\"display:block;border:0\" loading=\"lazy\"></iframe>\n\n\
         <!-- custom element, pinned to this release with Subresource Integrity -->\n<script type=\"module\" src=\"{base}{}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>\n<passage-map place=\"cecot\" style=\"display:block;height:600px\"></passage-map>\n",
        h.entry, h.entry_integrity
    )
}

/// Writes `dist/SNIPPETS.txt`.
pub fn write_snippets(dist: &Path, h: &Hashed) -> Result<(), String> {
    write(&dist.join("SNIPPETS.txt"), snippets(h, "/passage-map/").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_integrity_match_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        // printf 'alert(1)' | openssl dgst -sha384 -binary | base64
        assert_eq!(
            integrity(b"alert(1)"),
            "sha384-HT2E9NfWiuQ/w1PRai+hTyqW16NIoCGA/m8VQDUopfAtcz6YQjtsMmQd5uRbVDpW"
        );
        assert_eq!(short_hash(b"abc"), "ba7816bf8f");
    }

    #[test]
    fn hashing_rewrites_references() {
        let dir = std::env::temp_dir().join(format!("pm-hash-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("passage_map_bg.wasm"), b"\0asm").unwrap();
        fs::write(dir.join("passage_map.js"), "fetch(new URL('passage_map_bg.wasm', import.meta.url))")
            .unwrap();
        fs::write(dir.join("passage-map.css"), ".pm{}").unwrap();
        fs::write(
            dir.join("passage-map.js"),
            // As minified: double quotes, but either quote is found.
            r#"import x from"./passage_map.js";here('passage_map_bg.wasm');here("passage-map.css");"#,
        )
        .unwrap();
        let h = hash_widget(&dir).unwrap();
        let entry = fs::read_to_string(dir.join(&h.entry)).unwrap();
        assert!(entry.contains(&format!("\"./{}\"", h.files[1])), "{entry}");
        assert!(entry.contains(&format!("'{}'", h.files[0])));
        assert!(entry.contains(&format!("\"{}\"", h.files[2])));
        let glue = fs::read_to_string(dir.join(&h.files[1])).unwrap();
        assert!(glue.contains(&h.files[0]));
        assert!(!dir.join("passage_map_bg.wasm").exists() && !dir.join("passage-map.css").exists());
        assert_eq!(fs::read(dir.join("passage-map.js")).unwrap(), entry.as_bytes());
        fs::remove_dir_all(&dir).unwrap();
    }
}
