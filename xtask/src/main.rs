//! `cargo xtask <command>`: build, package, serve, check and test passage-map.
//!
//! Every command first installs what it needs and is missing (see [`setup`]), so a fresh
//! machine with only rustup, node and python goes from clone to green with
//! `cargo xtask test`.

mod basemap;
mod bench;
mod build;
mod dist;
mod fuzz;
mod hashing;
mod imports;
mod labels;
mod npm;
mod oembed;
mod offline;
mod serve;
mod setup;
mod size;
mod story;
mod test;
mod util;
mod wordpress;
mod zip;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  build [--release]      build the widget into build/pkg/ (wasm-bindgen; wasm-opt for --release)
  dist                   release build + the static site in dist/ (story, basemap, examples), with sizes
  serve [--port N]       dist, then serve dist/ on http://127.0.0.1:N/ (default 8080, or env PORT)
  test                   native tests, wasm tests in headless Chromium, dist, end-to-end tests
  check-story <dir>      check a story folder (story.json, places, passages, articles)
  fuzz --minutes N       fuzz the story parser and checker (cargo-fuzz, nightly; --target T, --merge)
  oembed <url>           write dist/'s oEmbed discovery link and oembed.json for the address serving it
  wordpress-plugin       the WordPress plugin with dist/ as an installable zip (build/passage-map-wordpress.zip)
  test-wordpress         the plugin on a real WordPress (Debian's packages; Chromium checks every role × method)
  bench [--runs N] [--sizes 1000,10000,100000]
                         dist, then size, load, frame and memory benchmarks beside Leaflet at each story size (bench/README.md)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => {
            parse_flags(&args[1..], &["--release"]).and_then(|f| build::build(f.contains(&"--release")))
        }
        Some("dist") => parse_flags(&args[1..], &[]).and_then(|_| dist::dist()),
        Some("serve") => serve_command(&args[1..]),
        Some("test") => parse_flags(&args[1..], &[]).and_then(|_| test::test()),
        Some("check-story") => match &args[1..] {
            [dir] => story::check_story_command(dir),
            _ => Err("usage: cargo xtask check-story <dir>".to_string()),
        },
        Some("bench") => bench::bench(&args[1..]),
        Some("fuzz") => fuzz::fuzz_command(&args[1..]),
        Some("wordpress-plugin") => {
            parse_flags(&args[1..], &[]).and_then(|_| wordpress::wordpress_plugin().map(|_| ()))
        }
        Some("test-wordpress") => parse_flags(&args[1..], &[]).and_then(|_| wordpress::test_wordpress()),
        Some("oembed") => match &args[1..] {
            [url] => oembed::command(url),
            _ => Err("usage: cargo xtask oembed <url>".into()),
        },
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(USAGE.trim_end().to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Accepts only the given flags; returns those present.
fn parse_flags(args: &[String], allowed: &[&'static str]) -> Result<Vec<&'static str>, String> {
    let mut found = Vec::new();
    for a in args {
        match allowed.iter().find(|f| **f == a.as_str()) {
            Some(f) => found.push(*f),
            None => return Err(format!("unexpected argument `{a}`\n\n{USAGE}")),
        }
    }
    Ok(found)
}

fn serve_command(args: &[String]) -> Result<(), String> {
    let mut port: Option<u16> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = if a == "--port" {
            it.next().ok_or("--port needs a number")?.as_str()
        } else if let Some(v) = a.strip_prefix("--port=") {
            v
        } else {
            return Err(format!("unexpected argument `{a}`\n\n{USAGE}"));
        };
        port = Some(value.parse().map_err(|_| format!("--port: `{value}` is not a port number"))?);
    }
    let port = match port {
        Some(p) => p,
        None => match std::env::var("PORT") {
            Ok(v) if !v.is_empty() => v.parse().map_err(|_| format!("PORT: `{v}` is not a port number"))?,
            _ => 8080,
        },
    };
    dist::dist()?;
    let root = util::root().join("dist");
    let server = serve::Server::bind(&root, ("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    oembed::publish(&root, &format!("http://127.0.0.1:{}/", server.local_addr().port()))?;
    println!("passage-map demo: http://127.0.0.1:{}/", server.local_addr().port());
    server.run();
    Ok(())
}
