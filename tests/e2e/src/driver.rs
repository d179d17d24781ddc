//! Starts `tauri-driver` on free loopback ports with the app's data in a
//! fresh folder, and stops it, WebKitWebDriver and the app when dropped.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Harness {
    driver: Child,
    pub url: String,
    pub data_dir: PathBuf,
    pub app: String,
}

/// The app in English whatever the machine's locale (the tests read its words).
const ENGLISH: [(&str, &str); 3] = [("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "C.UTF-8")];

/// A port nothing on the loopback listens on now.
pub fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The app binary: `RINGSIDE_APP_BIN`, else the workspace's debug build.
pub fn app_binary() -> PathBuf {
    std::env::var_os("RINGSIDE_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/ringside-app")
        })
}

impl Harness {
    /// The app in English whatever the machine's locale (the tests read
    /// its words); `start_with` sets another.
    pub fn start(name: &str) -> Result<Harness, String> {
        Harness::start_with(name, &[])
    }

    /// As `start`, with variables the app inherits (a locale, say), set
    /// after the English defaults.
    pub fn start_with(name: &str, env: &[(&str, &str)]) -> Result<Harness, String> {
        let app = app_binary();
        let app = app.canonicalize().map_err(|e| {
            format!(
                "app binary {} not found ({e}); build it with `cargo build -p ringside-app`",
                app.display()
            )
        })?;
        let data_dir =
            std::env::temp_dir().join(format!("ringside-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data_dir);
        std::fs::create_dir_all(&data_dir).map_err(|e| e.to_string())?;
        let port = free_port().map_err(|e| e.to_string())?;
        let native = free_port().map_err(|e| e.to_string())?;
        let program = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let ports = [
            "--port".to_string(),
            port.to_string(),
            "--native-port".to_string(),
            native.to_string(),
        ];
        // Tokens in the kernel keyring need a session keyring of the app's
        // own (a fresh one: nothing left from another test).
        let mut command = if env.contains(&("RINGSIDE_KEYCHAIN", "keyutils")) {
            let mut c = Command::new("keyctl");
            c.args(["session", "-", &program]);
            c
        } else {
            Command::new(&program)
        };
        let driver = command
            .args(&ports)
            .env("RINGSIDE_DATA_DIR", &data_dir)
            .envs(ENGLISH.iter().chain(env).copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // Its own process group, so that dropping the harness stops the
            // app too: a test that panicked never closed its session, and an
            // app left running keeps the system-wide keys from the next one.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver ({e}); install it with `cargo install tauri-driver --locked`"))?;
        let h = Harness {
            driver,
            url: format!("http://127.0.0.1:{port}"),
            data_dir,
            app: app.display().to_string(),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("tauri-driver did not start listening within 10 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(h)
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
