//! The ACD event socket: a versioned JSON protocol over WebSocket through
//! which a contact-centre platform reports calls and agent state and gets
//! Ringside's call commands and do-not-log flags (docs/ACD-PROTOCOL.md).

pub mod connector;
pub mod protocol;
pub mod simulator;
