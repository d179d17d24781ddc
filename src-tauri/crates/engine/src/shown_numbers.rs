//! Numbers in the display format, remembered: every snapshot shows the live
//! calls' and the pop candidates' numbers, and formatting one goes through
//! libphonenumber's parser (tens of µs), so each is formatted once per
//! country, not once per snapshot.

use std::collections::HashMap;
use std::sync::Mutex;

use ringside_contacts::Region;
use ringside_core::phone_number::display;

/// Numbers remembered at most; past it the memo starts again.
const MAX_REMEMBERED: usize = 512;

#[derive(Default)]
pub(crate) struct ShownNumbers {
    // A mutex only so the actor stays `Sync`: it is never contended.
    memo: Mutex<Option<(Region, HashMap<String, String>)>>,
}

impl ShownNumbers {
    /// `raw` as `phone_number::display` shows it for `region`.
    pub fn show(&self, raw: &str, region: Region) -> String {
        let mut memo = self.memo.lock().unwrap_or_else(|p| p.into_inner());
        let (for_region, shown) = memo.get_or_insert_with(|| (region, HashMap::new()));
        if *for_region != region || shown.len() >= MAX_REMEMBERED {
            *for_region = region;
            shown.clear();
        }
        shown
            .entry(raw.to_string())
            .or_insert_with(|| display(raw, region))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_answers_as_display_does_whatever_the_country() {
        let shown = ShownNumbers::default();
        let de = Region::parse("DE").unwrap_or(Region::US);
        for region in [Region::US, de, Region::US] {
            for raw in ["+13108675309", "+4930901820", "*72#", ""] {
                assert_eq!(shown.show(raw, region), display(raw, region));
                assert_eq!(shown.show(raw, region), display(raw, region));
            }
        }
        for i in 0..(MAX_REMEMBERED + 10) {
            let raw = format!("+1310555{:04}", i % 10_000);
            assert_eq!(shown.show(&raw, Region::US), display(&raw, Region::US));
        }
    }
}
