//! oEmbed for a static `dist/`: `embed.html` names `oembed.json` in its discovery link,
//! and `oembed.json` answers with an iframe of `embed.html`.
//!
//! In `www/` both addresses are relative, because the folder does not know where it will
//! be served. WordPress, the consumer that matters most, resolves neither (it fetches the
//! link's `href` as written and puts the `html` into the post as written), so
//! `cargo xtask oembed <public URL of dist/>` writes them absolute; `cargo xtask serve`
//! does it for its own address. A static file answers every URL with the same map (the
//! default view); the WordPress plugin's REST endpoint keeps the URL's options and
//! honours `maxwidth`/`maxheight`.

use std::path::Path;

use crate::util::{read, write};

/// The discovery link as `www/embed.html` carries it.
const RELATIVE_LINK: &str = r#"type="application/json+oembed" href="oembed.json""#;

/// The width and height the static response proposes, in CSS pixels (side by side).
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 600;

/// The oEmbed response (type `rich`) for an iframe of `embed_url`, `width`×`height` px.
pub fn response(embed_url: &str, width: u32, height: u32) -> serde_json::Value {
    let src = embed_url.replace('&', "&amp;").replace('"', "&quot;");
    serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "provider_name": "passage-map",
        "title": "Story map",
        "width": width,
        "height": height,
        "html": format!(
            "<iframe src=\"{src}\" title=\"Story map\" width=\"{width}\" height=\"{height}\" \
             style=\"display:block;border:0;width:100%\" loading=\"lazy\"></iframe>"
        ),
    })
}

/// `url` with exactly one trailing slash, or an error unless it is http(s).
pub fn folder_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') && !url.contains(['"', '<', '>', ' ']) => {
            Ok(format!("{}/", url.trim_end_matches('/')))
        }
        _ => Err(format!("`{url}` is not an http(s) address of the folder serving dist/")),
    }
}

/// Makes `dist`'s discovery link and oembed.json absolute for `public_url` (the address
/// where `dist/` is served, e.g. `https://example.org/passage-map/`).
pub fn publish(dist: &Path, public_url: &str) -> Result<(), String> {
    let base = folder_url(public_url)?;
    let page = dist.join("embed.html");
    let html = read(&page)?;
    let link = format!(r#"type="application/json+oembed" href="{base}oembed.json""#);
    if !html.contains(RELATIVE_LINK) && !html.contains(&link) {
        return Err(format!("{} has no oEmbed discovery link to rewrite ({RELATIVE_LINK})", page.display()));
    }
    write(&page, html.replace(RELATIVE_LINK, &link).as_bytes())?;
    let json = serde_json::to_string_pretty(&response(&format!("{base}embed.html"), WIDTH, HEIGHT))
        .expect("a JSON value serialises");
    write(&dist.join("oembed.json"), format!("{json}\n").as_bytes())
}

/// `cargo xtask oembed <url>`: rewrites the built `dist/` (run `cargo xtask dist` first).
pub fn command(public_url: &str) -> Result<(), String> {
    let dist = crate::util::root().join("dist");
    if !dist.join("embed.html").exists() {
        return Err("dist/embed.html is missing: run `cargo xtask dist` first".into());
    }
    publish(&dist, public_url)?;
    let base = folder_url(public_url)?;
    println!("oembed: dist/embed.html discovers {base}oembed.json, an iframe of {base}embed.html");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_urls() {
        assert_eq!(
            folder_url("https://example.org/passage-map").unwrap(),
            "https://example.org/passage-map/"
        );
        assert_eq!(folder_url("http://127.0.0.1:8080/").unwrap(), "http://127.0.0.1:8080/");
        for bad in ["/passage-map/", "ftp://x/", "https:///x", "https://x/\"><script>", "javascript:alert(1)"]
        {
            assert!(folder_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_response_is_a_rich_iframe_with_escaped_address() {
        let r = response("https://e.org/pm/embed.html?place=cecot&lang=es", 650, 980);
        assert_eq!(r["type"], "rich");
        assert_eq!(r["version"], "1.0");
        assert_eq!((r["width"].as_u64(), r["height"].as_u64()), (Some(650), Some(980)));
        assert_eq!(
            r["html"],
            "<iframe src=\"https://e.org/pm/embed.html?place=cecot&amp;lang=es\" title=\"Story map\" width=\"650\" \
             height=\"980\" style=\"display:block;border:0;width:100%\" loading=\"lazy\"></iframe>"
        );
    }

    #[test]
    fn publish_rewrites_the_link_and_writes_the_response() {
        let dir = std::env::temp_dir().join(format!("passage-map-oembed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let www = crate::util::root().join("www");
        std::fs::copy(www.join("embed.html"), dir.join("embed.html")).unwrap();
        publish(&dir, "https://example.org/pm").unwrap();
        // Twice is the same as once.
        publish(&dir, "https://example.org/pm/").unwrap();
        let html = std::fs::read_to_string(dir.join("embed.html")).unwrap();
        assert!(
            html.contains(r#"type="application/json+oembed" href="https://example.org/pm/oembed.json""#),
            "{html}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("oembed.json")).unwrap()).unwrap();
        assert!(json["html"].as_str().unwrap().contains("src=\"https://example.org/pm/embed.html\""));
        // The shipped default is the same response with relative addresses.
        let default: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(www.join("oembed.json")).unwrap()).unwrap();
        assert_eq!(default, response("embed.html", WIDTH, HEIGHT));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
