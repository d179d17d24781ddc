//! The baresip connector: its `ctrl_tcp` socket speaks JSON in netstrings.

pub mod connector;
pub mod netstring;
pub mod protocol;
#[cfg(feature = "testkit")]
pub mod testkit;
pub mod tracker;
