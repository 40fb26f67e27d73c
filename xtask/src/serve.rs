//! A small static file server (std only, one thread per connection, HTTP/1.1 keep-alive)
//! for `cargo xtask serve` and the tests.
//!
//! GET and HEAD only; `/` and folders serve their `index.html`; query strings and
//! fragments are ignored; `..` segments, backslashes and NUL are refused (403); every
//! response carries `Cache-Control: no-cache`, so a rebuilt `dist/` is picked up on reload,
//! and `Access-Control-Allow-Origin: *`: a page embedding the widget from a `sandbox`
//! frame (WordPress's oEmbed frames) has the origin `null`, and its module scripts, wasm
//! and JSON fetches are CORS requests that fail without it.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

/// How long a kept-alive connection may stay idle.
const IDLE: Duration = Duration::from_secs(15);
/// Largest request head (request line + headers) accepted.
const MAX_HEAD: usize = 64 * 1024;

pub struct Server {
    listener: TcpListener,
    root: PathBuf,
}

impl Server {
    /// Listens on `addr` (port 0 picks a free port) to serve the files under `root`.
    pub fn bind(root: &Path, addr: impl ToSocketAddrs) -> io::Result<Server> {
        let root = root.canonicalize()?;
        Ok(Server { listener: TcpListener::bind(addr)?, root })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// Serves until the process ends.
    pub fn run(self) {
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            let root = self.root.clone();
            thread::spawn(move || {
                let _ = serve_connection(stream, &root);
            });
        }
    }

    /// Serves from a background thread; returns the address (for tests and tools).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn spawn(self) -> SocketAddr {
        let addr = self.local_addr();
        thread::spawn(move || self.run());
        addr
    }
}

/// The Content-Type for a file name.
pub fn content_type(path: &Path) -> &'static str {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return "text/plain; charset=utf-8"; // LICENSE, NOTICE, …
    };
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "geojson" => "application/geo+json",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// Decodes %XX escapes; None when an escape is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect there.
    Redirect(String),
    Status(u16),
}

/// Maps a request target to a file under `root`.
fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Resolved::Status(400);
    }
    let Some(decoded) = percent_decode(path) else { return Resolved::Status(400) };
    if decoded.contains(['\\', '\0']) || decoded.split('/').any(|seg| seg == "..") {
        return Resolved::Status(403);
    }
    let mut file = root.to_path_buf();
    for seg in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        file.push(seg);
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    // Symbolic links must not lead out of the root either.
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Resolved::File(real),
        Ok(real) if !real.starts_with(root) => Resolved::Status(403),
        _ => Resolved::Status(404),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

struct Request {
    method: String,
    target: String,
    keep_alive: bool,
    body_len: usize,
}

/// Reads one request head; None at a clean end of the connection.
fn read_request(reader: &mut BufReader<TcpStream>) -> io::Result<Option<Result<Request, u16>>> {
    let mut head: Vec<String> = Vec::new();
    let mut size = 0;
    loop {
        let mut line = String::new();
        let n = reader.by_ref().take((MAX_HEAD + 1 - size) as u64).read_line(&mut line)?;
        if n == 0 {
            return if head.is_empty() { Ok(None) } else { Err(io::ErrorKind::UnexpectedEof.into()) };
        }
        size += n;
        if size > MAX_HEAD {
            return Ok(Some(Err(431)));
        }
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        if line.is_empty() {
            if head.is_empty() {
                continue; // tolerate blank lines before a request
            }
            break;
        }
        head.push(line);
    }
    let mut parts = head[0].split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(Some(Err(400)));
    };
    let mut keep_alive = version == "HTTP/1.1";
    let mut body_len = 0;
    for h in &head[1..] {
        let Some((name, value)) = h.split_once(':') else { continue };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim().to_ascii_lowercase());
        match name.as_str() {
            "connection" if value == "close" => keep_alive = false,
            "connection" if value == "keep-alive" => keep_alive = true,
            "content-length" => body_len = value.parse().unwrap_or(0),
            "transfer-encoding" => keep_alive = false, // not supported: close after answering
            _ => {}
        }
    }
    Ok(Some(Ok(Request { method: method.to_owned(), target: target.to_owned(), keep_alive, body_len })))
}

fn serve_connection(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    let _ = stream.set_nodelay(true);
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let request = match read_request(&mut reader)? {
            None => return Ok(()),
            Some(Err(status)) => {
                respond(&mut writer, status, "text/plain; charset=utf-8", &[], true, false, None)?;
                return Ok(());
            }
            Some(Ok(r)) => r,
        };
        // Discard a request body (none is expected).
        io::copy(&mut reader.by_ref().take(request.body_len as u64), &mut io::sink())?;
        let head_only = request.method == "HEAD";
        let keep = request.keep_alive;
        if request.method != "GET" && !head_only {
            respond(
                &mut writer,
                405,
                "text/plain; charset=utf-8",
                b"405 Method Not Allowed\n",
                false,
                keep,
                None,
            )?;
        } else {
            match resolve(root, &request.target) {
                Resolved::File(path) => match std::fs::read(&path) {
                    Ok(body) => respond(&mut writer, 200, content_type(&path), &body, head_only, keep, None)?,
                    Err(_) => respond(
                        &mut writer,
                        404,
                        "text/plain; charset=utf-8",
                        b"404 Not Found\n",
                        head_only,
                        keep,
                        None,
                    )?,
                },
                Resolved::Redirect(to) => {
                    respond(&mut writer, 301, "text/plain; charset=utf-8", b"", head_only, keep, Some(&to))?
                }
                Resolved::Status(status) => {
                    let body = format!("{status} {}\n", reason(status));
                    respond(
                        &mut writer,
                        status,
                        "text/plain; charset=utf-8",
                        body.as_bytes(),
                        head_only,
                        keep,
                        None,
                    )?
                }
            }
        }
        if !keep {
            return Ok(());
        }
    }
}

