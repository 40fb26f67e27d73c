//! WordPress: `cargo xtask wordpress-plugin` packs the plugin of
//! `integrations/wordpress/passage-map/` with the built `dist/` into an installable zip;
//! `cargo xtask test-wordpress` tries it on a real WordPress (Debian's packages).
//!
//! The test site lives in one temporary folder and leaves `/etc` alone: its own copy of
//! `/usr/share/wordpress` with its own `wp-config.php` (Debian's reads
//! `/etc/wordpress/config-<host>.php`), its own MariaDB data folder and server on
//! 127.0.0.1, and Apache started with its own configuration file on 127.0.0.1. Both
//! servers are stopped and the folder deleted at the end, whatever happened. Only a
//! missing package is installed (`apt-get install`, which writes the packages' own files
//! under /etc as any install does); while it installs, a `/usr/sbin/policy-rc.d` that
//! forbids starting services is put in place when there is none, and removed after, so
//! the install never starts Apache or MariaDB as system services.
//!
//! Then `tests/wordpress/setup.php` installs WordPress (an Administrator and an Author
//! with application passwords, the plugin from its zip), and `tests/wordpress/check.mjs`
//! writes posts as each role through the REST API, opens each in Chromium and prints
//! the role × method matrix.

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::setup::{self, Needs};
use crate::util::{copy_tree, files_under, output, read, rel, root, run, write};
use crate::zip::ZipWriter;

/// The plugin's sources, relative to the repository root.
const PLUGIN_SRC: &str = "integrations/wordpress/passage-map";
/// The widget's `.htaccess` inside the plugin's `dist/`.
const DIST_HTACCESS: &str = "integrations/wordpress/dist.htaccess";
/// What of `dist/` the plugin leaves out: the npm package and the one-file classroom copy
/// are other ways to ship the same widget.
const NOT_IN_PLUGIN: &[&str] = &["npm/", "passage-map-offline.html"];
/// Debian's packages the test needs (the theme is only a recommendation of `wordpress`).
const PACKAGES: &[&str] =
    &["wordpress", "wordpress-theme-twentytwentythree", "apache2", "php", "php-mysql", "mariadb-server"];
const POLICY_RC_D: &str = "/usr/sbin/policy-rc.d";
/// Apache's modules, from Debian's apache2 and libapache2-mod-php.
const APACHE_MODULES: &[(&str, &str)] = &[
    ("mpm_prefork_module", "mod_mpm_prefork.so"),
    ("authz_core_module", "mod_authz_core.so"),
    ("dir_module", "mod_dir.so"),
    ("mime_module", "mod_mime.so"),
    ("headers_module", "mod_headers.so"),
];
/// How long a server may take to start or stop.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// The zip: `build/passage-map-wordpress.zip`.
pub fn plugin_zip() -> PathBuf {
    root().join("build/passage-map-wordpress.zip")
}

/// `cargo xtask wordpress-plugin`: the installable zip — the plugin's files and the built
/// `dist/` (built first when missing) as `passage-map/dist/`, with its `.htaccess`.
pub fn wordpress_plugin() -> Result<PathBuf, String> {
    let root = root();
    let dist = root.join("dist");
    if !dist.join("embed.html").exists() {
        println!("wordpress-plugin: dist/ is not built; building it");
        crate::dist::dist()?;
    }
    let mut zip = ZipWriter::default();
    let src = root.join(PLUGIN_SRC);
    let mut count = 0;
    for (folder, prefix) in [(&src, "passage-map/"), (&dist, "passage-map/dist/")] {
        for file in files_under(folder)? {
            let name =
                file.strip_prefix(folder).expect("under its folder").to_string_lossy().replace('\\', "/");
            if folder == &src && name.starts_with("dist/") {
                continue; // a dist/ left in the sources is not the one just built
            }
            if folder == &dist && NOT_IN_PLUGIN.iter().any(|n| name.starts_with(n)) {
                continue;
            }
            let data = fs::read(&file).map_err(|e| format!("cannot read {}: {e}", rel(&file)))?;
            zip.add(&format!("{prefix}{name}"), &data)?;
            count += 1;
        }
    }
    zip.add("passage-map/dist/.htaccess", read(&root.join(DIST_HTACCESS))?.as_bytes())?;
    let out = plugin_zip();
    let bytes = zip.finish();
    write(&out, &bytes)?;
    println!("wordpress-plugin: {} ({} files, {} bytes)", rel(&out), count + 1, bytes.len());
    println!("wordpress-plugin: install it with Plugins → Add New → Upload Plugin");
    Ok(out)
}

