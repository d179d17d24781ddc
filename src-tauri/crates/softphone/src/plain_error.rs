//! Connection failures in words an agent can act on, instead of the OS's
//! ("Connection refused (os error 111)").

use std::io::ErrorKind;

/// What went wrong reaching an address, without codes.
pub fn io_words(e: &std::io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::ConnectionRefused => "nothing is listening at that address",
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "it did not answer in time",
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe => {
            "the connection was cut"
        }
        ErrorKind::AddrNotAvailable | ErrorKind::AddrInUse => {
            "that address is not one this computer can use"
        }
        ErrorKind::PermissionDenied => "this computer does not allow the connection",
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable | ErrorKind::NetworkDown => {
            "the network cannot reach that address"
        }
        ErrorKind::NotFound => "that address does not exist",
        _ => "the connection failed",
    }
}

/// A WebSocket connection failure, likewise.
pub fn websocket_words(e: &tokio_tungstenite::tungstenite::Error) -> String {
    use tokio_tungstenite::tungstenite::Error;
    match e {
        Error::Io(io) => io_words(io).to_string(),
        Error::Http(response) => format!(
            "it answered HTTP {} instead of opening the event socket (check the address)",
            response.status().as_u16()
        ),
        Error::Tls(_) => "its TLS certificate was not accepted".to_string(),
        Error::Url(_) => "the address is not a ws:// or wss:// URL".to_string(),
        Error::ConnectionClosed | Error::AlreadyClosed => "the connection was closed".to_string(),
        _ => "the connection failed".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_become_words_without_codes() {
        for (kind, words) in [
            (ErrorKind::ConnectionRefused, "nothing is listening"),
            (ErrorKind::TimedOut, "did not answer"),
            (ErrorKind::ConnectionReset, "cut"),
            (ErrorKind::PermissionDenied, "does not allow"),
            (ErrorKind::Other, "failed"),
        ] {
            let e = std::io::Error::from(kind);
            let said = io_words(&e);
            assert!(said.contains(words), "{kind:?}: {said}");
            assert!(!said.contains("os error"));
        }
    }

    #[tokio::test]
    async fn a_refused_connection_reads_as_nothing_listening() {
        // A port just freed: nothing listens there.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        drop(listener);
        let e = tokio::net::TcpStream::connect(addr).await.err();
        let said = e.as_ref().map(io_words);
        assert_eq!(said, Some("nothing is listening at that address"));
    }
}
