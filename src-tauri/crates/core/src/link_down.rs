//! Why the softphone link is down, as data: the UI words it in the agent's
//! language, and `Display` is the English for logs and the CLI. What a peer
//! or the OS said is kept as `detail`, redacted by [`LinkDown::redacted`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who Ringside could not reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Peer {
    /// baresip's control socket (`ctrl_tcp`).
    Baresip,
    /// The contact-centre platform's event socket.
    Platform,
}

impl Peer {
    fn name(self) -> &'static str {
        match self {
            Peer::Baresip => "baresip's control socket",
            Peer::Platform => "the contact-centre platform",
        }
    }
}

/// What the network said when a connection could not be made, without the
/// OS's codes ("Connection refused (os error 111)").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code")]
pub enum NetCause {
    NothingListening,
    NoAnswer,
    Cut,
    AddressNotOurs,
    NotAllowed,
    NoRoute,
    NoSuchAddress,
    /// It answered HTTP `status` instead of opening the event socket.
    NotAnEventSocket {
        status: u16,
    },
    CertificateRefused,
    NotAWebSocketUrl,
    Closed,
    Failed,
}

impl NetCause {
    pub fn from_io(e: &std::io::Error) -> NetCause {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::ConnectionRefused => NetCause::NothingListening,
            K::TimedOut | K::WouldBlock => NetCause::NoAnswer,
            K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => NetCause::Cut,
            K::AddrNotAvailable | K::AddrInUse => NetCause::AddressNotOurs,
            K::PermissionDenied => NetCause::NotAllowed,
            K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown => NetCause::NoRoute,
            K::NotFound => NetCause::NoSuchAddress,
            _ => NetCause::Failed,
        }
    }
}

impl std::fmt::Display for NetCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NetCause::NothingListening => f.write_str("nothing is listening at that address"),
            NetCause::NoAnswer => f.write_str("it did not answer in time"),
            NetCause::Cut => f.write_str("the connection was cut"),
            NetCause::AddressNotOurs => {
                f.write_str("that address is not one this computer can use")
            }
            NetCause::NotAllowed => f.write_str("this computer does not allow the connection"),
            NetCause::NoRoute => f.write_str("the network cannot reach that address"),
            NetCause::NoSuchAddress => f.write_str("that address does not exist"),
            NetCause::NotAnEventSocket { status } => write!(
                f,
                "it answered HTTP {status} instead of opening the event socket (check the address)"
            ),
            NetCause::CertificateRefused => f.write_str("its TLS certificate was not accepted"),
            NetCause::NotAWebSocketUrl => f.write_str("the address is not a ws:// or wss:// URL"),
            NetCause::Closed => f.write_str("the connection was closed"),
            NetCause::Failed => f.write_str("the connection failed"),
        }
    }
}

/// Why the phone is not connected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "code")]
pub enum LinkDown {
    /// Nothing could be reached at `address`.
    Unreachable {
        peer: Peer,
        address: String,
        cause: NetCause,
    },
    /// The connection was up and ended, how; `detail` is what the peer
    /// said as it closed, when it said anything.
    Lost {
        peer: Peer,
        cause: NetCause,
        detail: Option<String>,
    },
    /// No word (or no welcome) for `seconds`.
    Silent { peer: Peer, seconds: u64 },
    /// The platform would not take Ringside: its error code and words.
    Refused { reason: String, message: String },
    /// The platform's first answer was not the protocol.
    OutOfTurn { detail: String },
    /// Another program keeps taking baresip's only control connection.
    TakenOver,
    /// The configured address cannot be used at all.
    BadAddress { detail: String },
}

