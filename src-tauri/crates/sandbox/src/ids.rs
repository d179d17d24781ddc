//! Salesforce record ids: a 3-character key prefix for the object type, 12
//! more characters, and the 3-character case-safe checksum that makes the
//! 18-character form.

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SUFFIX: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/// The key prefix Salesforce uses for each object the sandbox knows.
pub fn key_prefix(sobject: &str) -> Option<&'static str> {
    Some(match sobject {
        "Account" => "001",
        "Contact" => "003",
        "User" => "005",
        "Task" => "00T",
        "Lead" => "00Q",
        "Case" => "500",
        "ListView" => "00B",
        "QueryJob" => "750",
        "ServicePresenceStatus" => "0N5",
        "ServiceChannel" => "0N1",
        "ServiceChannelStatus" => "0N6",
        "UserServicePresence" => "0Hn",
        "PushTopic" => "0IF",
        "Organization" => "00D",
        "Profile" => "00e",
        "UserSetupEntityAccess" => "0Hs",
        // Custom objects get a prefix of their own in each org.
        "Ringside_Settings__c" => "a00",
        "Ringside_Disposition__c" => "a01",
        "Ringside_Presence__c" => "a02",
        "Ringside_Presence_Rule__c" => "a03",
        "Ringside_Install__c" => "a04",
        _ => return None,
    })
}

/// The 18-character id for `prefix` and a sequence number.
pub fn make_id(prefix: &str, n: u64) -> String {
    let mut body = [b'0'; 12];
    let mut v = n;
    for slot in body.iter_mut().rev() {
        *slot = BASE62[(v % 62) as usize];
        v /= 62;
    }
    let mut id15 = String::with_capacity(18);
    id15.push_str(prefix);
    id15.push_str(std::str::from_utf8(&body).unwrap_or("000000000000"));
    let suffix = checksum(&id15);
    id15.push_str(&suffix);
    id15
}

/// The case-safe suffix: for each 5-character chunk, a bit per uppercase letter.
pub fn checksum(id15: &str) -> String {
    let bytes = id15.as_bytes();
    (0..3)
        .map(|chunk| {
            let mut bits = 0usize;
            for i in 0..5 {
                if bytes
                    .get(chunk * 5 + i)
                    .is_some_and(|b| b.is_ascii_uppercase())
                {
                    bits |= 1 << i;
                }
            }
            SUFFIX[bits] as char
        })
        .collect()
}

/// Accepts a 15- or 18-character id and returns the 18-character form, or
/// `None` if it is malformed (bad length, characters or checksum).
pub fn normalize(id: &str) -> Option<String> {
    if !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    match id.len() {
        15 => Some(format!("{id}{}", checksum(id))),
        18 => (checksum(&id[..15]) == id[15..]).then(|| id.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_salesforce_checksums() {
        // Real ids from the Salesforce fixtures.
        assert_eq!(
            normalize("003q000000KvQ1t").as_deref(),
            Some("003q000000KvQ1tAAF")
        );
        assert_eq!(
            normalize("a00D0000008pQRAIA2").as_deref(),
            Some("a00D0000008pQRAIA2")
        );
        assert_eq!(normalize("a00D0000008pQRAIA3"), None);
    }

    #[test]
    fn made_ids_are_valid_and_distinct() {
        let a = make_id("003", 1);
        let b = make_id("003", 62);
        assert_eq!(a.len(), 18);
        assert!(a.starts_with("003"));
        assert_ne!(a, b);
        assert_eq!(normalize(&a).as_deref(), Some(a.as_str()));
        assert_eq!(normalize(&a[..15]).as_deref(), Some(a.as_str()));
    }

    #[test]
    fn rejects_junk() {
        for bad in [
            "",
            "003",
            "003q000000KvQ1t!",
            "003q000000KvQ1tAAF0",
            "003q000000KvQ1t/AF",
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}
