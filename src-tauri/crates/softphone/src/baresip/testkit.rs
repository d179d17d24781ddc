//! Real baresip processes on loopback for tests and benches (feature
//! `testkit`): a phone with `ctrl_tcp`, free ports, and a minimal driver
//! for the far end's phone. Panics are deliberate: this is test plumbing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::{TcpListener, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::netstring::{encode, Decoded, Decoder};

/// Ports this process has handed out, never handed out again: two tests
/// running at once each get their own (a port is free only until baresip
/// binds it, and the OS's `bind(0)` may give the same one twice).
static HANDED: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
/// The SIP ports among them (each fixes its phone's RTP range).
static SIP: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());

/// Where test ports come from: below the kernel's ephemeral range
/// (32768 and up), so no outgoing connection takes one before its phone
/// binds it, and below the RTP ranges (21000 and up, see `rtp_base`).
const PORTS: std::ops::Range<u16> = 10_000..20_900;

/// Ports in `PORTS` in an order of this process's own.
fn candidates() -> impl Iterator<Item = u16> {
    use std::hash::{BuildHasher, Hasher};
    let seed = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let span = u64::from(PORTS.end - PORTS.start);
    (0..span)
        .map(move |i| PORTS.start + u16::try_from((seed.wrapping_add(i * 7919)) % span).unwrap())
}

fn tcp_free(p: u16) -> bool {
    TcpListener::bind(("127.0.0.1", p)).is_ok()
}

fn udp_free(p: u16) -> bool {
    UdpSocket::bind(("127.0.0.1", p)).is_ok()
}

/// A free port for SIP (UDP and TCP, and the next one, which TLS takes),
/// whose RTP range (`rtp_base`) no other phone of this process shares.
pub fn sip_port() -> u16 {
    let mut handed = HANDED.lock().unwrap_or_else(|p| p.into_inner());
    let mut sip = SIP.lock().unwrap_or_else(|p| p.into_inner());
    for p in candidates() {
        let clash =
            handed.iter().any(|h| [p, p + 1].contains(h)) || sip.iter().any(|s| s % 100 == p % 100);
        if !clash && [p, p + 1].iter().all(|q| tcp_free(*q) && udp_free(*q)) {
            handed.extend([p, p + 1]);
            sip.push(p);
            return p;
        }
    }
    panic!("no free SIP port");
}

/// A free TCP port (a phone's control socket).
pub fn tcp_port() -> u16 {
    let mut handed = HANDED.lock().unwrap_or_else(|p| p.into_inner());
    for p in candidates() {
        if !handed.contains(&p) && tcp_free(p) {
            handed.push(p);
            return p;
        }
    }
    panic!("no free control port");
}

/// A baresip process listening for SIP on `sip` and for control on `ctrl`.
pub struct Phone {
    child: Child,
    dir: PathBuf,
    pub sip: u16,
    pub ctrl: u16,
}

impl Phone {
    /// `rtp` is the first of 100 RTP ports for this phone.
    pub fn start(name: &str, sip: u16, ctrl: u16, rtp: u16) -> Phone {
        let dir = std::env::temp_dir().join(format!(
            "ringside-baresip-{name}-{}-{sip}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("config"),
            format!(
                "poll_method epoll\nsip_listen 127.0.0.1:{sip}\nnet_interface 127.0.0.1\ndns_server 127.0.0.1:53\n\
                 call_local_timeout 120\ncall_max_calls 4\naudio_player aubridge,null_agent\naudio_alert aubridge,null_agent\n\
                 audio_source ausine,440\nausrc_srate 48000\nausrc_channels 2\naudio_level no\nrtp_ports {rtp}-{}\n\
                 module_path /usr/lib/baresip/modules\nmodule g711.so\nmodule aubridge.so\nmodule ausine.so\n\
                 module_tmp account.so\nmodule_app menu.so\nmodule_app ctrl_tcp.so\nctrl_tcp_listen 127.0.0.1:{ctrl}\n",
                rtp + 99
            ),
        )
        .unwrap();
        std::fs::write(
            dir.join("accounts"),
            format!("\"{name}\" <sip:{name}@127.0.0.1:{sip}>;regint=0;audio_codecs=pcmu\n"),
        )
        .unwrap();
        let child = Command::new("baresip")
            .arg("-f")
            .arg(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("baresip is installed (Debian package baresip-core)");
        Phone {
            child,
            dir,
            sip,
            ctrl,
        }
    }

    /// An RTP range no other phone of this process has: derived from the
    /// SIP port, whose last two digits `sip_port` hands out once.
    pub fn rtp_base(sip: u16, first: u16) -> u16 {
        first + (sip % 100) * 100
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Phone {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A phone driven directly over its `ctrl_tcp` (the customer's side).
pub struct Driver {
    stream: TcpStream,
    decoder: Decoder,
    frames: Vec<Decoded>,
}

impl Driver {
    pub async fn connect(ctrl: u16) -> Driver {
        // Up to 10 s: a baresip starting on a busy 2-core machine can take
        // longer than 2 s to open its control socket.
        for _ in 0..500 {
            if let Ok(stream) = TcpStream::connect(("127.0.0.1", ctrl)).await {
                stream.set_nodelay(true).unwrap();
                return Driver {
                    stream,
                    decoder: Decoder::default(),
                    frames: Vec::new(),
                };
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("baresip's control socket did not open");
    }

    pub async fn send(&mut self, command: &str, params: Option<&str>) {
        let mut v = serde_json::json!({"command": command, "token": "t"});
        if let Some(p) = params {
            v["params"] = p.into();
        }
        self.stream
            .write_all(&encode(v.to_string().as_bytes()))
            .await
            .unwrap();
    }

    /// Waits (10 s at most) for an event of this type and returns it.
    pub async fn event(&mut self, kind: &str) -> serde_json::Value {
        self.frame(&format!("a {kind} event"), |v| v["type"] == kind)
            .await
    }

    /// Waits until baresip closes this control connection (another
    /// controller connected), reading and dropping whatever comes before.
    pub async fn wait_closed(&mut self) {
        let mut buf = [0u8; 8192];
        while matches!(self.stream.read(&mut buf).await, Ok(n) if n > 0) {}
    }

    /// The response to a command (10 s at most).
    pub async fn response(&mut self) -> serde_json::Value {
        self.frame("a response", |v| v["response"] == true).await
    }

    /// The next frame that `wanted` accepts; the ones before are dropped.
    async fn frame(
        &mut self,
        what: &str,
        wanted: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let mut buf = [0u8; 8192];
        tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                while !self.frames.is_empty() {
                    let f = self.frames.remove(0).unwrap();
                    let v: serde_json::Value = serde_json::from_slice(&f).unwrap();
                    if wanted(&v) {
                        return v;
                    }
                }
                let n = self.stream.read(&mut buf).await.unwrap();
                assert!(n > 0, "baresip closed its control socket");
                self.decoder.feed(&buf[..n], &mut self.frames);
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no {what} from baresip"))
    }
}
