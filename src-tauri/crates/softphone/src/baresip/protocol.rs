//! baresip's `ctrl_tcp` messages (JSON inside netstrings): events it sends
//! on its own, and responses to our commands. Unknown events and fields are
//! accepted and ignored; anything that is not one of the two is an error the
//! connector reports as malformed, never a panic.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Longest text kept from any field (URIs, reasons, response data).
const MAX_FIELD: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Event(Event),
    Response(Response),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallDirection {
    Incoming,
    Outgoing,
}

/// An event: `{"event":true,"type":"CALL_INCOMING","class":"call",...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: String,
    pub class: Option<String>,
    pub direction: Option<CallDirection>,
    pub peer_uri: Option<String>,
    pub peer_name: Option<String>,
    /// The SIP Call-ID: stable for the whole call (absent on a few events).
    pub id: Option<String>,
    pub param: Option<String>,
}

/// A command's answer. `ok` only says the command ran, not that it did
/// anything: the connector confirms by events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub ok: bool,
    pub data: String,
    pub token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    #[error("the message is not UTF-8")]
    NotUtf8,
    #[error("the message is not JSON: {0}")]
    NotJson(String),
    #[error("the message is neither an event nor a response")]
    Unknown,
}

/// A command: `{"command":"dial","params":"sip:…","token":"c1"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Command<'a> {
    pub command: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<&'a str>,
    pub token: &'a str,
}

#[derive(Deserialize)]
struct Wire {
    #[serde(default)]
    event: Option<Value>,
    #[serde(default)]
    response: Option<Value>,
    #[serde(rename = "type", default)]
    kind: Option<Value>,
    #[serde(default)]
    class: Option<Value>,
    #[serde(default)]
    direction: Option<Value>,
    #[serde(default)]
    peeruri: Option<Value>,
    #[serde(default)]
    peerdisplayname: Option<Value>,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    param: Option<Value>,
    #[serde(default)]
    ok: Option<Value>,
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    token: Option<Value>,
}

/// A string field, cut to a sane length; other types count as absent.
fn text(v: Option<Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.chars().take(MAX_FIELD).collect()),
        _ => None,
    }
}

pub fn parse(payload: &[u8]) -> Result<Message, ProtocolError> {
    let s = std::str::from_utf8(payload).map_err(|_| ProtocolError::NotUtf8)?;
    let w: Wire = serde_json::from_str(s).map_err(|e| ProtocolError::NotJson(e.to_string()))?;
    if w.event == Some(Value::Bool(true)) {
        let kind = text(w.kind).ok_or(ProtocolError::Unknown)?;
        let direction = match text(w.direction).as_deref() {
            Some("incoming") => Some(CallDirection::Incoming),
            Some("outgoing") => Some(CallDirection::Outgoing),
            _ => None,
        };
        return Ok(Message::Event(Event {
            kind,
            class: text(w.class),
            direction,
            peer_uri: text(w.peeruri),
            peer_name: text(w.peerdisplayname),
            id: text(w.id).filter(|i| !i.is_empty()),
            param: text(w.param),
        }));
    }
    if w.response == Some(Value::Bool(true)) {
        return Ok(Message::Response(Response {
            ok: w.ok == Some(Value::Bool(true)),
            data: text(w.data).unwrap_or_default(),
            token: text(w.token),
        }));
    }
    Err(ProtocolError::Unknown)
}

/// The number in a SIP URI: `sip:+13105550100@host;user=phone` → `+13105550100`,
/// `"Ada" <sip:ada@host>` → `ada`. `None` when there is no user part.
pub fn user_of(uri: &str) -> Option<String> {
    let uri = uri.trim();
    let inner = match (uri.find('<'), uri.rfind('>')) {
        (Some(a), Some(b)) if a < b => &uri[a + 1..b],
        _ => uri,
    };
    let rest = inner
        .strip_prefix("sips:")
        .or_else(|| inner.strip_prefix("sip:"))
        .or_else(|| inner.strip_prefix("tel:"))
        .unwrap_or(inner);
    let user = rest.split(['@', ';', '?']).next()?.trim();
    (!user.is_empty()).then(|| user.chars().take(64).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_responses_as_baresip_sends_them() {
        let e = parse(br#"{"event":true,"type":"CALL_INCOMING","class":"call","accountaor":"sip:agent@127.0.0.1:5071","direction":"incoming","peeruri":"sip:+13105550100@127.0.0.1:5073","id":"abc123","param":"sip:+13105550100@127.0.0.1:5073","extra":{"new":1}}"#).unwrap();
        let Message::Event(e) = e else {
            panic!("event")
        };
        assert_eq!(e.kind, "CALL_INCOMING");
        assert_eq!(e.direction, Some(CallDirection::Incoming));
        assert_eq!(e.id.as_deref(), Some("abc123"));
        let r = parse(br#"{"response":true,"ok":true,"data":"","token":"c1"}"#).unwrap();
        assert_eq!(
            r,
            Message::Response(Response {
                ok: true,
                data: String::new(),
                token: Some("c1".into())
            })
        );
        // The first event of an outbound call has no id.
        let Message::Event(sdp) =
            parse(br#"{"event":true,"type":"CALL_LOCAL_SDP","param":"offer"}"#).unwrap()
        else {
            panic!()
        };
        assert_eq!(sdp.id, None);
    }

    #[test]
    fn bad_messages_are_errors() {
        let label = |e: &ProtocolError| match e {
            ProtocolError::NotUtf8 => "utf8",
            ProtocolError::NotJson(_) => "json",
            ProtocolError::Unknown => "unknown",
        };
        let table: [(&[u8], &str); 7] = [
            (b"\xff\xfe", "utf8"),
            (b"{not json", "json"),
            (b"", "json"),
            (b"[1,2]", "unknown"),
            (br#"{"hello":1}"#, "unknown"),
            (br#"{"event":true}"#, "unknown"),
            (br#"{"event":"yes","type":"CALL_CLOSED"}"#, "unknown"),
        ];
        for (bytes, want) in table {
            let e = parse(bytes).unwrap_err();
            assert_eq!(label(&e), want, "{bytes:?}: {e}");
        }
        // Wrong types inside an event count as absent, not as an error.
        let Message::Event(e) =
            parse(br#"{"event":true,"type":"CALL_CLOSED","id":7,"param":null}"#).unwrap()
        else {
            panic!()
        };
        assert_eq!((e.id, e.param), (None, None));
    }

    #[test]
    fn numbers_come_out_of_sip_uris() {
        for (uri, want) in [
            ("sip:+13105550100@127.0.0.1:5073", Some("+13105550100")),
            (
                "<sip:3105550100@pbx.example;user=phone>",
                Some("3105550100"),
            ),
            ("\"Ada\" <sips:ada@example.com>", Some("ada")),
            ("tel:+442079460958", Some("+442079460958")),
            ("sip:@host", None),
            ("", None),
        ] {
            assert_eq!(user_of(uri).as_deref(), want, "{uri}");
        }
    }
}
