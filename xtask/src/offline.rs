//! `dist/passage-map-offline.html`: the default story, its articles, the basemap, the
//! widget (wasm as base64, JS glue, entry, CSS) in one file that a teacher can email or
//! put on a USB stick, and that opens from `file://` with no request at all.
//!
//! Browsers block module scripts and `fetch` from `file://`, so the file carries its own
//! small file table (a JSON script element: relative path → text, the wasm as base64)
//! and one inline module that
//! 1. answers `fetch` for those paths from the table (anything else is refused, so the
//!    page can never reach the network),
//! 2. holds the wasm-bindgen glue, wrapped in a function instead of a module,
//! 3. holds the widget's entry (`www/passage-map.js`) with its import of the glue
//!    replaced and its stylesheet given as a `<style>` (no `<link>` to fetch),
//! 4. mounts the widget with the page address's `?place=`, `?layers=`, `?lang=`.
//!
//! No Content-Security-Policy is needed for a local file, and none is set.

use std::path::Path;

use serde_json::{Map, Value};

use crate::util::{files_under, read, rel, write};

/// File table keys (paths relative to the HTML file) for the story and basemap in `dist`.
fn data_files(dist: &Path) -> Result<Map<String, Value>, String> {
    let mut files = Map::new();
    for dir in ["story", "basemap"] {
        for f in files_under(&dist.join(dir))? {
            let key = f.strip_prefix(dist).expect("under dist").to_string_lossy().replace('\\', "/");
            files.insert(key, Value::String(read(&f)?));
        }
    }
    Ok(files)
}

/// The glue as a function body returning its exports: `export class X` and `export
/// function f` lose their `export`, and `export { a, b as c };` becomes the returned
/// object's entries.
fn glue_as_function(glue: &str) -> Result<String, String> {
    let mut body = String::new();
    let mut exports: Vec<String> = Vec::new();
    for line in glue.lines() {
        if let Some(list) = line.strip_prefix("export {").and_then(|l| l.trim_end().strip_suffix("};")) {
            for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                exports.push(match item.split_once(" as ") {
                    Some((local, name)) => format!("{}: {}", name.trim(), local.trim()),
                    None => item.to_owned(),
                });
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("export ") {
            let name = rest
                .split_whitespace()
                .find(|w| !matches!(*w, "async" | "function" | "class" | "const" | "let"))
                .and_then(|w| w.split(['(', ' ', '=']).next())
                .ok_or_else(|| format!("cannot read the export `{line}`"))?;
            exports.push(name.to_owned());
            body.push_str(rest);
        } else {
            if line.starts_with("import ") {
                return Err(format!("the wasm-bindgen glue imports something: `{line}`"));
            }
            body.push_str(line);
        }
        body.push('\n');
    }
    if !exports.iter().any(|e| e.starts_with("default:")) || !exports.iter().any(|e| e == "mount") {
        return Err("the wasm-bindgen glue no longer exports `default` and `mount`".into());
    }
    Ok(format!("(() => {{\n{body}return {{ {} }};\n}})()", exports.join(", ")))
}

/// Replaces `from` (which must occur exactly once) in the entry.
fn replace_once(text: &str, from: &str, to: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!(
            "www/passage-map.js has `{from}` {n} times (expected once); update xtask/src/offline.rs"
        )),
    }
}

/// Escapes JSON or JS text for a `<script>` element, so that no `</script` or `<!--` in
/// a string can end it early: `<` becomes `\u003c` there (valid in JSON and JS strings).
fn script_safe(text: &str) -> String {
    text.replace("</", "\\u003c/").replace("<!--", "\\u003c!--")
}

const PAGE_SCRIPT: &str = r#"
const params = new URLSearchParams(location.search);
const options = { urlState: true, hostLinks: false };
for (const key of ['lang', 'layers', 'place']) if (params.get(key)) options[key] = params.get(key);
document.documentElement.lang = options.lang === 'es' ? 'es' : 'en';
for (const intro of document.querySelectorAll('.intro')) intro.hidden = intro.lang !== document.documentElement.lang;
window.passageMap = await mount(document.getElementById('map'), options);
"#;

