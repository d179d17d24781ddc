//! Where one org's records live in JetStream: two streams and two
//! key-value buckets, named after the org's id so that one JetStream
//! serves many orgs and a second org's data is never mixed in.

use crate::RelayError;

/// The names for one org.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    org: String,
}

impl Names {
    /// An org id is 15 or 18 letters and digits (`00D…`); anything else is
    /// refused, so it can never add a `.`, `*` or `>` to a subject.
    pub fn new(org_id: &str) -> Result<Names, RelayError> {
        let ok =
            matches!(org_id.len(), 15 | 18) && org_id.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ok {
            return Err(RelayError::Config(format!(
                "an org id is 15 or 18 letters and digits, not {:?}",
                crate::wire::clip(org_id)
            )));
        }
        // The 15-character form, so both spellings of one org agree.
        Ok(Names {
            org: org_id[..15].to_string(),
        })
    }

    pub fn org(&self) -> &str {
        &self.org
    }

    /// The latest version of every record (and tombstones): a new desktop's
    /// snapshot. One message per subject.
    pub fn snapshot_stream(&self) -> String {
        format!("RS_{}_SNAP", self.org)
    }

    /// Every change in order, for the retention period: what a desktop
    /// replays from its last sequence.
    pub fn changes_stream(&self) -> String {
        format!("RS_{}_CHG", self.org)
    }

    pub fn snapshot_subject(&self, object: &str, id: &str) -> String {
        format!("rs.{}.snap.{object}.{id}", self.org)
    }

    pub fn changes_subject(&self, object: &str, id: &str) -> String {
        format!("rs.{}.chg.{object}.{id}", self.org)
    }

    pub fn snapshot_subjects(&self) -> String {
        format!("rs.{}.snap.>", self.org)
    }

    pub fn changes_subjects(&self) -> String {
        format!("rs.{}.chg.>", self.org)
    }

    /// The relay's lease: whoever holds it publishes.
    pub fn lease_bucket(&self) -> String {
        format!("RS_{}_LEASE", self.org)
    }

    /// The relay's checkpoint.
    pub fn state_bucket(&self) -> String {
        format!("RS_{}_STATE", self.org)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_ids_are_checked_and_both_forms_name_one_org() {
        let a = Names::new("00D000000000001").unwrap();
        let b = Names::new("00D000000000001AAA").unwrap();
        assert_eq!(a, b);
        assert_eq!(
            a.snapshot_subject("Contact", "003x"),
            "rs.00D000000000001.snap.Contact.003x"
        );
        for bad in [
            "",
            "00D00000000000",
            "00D00000000.001",
            "00D000000000001*",
            "00D000000000001>AA",
        ] {
            assert!(Names::new(bad).is_err(), "{bad}");
        }
    }
}