impl LinkDown {
    /// The same with every outside word passed through
    /// [`crate::untrusted::error_text`] (numbers redacted, one bounded line).
    pub fn redacted(self) -> LinkDown {
        use crate::untrusted::error_text as clean;
        match self {
            LinkDown::Unreachable {
                peer,
                address,
                cause,
            } => LinkDown::Unreachable {
                peer,
                address: clean(&address),
                cause,
            },
            LinkDown::Lost {
                peer,
                cause,
                detail,
            } => LinkDown::Lost {
                peer,
                cause,
                detail: detail.map(|d| clean(&d)),
            },
            LinkDown::Refused { reason, message } => LinkDown::Refused {
                reason: clean(&reason),
                message: clean(&message),
            },
            LinkDown::OutOfTurn { detail } => LinkDown::OutOfTurn {
                detail: clean(&detail),
            },
            LinkDown::BadAddress { detail } => LinkDown::BadAddress {
                detail: clean(&detail),
            },
            other @ (LinkDown::Silent { .. } | LinkDown::TakenOver) => other,
        }
    }
}

impl std::fmt::Display for LinkDown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkDown::Unreachable {
                peer: Peer::Baresip,
                address,
                cause,
            } => write!(
                f,
                "cannot reach baresip's control socket at {address}: {cause}. Is baresip running, with the ctrl_tcp module loaded and listening there?"
            ),
            LinkDown::Unreachable {
                peer: Peer::Platform,
                address,
                cause,
            } => write!(
                f,
                "cannot reach the contact-centre platform at {address}: {cause}"
            ),
            LinkDown::Lost {
                peer,
                cause,
                detail,
            } => {
                write!(f, "the connection to {} ended: {cause}", peer.name())?;
                match detail {
                    Some(d) => write!(f, " ({d})"),
                    None => Ok(()),
                }
            }
            LinkDown::Silent { peer, seconds } => {
                write!(f, "no word from {} for {seconds} s", peer.name())
            }
            LinkDown::Refused { reason, message } => write!(
                f,
                "the contact-centre platform refused Ringside ({reason}): {message}"
            ),
            LinkDown::OutOfTurn { detail } => write!(
                f,
                "the contact-centre platform spoke out of turn: {detail}"
            ),
            LinkDown::TakenOver => f.write_str(
                "another program keeps connecting to baresip's control socket, and baresip serves only one: close it",
            ),
            LinkDown::BadAddress { detail } => write!(f, "the phone's address cannot be used: {detail}"),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::ErrorKind;

    #[test]
    fn os_errors_become_causes_without_codes() {
        for (kind, cause) in [
            (ErrorKind::ConnectionRefused, NetCause::NothingListening),
            (ErrorKind::TimedOut, NetCause::NoAnswer),
            (ErrorKind::ConnectionReset, NetCause::Cut),
            (ErrorKind::PermissionDenied, NetCause::NotAllowed),
            (ErrorKind::Other, NetCause::Failed),
        ] {
            let got = NetCause::from_io(&std::io::Error::from(kind));
            assert_eq!(got, cause, "{kind:?}");
            assert!(!got.to_string().contains("os error"));
        }
    }

    #[test]
    fn outside_words_are_redacted_and_the_shape_kept() {
        let down = LinkDown::Lost {
            peer: Peer::Platform,
            cause: NetCause::Closed,
            detail: Some("caller +4917612345678 hung\nup".into()),
        }
        .redacted();
        let LinkDown::Lost {
            detail: Some(d), ..
        } = &down
        else {
            panic!("{down:?}")
        };
        assert!(!d.contains("12345678"), "{d}");
        assert!(!d.contains('\n'), "{d}");
    }

    #[test]
    fn the_ui_reads_a_code_and_the_english_names_the_address() {
        let down = LinkDown::Unreachable {
            peer: Peer::Baresip,
            address: "127.0.0.1:4444".into(),
            cause: NetCause::NothingListening,
        };
        let json = serde_json::to_value(&down).unwrap();
        assert_eq!(json["code"], "Unreachable");
        assert_eq!(json["cause"]["code"], "NothingListening");
        let said = down.to_string();
        assert!(
            said.contains("127.0.0.1:4444") && said.contains("ctrl_tcp"),
            "{said}"
        );
    }
}