const FETCH_SHIM: &str = r#"
const FILES = JSON.parse(document.getElementById('passage-map-files').textContent);
const TYPES = { json: 'application/json', geojson: 'application/geo+json', txt: 'text/plain; charset=utf-8', wasm: 'application/wasm' };
const FOLDER = new URL('./', location.href).href;
// Every file the widget asks for is in this page; nothing else is ever fetched.
window.fetch = async (input) => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  const key = url.href.startsWith(FOLDER) ? url.href.slice(FOLDER.length).split(/[?#]/)[0] : null;
  if (key === null || !Object.hasOwn(FILES, key)) throw new TypeError(`${url.href} is not part of this offline file`);
  const ext = key.slice(key.lastIndexOf('.') + 1);
  const body = ext === 'wasm' ? Uint8Array.from(atob(FILES[key]), (c) => c.charCodeAt(0)) : FILES[key];
  return new Response(body, { headers: { 'Content-Type': TYPES[ext] ?? 'application/octet-stream' } });
};
"#;

/// Writes `dist/passage-map-offline.html` from the built widget (`build/pkg/`), the
/// widget's entry and CSS (`www/`) and the story and basemap already in `dist/`.
pub fn write_offline(root: &Path, dist: &Path) -> Result<(), String> {
    let mut files = data_files(dist)?;
    let wasm = std::fs::read(root.join("build/pkg/passage_map_bg.wasm"))
        .map_err(|e| format!("build/pkg/passage_map_bg.wasm: {e}"))?;
    files.insert("passage_map_bg.wasm".into(), Value::String(base64(&wasm)));
    let css = read(&root.join("www/passage-map.css"))?;

    let glue = glue_as_function(&read(&root.join("build/pkg/passage_map.js"))?)?;
    let entry = read(&root.join("www/passage-map.js"))?;
    let entry = replace_once(
        &entry,
        "import init, { mount as mountWasm } from './passage_map.js';",
        "const { default: init, mount: mountWasm } = PASSAGE_MAP_GLUE;",
    )?;
    let entry = replace_once(
        &entry,
        "function stylesheet(root) {",
        "function stylesheet(root) {\n  // Offline: the stylesheet is in this page.\n  \
         const style = document.createElement('style');\n  style.textContent = OFFLINE_CSS;\n  \
         root.append(style);\n  return Promise.resolve();\n}\n\nfunction linkedStylesheet(root) {",
    )?;

    let manifest: Value = serde_json::from_str(&read(&dist.join("story/story.json"))?)
        .map_err(|e| format!("dist/story/story.json: {e}"))?;
    let title = |lang: &str| {
        manifest["title"][lang].as_str().or(manifest["title"].as_str()).unwrap_or("passage-map").to_owned()
    };
    let (title_en, title_es) = (html_text(&title("en")), html_text(&title("es")));
    let table = script_safe(&Value::Object(files).to_string());
    let module = script_safe(&format!(
        "const PASSAGE_MAP_GLUE = {glue};\nconst OFFLINE_CSS = {};\n{FETCH_SHIM}\n{entry}\n{PAGE_SCRIPT}",
        Value::String(css)
    ));
    let html = format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title_en} — passage-map (offline)</title>
<style>
html, body {{ margin: 0; height: 100%; }}
body {{ display: flex; flex-direction: column; font: 16px/1.45 system-ui, sans-serif; color: #1d1d1b; background: #fbfaf7; }}
header {{ padding: 0.5rem 1rem; border-bottom: 1px solid #ddd8cc; }}
h1 {{ margin: 0; font-size: 1.25rem; }}
header p {{ margin: 0.2rem 0 0; font-size: 0.9rem; }}
main {{ flex: 1; min-height: 0; display: flex; }}
#map {{ flex: 1; min-height: 0; }}
@media print {{ html, body, main, #map {{ display: block; height: auto; }} header p {{ display: none; }} }}
@media (prefers-color-scheme: dark) {{ body {{ color: #ecebe6; background: #121211; }} header {{ border-bottom-color: #3a3832; }} a {{ color: #8ab4f8; }} }}
</style>
</head>
<body>
<header>
  <div class="intro" lang="en"><h1>{title_en}</h1><p>This single file works offline: the map, the places, the passages and the articles are all inside it. <a href="?lang=es" hreflang="es">En español</a></p></div>
  <div class="intro" lang="es" hidden><h1>{title_es}</h1><p>Este archivo funciona sin conexión: el mapa, los lugares, los pasajes y los artículos están dentro. <a href="?lang=en" hreflang="en">In English</a></p></div>
</header>
<main><div id="map"><noscript>The map needs JavaScript and WebAssembly.</noscript></div></main>
<script type="application/json" id="passage-map-files">{table}</script>
<script type="module">
{module}
</script>
</body>
</html>
"#
    );
    let out = dist.join("passage-map-offline.html");
    write(&out, html.as_bytes())?;
    println!("dist: {} ({} bytes, everything inline)", rel(&out), html.len());
    Ok(())
}

/// Text for HTML element content.
fn html_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_rfc4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn glue_exports_become_a_returned_object() {
        let glue = "let wasm;\nexport class MapHandle {\n}\nexport function mount(t, o) {}\nfunction __wbg_init() {}\nexport { initSync, __wbg_init as default };\n";
        assert_eq!(
            glue_as_function(glue).unwrap(),
            "(() => {\nlet wasm;\nclass MapHandle {\n}\nfunction mount(t, o) {}\nfunction __wbg_init() {}\n\
             return { MapHandle, mount, initSync, default: __wbg_init };\n})()"
        );
        assert!(glue_as_function("import x from 'y';\nexport { a as default };\nexport function mount() {}")
            .is_err());
    }

    #[test]
    fn scripts_cannot_be_closed_early() {
        let safe = script_safe(r#"{"a":"</script><!--"}"#);
        assert_eq!(safe, r#"{"a":"\u003c/script>\u003c!--"}"#);
        assert_eq!(serde_json::from_str::<Value>(&safe).unwrap()["a"], "</script><!--");
    }
}
