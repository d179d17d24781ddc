//! Salesforce's datetime format, `2015-08-19T08:17:00.000+0000`: the core's,
//! under the names the sandbox uses.

pub use ringside_core::time::{
    format_sf_date as format_date, format_sf_datetime as format_ms, parse_sf_datetime as parse,
};