fn respond(
    w: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
    keep_alive: bool,
    location: Option<&str>,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nAccess-Control-Allow-Origin: *\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n",
        reason(status),
        body.len(),
        if keep_alive { "keep-alive" } else { "close" },
    );
    if let Some(to) = location {
        head.push_str(&format!("Location: {to}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    if !head_only {
        out.extend_from_slice(body);
    }
    w.write_all(&out)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Response {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    }

    impl Response {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
        }
    }

    /// Sends one raw request with `Connection: close` and reads the whole answer.
    fn request(addr: SocketAddr, method: &str, target: &str) -> Response {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        parse(&raw)
    }

    fn parse(raw: &[u8]) -> Response {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
        let head = String::from_utf8(raw[..split].to_vec()).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.trim().to_owned(), v.trim().to_owned())
            })
            .collect();
        Response { status, headers, body: raw[split + 4..].to_vec() }
    }

    fn site(name: &str) -> (PathBuf, SocketAddr) {
        let dir = std::env::temp_dir().join(format!("passage-map-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("story/articles")).unwrap();
        std::fs::create_dir_all(dir.join("examples")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>").unwrap();
        std::fs::write(dir.join("passage_map_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dir.join("passage_map.js"), "export {};").unwrap();
        std::fs::write(dir.join("story/places.geojson"), "{}").unwrap();
        std::fs::write(dir.join("story/story.json"), "{}").unwrap();
        std::fs::write(dir.join("story/articles/a b.txt"), "text").unwrap();
        std::fs::write(dir.join("examples/index.html"), "examples").unwrap();
        std::fs::write(
            dir.parent().unwrap().join(format!("passage-map-secret-{}.txt", std::process::id())),
            "secret",
        )
        .unwrap();
        let server = Server::bind(&dir, "127.0.0.1:0").unwrap();
        (dir, server.spawn())
    }

    #[test]
    fn serves_files_with_types_statuses_and_no_traversal() {
        let (dir, addr) = site("files");

        let r = request(addr, "GET", "/");
        assert_eq!(r.status, 200);
        assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("Cache-Control"), Some("no-cache"));
        // Fetchable from a sandboxed (origin `null`) frame.
        assert_eq!(r.header("Access-Control-Allow-Origin"), Some("*"));
        assert_eq!(r.body, b"<!doctype html><title>t</title>");

        let r = request(addr, "GET", "/passage_map_bg.wasm?v=3#x");
        assert_eq!((r.status, r.header("Content-Type")), (200, Some("application/wasm")));
        assert_eq!(r.header("Content-Length"), Some("8"));
        let r = request(addr, "GET", "/passage_map.js");
        assert_eq!((r.status, r.header("Content-Type")), (200, Some("text/javascript")));
        let r = request(addr, "GET", "/story/places.geojson");
        assert_eq!((r.status, r.header("Content-Type")), (200, Some("application/geo+json")));
        let r = request(addr, "GET", "/story/story.json");
        assert_eq!((r.status, r.header("Content-Type")), (200, Some("application/json")));
        let r = request(addr, "GET", "/story/articles/a%20b.txt");
        assert_eq!((r.status, r.header("Content-Type")), (200, Some("text/plain; charset=utf-8")));
        assert_eq!(r.body, b"text");

        let r = request(addr, "HEAD", "/index.html");
        assert_eq!((r.status, r.header("Content-Length")), (200, Some("31")));
        assert!(r.body.is_empty());

        let r = request(addr, "GET", "/examples");
        assert_eq!((r.status, r.header("Location")), (301, Some("/examples/")));
        let r = request(addr, "GET", "/examples/");
        assert_eq!((r.status, r.body.as_slice()), (200, b"examples".as_slice()));

        assert_eq!(request(addr, "GET", "/missing.js").status, 404);
        assert_eq!(request(addr, "GET", "/story/").status, 404);
        let secret = format!("passage-map-secret-{}.txt", std::process::id());
        assert_eq!(request(addr, "GET", &format!("/../{secret}")).status, 403);
        assert_eq!(request(addr, "GET", &format!("/story/..%2f..%2f{secret}")).status, 403);
        assert_eq!(request(addr, "GET", "/story/%2e%2e/index.html").status, 403);
        assert_eq!(request(addr, "GET", "/a\\b").status, 403);
        assert_eq!(request(addr, "POST", "/").status, 405);
        assert_eq!(request(addr, "GET", "/%zz").status, 400);

        std::fs::remove_dir_all(&dir).unwrap();
        let _ = std::fs::remove_file(dir.parent().unwrap().join(secret));
    }

    #[test]
    fn keeps_the_connection_alive() {
        let (dir, addr) = site("keep-alive");
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET /passage_map.js HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8(raw).unwrap();
        assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 2, "{text}");
        assert!(text.contains("Connection: keep-alive") && text.contains("Connection: close"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn content_types() {
        for (name, ty) in [
            ("a.css", "text/css; charset=utf-8"),
            ("a.md", "text/markdown; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("favicon.ico", "image/x-icon"),
            ("LICENSE-MIT", "text/plain; charset=utf-8"),
            ("a.bin", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), ty);
        }
    }
}