/// `cargo xtask test-wordpress`.
pub fn test_wordpress() -> Result<(), String> {
    let start = Instant::now();
    setup::setup(Needs { wasm: false, npm: true, browser: true })?;
    install_packages()?;
    let zip = wordpress_plugin()?;
    let mut site = Site::new()?;
    let result = site.start(&zip).and_then(|urls| {
        if std::env::var_os("PM_WP_PAUSE").is_some() {
            // For a person looking into a failure: the site stays up until Enter.
            println!(
                "test-wordpress: {} is up (Administrator and Author: {}); Enter stops it",
                urls.site, urls.credentials
            );
            let _ = std::io::stdin().read_line(&mut String::new());
        }
        site.check(&urls)
    });
    if result.is_err() {
        site.show_logs();
    }
    drop(site);
    println!("test-wordpress: {:.1} s", start.elapsed().as_secs_f64());
    result
}

fn installed(package: &str) -> bool {
    output(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|s| s.trim() == "install ok installed")
}

/// Installs the packages that are missing (as root; otherwise says which to install).
fn install_packages() -> Result<(), String> {
    let missing: Vec<&str> = PACKAGES.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        println!("setup: {} ok", PACKAGES.join(", "));
        return Ok(());
    }
    if output(Command::new("id").arg("-u")).is_none_or(|s| s.trim() != "0") {
        return Err(format!(
            "test-wordpress needs Debian's {}: sudo apt-get install {}",
            missing.join(", "),
            missing.join(" ")
        ));
    }
    println!("setup: installing {} (apt-get)", missing.join(", "));
    // Keep the install from starting Apache and MariaDB as system services.
    let policy = Path::new(POLICY_RC_D);
    let own_policy = !policy.exists();
    if own_policy {
        write(policy, b"#!/bin/sh\n# cargo xtask test-wordpress: no service starts while it installs packages.\nexit 101\n")?;
        make_executable(policy)?;
    }
    let result = run(Command::new("apt-get").arg("update").env("DEBIAN_FRONTEND", "noninteractive"))
        .and_then(|_| {
            run(Command::new("apt-get")
                .args(["install", "-y"])
                .args(&missing)
                .env("DEBIAN_FRONTEND", "noninteractive"))
        });
    if own_policy {
        let _ = fs::remove_file(policy);
    }
    result
}

fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("chmod {}: {e}", path.display()))
}

/// A free TCP port on 127.0.0.1 (for a server that binds it itself).
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Polls `ready` every 100 ms until it holds or `timeout` passes.
fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) -> Result<(), String> {
    let t0 = Instant::now();
    while !ready() {
        if t0.elapsed() > timeout {
            return Err(format!("timed out after {} s waiting for {what}", timeout.as_secs()));
        }
        sleep(Duration::from_millis(100));
    }
    Ok(())
}

