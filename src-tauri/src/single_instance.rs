//! One Ringside per user: a second start (from the menu, a terminal or a
//! desktop file) brings the running one's window forward and exits, instead
//! of opening the same store and softphone a second time. A Unix socket in
//! the data folder (owner-only) carries one word, `show`.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Longest message read from the socket (anything longer is not ours).
const MAX_MESSAGE: u64 = 16;
const TIMEOUT: Duration = Duration::from_secs(2);

pub enum Claim {
    /// This is the first Ringside: it listens on the socket.
    First(Listener),
    /// Another Ringside runs and was asked to show its window.
    AlreadyRunning,
}

pub struct Listener {
    listener: UnixListener,
    /// Where the socket is (for the log).
    pub path: PathBuf,
}

/// The socket beside the store.
pub fn socket_path(store: &Path) -> PathBuf {
    store.with_file_name("ringside.sock")
}

/// Asks a running Ringside to show itself, else becomes the one that runs.
pub fn claim(path: &Path) -> std::io::Result<Claim> {
    if let Some(dir) = path.parent() {
        private_dir(dir)?;
    }
    for _ in 0..2 {
        match ask_to_show(path) {
            Ok(()) => return Ok(Claim::AlreadyRunning),
            // Nobody listens: a socket left by a Ringside that crashed, or none.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::NotFound
                ) => {}
            // Someone listens but has not answered yet: a Ringside still
            // starting (it shows its window when it is ready).
            Err(_) => return Ok(Claim::AlreadyRunning),
        }
        let _ = std::fs::remove_file(path);
        match UnixListener::bind(path) {
            Ok(listener) => {
                return Ok(Claim::First(Listener {
                    listener,
                    path: path.to_path_buf(),
                }))
            }
            // Another one started at the same moment: ask it instead.
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(
        "another Ringside is starting and does not answer yet",
    ))
}

/// The data folder, made owner-only on the very first start (the store,
/// which would make it so, opens later).
fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    match std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn ask_to_show(path: &Path) -> std::io::Result<()> {
    let mut s = UnixStream::connect(path)?;
    s.set_write_timeout(Some(TIMEOUT))?;
    s.set_read_timeout(Some(TIMEOUT))?;
    s.write_all(b"show\n")?;
    let mut answer = String::new();
    BufReader::new(s.take(MAX_MESSAGE)).read_line(&mut answer)?;
    if answer.trim() == "shown" {
        Ok(())
    } else {
        Err(std::io::Error::other("the socket's owner is not Ringside"))
    }
}

impl Listener {
    /// Answers `show` with `on_show` on a thread of its own, until the
    /// process ends (a socket file left behind is taken over at the next
    /// start).
    pub fn serve(self, on_show: impl Fn() + Send + 'static) {
        std::thread::spawn(move || {
            for stream in self.listener.incoming() {
                let Ok(mut s) = stream else { continue };
                let _ = s.set_read_timeout(Some(TIMEOUT));
                let _ = s.set_write_timeout(Some(TIMEOUT));
                let mut message = String::new();
                let Ok(reader) = s.try_clone() else { continue };
                if BufReader::new(reader.take(MAX_MESSAGE))
                    .read_line(&mut message)
                    .is_ok()
                    && message == "show\n"
                {
                    on_show();
                    let _ = s.write_all(b"shown\n");
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_second_start_asks_the_first_to_show_and_a_stale_socket_is_taken_over() {
        let dir = std::env::temp_dir().join(format!("ringside-single-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = socket_path(&dir.join("ringside.db"));

        // A socket file nobody listens on (a crash): the first start takes it.
        drop(UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        let Claim::First(first) = claim(&path).unwrap() else {
            panic!("a stale socket must not stop Ringside from starting")
        };
        let shown = Arc::new(AtomicUsize::new(0));
        first.serve({
            let shown = shown.clone();
            move || {
                shown.fetch_add(1, Ordering::SeqCst);
            }
        });
        assert!(matches!(claim(&path).unwrap(), Claim::AlreadyRunning));
        assert!(matches!(claim(&path).unwrap(), Claim::AlreadyRunning));
        assert_eq!(shown.load(Ordering::SeqCst), 2);

        // A Ringside that listens but is slow to answer (still starting) is
        // left alone: its socket is not taken over.
        let slow_dir = dir.join("slow");
        std::fs::create_dir_all(&slow_dir).unwrap();
        let slow_path = slow_dir.join("ringside.sock");
        let _slow = UnixListener::bind(&slow_path).unwrap();
        assert!(matches!(claim(&slow_path).unwrap(), Claim::AlreadyRunning));
        assert!(slow_path.exists(), "the starting Ringside keeps its socket");

        // The very first start: no data folder yet.
        let fresh = dir.join("new").join("ringside.sock");
        assert!(matches!(claim(&fresh).unwrap(), Claim::First(_)));

        // Something else's words change nothing.
        let mut s = UnixStream::connect(&path).unwrap();
        s.write_all(b"rm -rf / please and thank you").unwrap();
        drop(s);
        assert!(matches!(claim(&path).unwrap(), Claim::AlreadyRunning));
        assert_eq!(shown.load(Ordering::SeqCst), 3);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
