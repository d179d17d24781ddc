//! A WebSocket failure as what the network said (the core's [`NetCause`]),
//! instead of the library's words.

use ringside_core::link_down::NetCause;

pub fn websocket_cause(e: &tokio_tungstenite::tungstenite::Error) -> NetCause {
    use tokio_tungstenite::tungstenite::Error;
    match e {
        Error::Io(io) => NetCause::from_io(io),
        Error::Http(response) => NetCause::NotAnEventSocket {
            status: response.status().as_u16(),
        },
        Error::Tls(_) => NetCause::CertificateRefused,
        Error::Url(_) => NetCause::NotAWebSocketUrl,
        Error::ConnectionClosed | Error::AlreadyClosed => NetCause::Closed,
        _ => NetCause::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_refused_connection_reads_as_nothing_listening() {
        // A port just freed: nothing listens there.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        drop(listener);
        let e = tokio_tungstenite::connect_async(format!("ws://{addr}/agent"))
            .await
            .err();
        assert_eq!(
            e.as_ref().map(websocket_cause),
            Some(NetCause::NothingListening)
        );
    }
}