fn listening(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

/// Addresses the check needs.
struct Urls {
    site: String,
    static_dist: String,
    credentials: String,
}

/// The test site: its folder, and the servers it started (stopped on drop).
struct Site {
    dir: PathBuf,
    db_port: u16,
    web_port: u16,
    mariadb: Option<Child>,
    apache_started: bool,
}

impl Site {
    fn new() -> Result<Site, String> {
        // /tmp, not $TMPDIR: Apache's workers (www-data) must be able to reach it.
        let dir = PathBuf::from(format!("/tmp/passage-map-wordpress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        // Apache's workers run as www-data and read the site from here.
        make_executable(&dir)?;
        Ok(Site { dir, db_port: free_port()?, web_port: free_port()?, mariadb: None, apache_started: false })
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.web_port)
    }

    fn socket(&self) -> PathBuf {
        self.dir.join("mysqld.sock")
    }

    fn start(&mut self, zip: &Path) -> Result<Urls, String> {
        self.start_mariadb()?;
        self.copy_wordpress()?;
        let static_dist = self.serve_static_dist()?;
        self.write_config(&static_dist)?;
        let credentials = self.install_wordpress(zip)?;
        self.start_apache()?;
        Ok(Urls { site: self.url(), static_dist, credentials })
    }

    fn start_mariadb(&mut self) -> Result<(), String> {
        let data = self.dir.join("mysql");
        println!("test-wordpress: MariaDB on 127.0.0.1:{}", self.db_port);
        run(Command::new("mariadb-install-db")
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .args(["--user=root", "--auth-root-authentication-method=normal", "--skip-test-db"])
            .stdout(Stdio::null()))?;
        let log = fs::File::create(self.dir.join("mysqld.log")).map_err(|e| e.to_string())?;
        let child = Command::new("mariadbd")
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", self.socket().display()))
            .arg(format!("--pid-file={}", self.dir.join("mysqld.pid").display()))
            .arg(format!("--port={}", self.db_port))
            .args(["--bind-address=127.0.0.1", "--user=root", "--innodb-buffer-pool-size=32M"])
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("could not start mariadbd: {e}"))?;
        self.mariadb = Some(child);
        let admin = |s: &Site| {
            Command::new("mariadb-admin")
                .arg("--no-defaults")
                .arg(format!("--socket={}", s.socket().display()))
                .args(["-u", "root", "ping"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|st| st.success())
        };
        wait_for("MariaDB", START_TIMEOUT, || admin(self))?;
        run(Command::new("mariadb")
            .arg("--no-defaults")
            .arg(format!("--socket={}", self.socket().display()))
            .args(["-u", "root", "-e"])
            .arg(
                "CREATE DATABASE wordpress; CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY 'wordpress'; \
                 GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';",
            ))
    }

    /// The site's own copy of Debian's WordPress, with the README's `/passage-map/` folder.
    fn copy_wordpress(&self) -> Result<(), String> {
        let wp = self.dir.join("wordpress");
        run(Command::new("cp").arg("-a").arg("/usr/share/wordpress").arg(&wp))?;
        // Debian's links to /etc/wordpress: this site has its own config and no rewrites.
        for link in ["wp-config.php", ".htaccess"] {
            let _ = fs::remove_file(wp.join(link));
        }
        copy_tree(&root().join("dist"), &wp.join("passage-map"))?;
        Ok(())
    }

    /// A copy of `dist/` as a static site on its own port, oEmbed made absolute for it:
    /// the provider another site discovers (no plugin).
    fn serve_static_dist(&self) -> Result<String, String> {
        let folder = self.dir.join("static");
        copy_tree(&root().join("dist"), &folder)?;
        let server = crate::serve::Server::bind(&folder, "127.0.0.1:0").map_err(|e| e.to_string())?;
        let url = format!("http://127.0.0.1:{}/", server.local_addr().port());
        crate::oembed::publish(&folder, &url)?;
        server.spawn();
        Ok(url)
    }

    fn write_config(&self, static_dist: &str) -> Result<(), String> {
        let wp = self.dir.join("wordpress");
        let keys: String = [
            "AUTH_KEY",
            "SECURE_AUTH_KEY",
            "LOGGED_IN_KEY",
            "NONCE_KEY",
            "AUTH_SALT",
            "SECURE_AUTH_SALT",
            "LOGGED_IN_SALT",
            "NONCE_SALT",
        ]
        .iter()
        .map(|k| {
            format!(
                "define('{k}', '{}');\n",
                crate::hashing::short_hash(format!("{k}{}", std::process::id()).as_bytes())
            )
        })
        .collect();
        let config = format!(
            "<?php\n// The test site of `cargo xtask test-wordpress` (a temporary folder).\n\
             define('DB_NAME', 'wordpress');\ndefine('DB_USER', 'wordpress');\ndefine('DB_PASSWORD', 'wordpress');\n\
             define('DB_HOST', '127.0.0.1:{db}');\ndefine('DB_CHARSET', 'utf8mb4');\ndefine('DB_COLLATE', '');\n{keys}\
             $table_prefix = 'wp_';\n\
             define('WP_HOME', '{url}');\ndefine('WP_SITEURL', '{url}');\n\
             // Application passwords over plain http.\ndefine('WP_ENVIRONMENT_TYPE', 'local');\n\
             // Never wait on the network: only this host is reachable.\ndefine('WP_HTTP_BLOCK_EXTERNAL', true);\n\
             define('DISABLE_WP_CRON', true);\ndefine('AUTOMATIC_UPDATER_DISABLED', true);\ndefine('FS_METHOD', 'direct');\n\
             define('WP_DEBUG', false);\n\
             if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');\nrequire_once ABSPATH . 'wp-settings.php';\n",
            db = self.db_port,
            url = self.url(),
        );
        write(&wp.join("wp-config.php"), config.as_bytes())?;
        // WordPress fetches only ports 80, 443 and 8080 of a host; the static provider is on another.
        let port = static_dist.trim_end_matches('/').rsplit(':').next().unwrap_or("0");
        let mu = format!(
            "<?php\n// Test site only: oEmbed discovery may fetch the static dist/ on 127.0.0.1:{port}.\n\
             add_filter('http_allowed_safe_ports', function ($ports) {{ $ports[] = {port}; return $ports; }});\n"
        );
        write(&wp.join("wp-content/mu-plugins/passage-map-test-ports.php"), mu.as_bytes())
    }

    /// Returns the JSON of setup.php: `{"admin": "admin:<password>", "author": …}`.
    fn install_wordpress(&self, zip: &Path) -> Result<String, String> {
        println!("test-wordpress: installing WordPress, an Administrator, an Author and the plugin");
        let out = Command::new("php")
            .arg(root().join("tests/wordpress/setup.php"))
            .env("PM_WP_DIR", self.dir.join("wordpress"))
            .env("PM_WP_URL", self.url())
            .env("PM_PLUGIN_ZIP", zip)
            .output()
            .map_err(|e| format!("could not start php: {e}"))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            return Err(format!("setup.php failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
        }
        stdout.lines().last().map(str::to_owned).ok_or_else(|| "setup.php printed nothing".into())
    }

    fn apache_conf(&self) -> PathBuf {
        self.dir.join("apache/apache2.conf")
    }

    fn start_apache(&mut self) -> Result<(), String> {
        let apache = self.dir.join("apache");
        fs::create_dir_all(apache.join("run")).map_err(|e| e.to_string())?;
        let wp = self.dir.join("wordpress");
        let modules: String = APACHE_MODULES
            .iter()
            .chain(&[("php_module", php_module()?.as_str())])
            .map(|(name, file)| format!("LoadModule {name} /usr/lib/apache2/modules/{file}\n"))
            .collect();
        let conf = format!(
            "# The test site of `cargo xtask test-wordpress`.\nServerRoot {a}\nDefaultRuntimeDir {a}/run\nPidFile {a}/apache2.pid\n\
             Listen 127.0.0.1:{port}\nServerName 127.0.0.1\nUser www-data\nGroup www-data\n{modules}\
             StartServers 2\nMinSpareServers 2\nMaxSpareServers 4\nMaxRequestWorkers 8\n\
             ErrorLog {a}/error.log\nLogLevel warn\nTypesConfig /etc/mime.types\nAddType application/wasm .wasm\n\
             DocumentRoot {wp}\n<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n\
             <Directory {wp}>\n  AllowOverride All\n  Require all granted\n</Directory>\n\
             DirectoryIndex index.php index.html\n<FilesMatch \"\\.php$\">\n  SetHandler application/x-httpd-php\n</FilesMatch>\n",
            a = apache.display(),
            port = self.web_port,
            wp = wp.display(),
        );
        write(&self.apache_conf(), conf.as_bytes())?;
        println!("test-wordpress: Apache on {}", self.url());
        run(Command::new("apache2").arg("-f").arg(self.apache_conf()).args(["-k", "start"]))?;
        self.apache_started = true;
        let port = self.web_port;
        wait_for("Apache", START_TIMEOUT, || listening(port))
    }

    fn check(&self, urls: &Urls) -> Result<(), String> {
        let root = root();
        run(Command::new("node")
            .current_dir(&root)
            .arg("tests/wordpress/check.mjs")
            .env("PM_WP_URL", &urls.site)
            .env("PM_WP_STATIC_DIST", &urls.static_dist)
            .env("PM_WP_CREDENTIALS", &urls.credentials))
    }

    fn show_logs(&self) {
        for log in ["apache/error.log", "mysqld.log"] {
            if let Ok(text) = fs::read_to_string(self.dir.join(log)) {
                let tail: Vec<&str> = text.lines().rev().take(30).collect();
                println!("--- {log} (last lines) ---");
                for line in tail.iter().rev() {
                    println!("{line}");
                }
            }
        }
    }
}

/// Debian's PHP module for Apache (libphp8.2.so or whichever version is installed).
fn php_module() -> Result<String, String> {
    fs::read_dir("/usr/lib/apache2/modules")
        .map_err(|e| format!("/usr/lib/apache2/modules: {e}"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("libphp") && n.ends_with(".so"))
        .ok_or_else(|| "no libphp*.so in /usr/lib/apache2/modules: install libapache2-mod-php".into())
}

impl Drop for Site {
    /// Stops what this site started and deletes its folder.
    fn drop(&mut self) {
        if self.apache_started {
            let pid_file = self.dir.join("apache/apache2.pid");
            let _ = Command::new("apache2").arg("-f").arg(self.apache_conf()).args(["-k", "stop"]).status();
            if wait_for("Apache to stop", Duration::from_secs(20), || !pid_file.exists()).is_err() {
                eprintln!("test-wordpress: Apache did not stop; its pid file is {}", pid_file.display());
            }
        }
        if let Some(mut child) = self.mariadb.take() {
            let _ = Command::new("mariadb-admin")
                .arg("--no-defaults")
                .arg(format!("--socket={}", self.socket().display()))
                .args(["-u", "root", "shutdown"])
                .status();
            let stopped = wait_for("MariaDB to stop", Duration::from_secs(30), || {
                matches!(child.try_wait(), Ok(Some(_)))
            });
            if stopped.is_err() {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
        let _ = fs::remove_dir_all(&self.dir);
        println!("test-wordpress: stopped MariaDB and Apache, removed {}", self.dir.display());
    }
}
