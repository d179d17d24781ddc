#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! The baresip connector against two real baresip instances on loopback: a
//! customer and the agent, with the connector on the agent's `ctrl_tcp`.
//! Needs `baresip` (Debian `baresip-core`): run by `scripts/baresip-tests.sh`.

use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use ringside_core::{CallId, CallSignal};
use ringside_softphone::baresip::connector::{spawn_baresip, BaresipConfig};
use ringside_softphone::baresip::netstring::{encode, Decoder};
use ringside_softphone::{ConnectorCommand, ConnectorEvent, ConnectorHandle};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A free port for SIP (UDP and TCP, and the next one, which TLS takes).
fn sip_port() -> u16 {
    for _ in 0..200 {
        let p = UdpSocket::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if p < 65000
            && [p, p + 1].iter().all(|q| {
                TcpListener::bind(("127.0.0.1", *q)).is_ok()
                    && UdpSocket::bind(("127.0.0.1", *q)).is_ok()
            })
        {
            return p;
        }
    }
    panic!("no free SIP port");
}

fn tcp_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Phone {
    child: Child,
    dir: PathBuf,
    sip: u16,
    ctrl: u16,
}

impl Phone {
    fn start(name: &str, sip: u16, ctrl: u16, rtp: u16) -> Phone {
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

    fn stop(&mut self) {
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

/// The customer's phone, driven directly over its ctrl_tcp.
struct Customer {
    stream: TcpStream,
    decoder: Decoder,
}

impl Customer {
    async fn connect(ctrl: u16) -> Customer {
        for _ in 0..100 {
            if let Ok(stream) = TcpStream::connect(("127.0.0.1", ctrl)).await {
                stream.set_nodelay(true).unwrap();
                return Customer {
                    stream,
                    decoder: Decoder::default(),
                };
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the customer's baresip did not start");
    }

    async fn send(&mut self, command: &str, params: Option<&str>) {
        let mut v = serde_json::json!({"command": command, "token": "t"});
        if let Some(p) = params {
            v["params"] = p.into();
        }
        self.stream
            .write_all(&encode(v.to_string().as_bytes()))
            .await
            .unwrap();
    }

    /// Waits for an event of this type.
    async fn event(&mut self, kind: &str) {
        let mut buf = [0u8; 8192];
        let mut frames: Vec<ringside_softphone::baresip::netstring::Decoded> = Vec::new();
        tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                for f in frames.drain(..) {
                    let f: Vec<u8> = f.unwrap();
                    let v: serde_json::Value = serde_json::from_slice(&f).unwrap();
                    if v["type"] == kind {
                        return;
                    }
                }
                let n = self.stream.read(&mut buf).await.unwrap();
                assert!(n > 0, "the customer's baresip closed");
                self.decoder.feed(&buf[..n], &mut frames);
            }
        })
        .await
        .unwrap_or_else(|_| panic!("the customer saw no {kind}"));
    }
}

async fn next_call(h: &mut ConnectorHandle) -> (CallId, CallSignal) {
    loop {
        match tokio::time::timeout(Duration::from_secs(10), h.events.recv())
            .await
            .expect("an event in time")
        {
            Some(ConnectorEvent::Call { id, signal }) => return (id, signal),
            Some(ConnectorEvent::Malformed { detail }) => panic!("malformed: {detail}"),
            Some(_) => {}
            None => panic!("the connector stopped"),
        }
    }
}

async fn next_link_event(h: &mut ConnectorHandle) -> ConnectorEvent {
    loop {
        match tokio::time::timeout(Duration::from_secs(15), h.events.recv())
            .await
            .expect("an event in time")
        {
            Some(e @ (ConnectorEvent::Connected | ConnectorEvent::Disconnected { .. })) => {
                return e
            }
            Some(_) => {}
            None => panic!("the connector stopped"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs baresip (Debian baresip-core): run scripts/baresip-tests.sh"]
async fn a_call_rings_is_answered_held_resumed_hung_up_and_called_back() {
    let (a_sip, c_sip) = (sip_port(), sip_port());
    let mut agent = Phone::start("agent", a_sip, tcp_port(), 21000 + (a_sip % 100) * 100);
    let cust = Phone::start("cust", c_sip, tcp_port(), 31000 + (c_sip % 100) * 100);
    let mut h = spawn_baresip(BaresipConfig {
        ctrl: SocketAddr::from(([127, 0, 0, 1], agent.ctrl)),
        dial_domain: format!("127.0.0.1:{}", cust.sip),
        poll: Duration::from_millis(200),
    });
    // It may take baresip a moment to listen.
    while !matches!(next_link_event(&mut h).await, ConnectorEvent::Connected) {}
    let mut customer = Customer::connect(cust.ctrl).await;

    // The customer calls the agent.
    customer
        .send("dial", Some(&format!("sip:agent@127.0.0.1:{}", agent.sip)))
        .await;
    let (id, s) = next_call(&mut h).await;
    assert_eq!(
        s,
        CallSignal::Incoming {
            from: "cust".into(),
            queue: false
        }
    );
    h.commands
        .send(ConnectorCommand::Answer { id: id.clone() })
        .await
        .unwrap();
    assert_eq!(next_call(&mut h).await, (id.clone(), CallSignal::Answered));
    customer.event("CALL_ESTABLISHED").await;
    h.commands
        .send(ConnectorCommand::Hold { id: id.clone() })
        .await
        .unwrap();
    assert_eq!(next_call(&mut h).await, (id.clone(), CallSignal::Held));
    // Polls confirm the hold: nothing contradicts it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    h.commands
        .send(ConnectorCommand::Resume { id: id.clone() })
        .await
        .unwrap();
    assert_eq!(next_call(&mut h).await, (id.clone(), CallSignal::Resumed));
    h.commands
        .send(ConnectorCommand::Hangup { id: id.clone() })
        .await
        .unwrap();
    let (ended, s) = next_call(&mut h).await;
    assert_eq!(ended, id);
    assert!(matches!(s, CallSignal::Hangup { .. }), "{s:?}");

    // The agent calls the customer back; the customer answers and hangs up.
    h.commands
        .send(ConnectorCommand::Dial {
            to: "cust".into(),
            dialback: true,
        })
        .await
        .unwrap();
    let (back, s) = next_call(&mut h).await;
    assert_eq!(
        s,
        CallSignal::Dialing {
            to: "cust".into(),
            dialback: true
        }
    );
    customer.event("CALL_INCOMING").await;
    customer.send("accept", None).await;
    assert_eq!(
        next_call(&mut h).await,
        (back.clone(), CallSignal::Answered)
    );
    customer.send("hangup", None).await;
    let (ended, s) = next_call(&mut h).await;
    assert_eq!(ended, back);
    assert!(matches!(s, CallSignal::Hangup { .. }), "{s:?}");

    // baresip goes away and comes back: said, and reconnected.
    agent.stop();
    assert!(matches!(
        next_link_event(&mut h).await,
        ConnectorEvent::Disconnected { .. }
    ));
    let _agent = Phone::start("agent", a_sip, agent.ctrl, 21000 + (a_sip % 100) * 100);
    assert_eq!(next_link_event(&mut h).await, ConnectorEvent::Connected);
}
