//! A match from the local copy (or a live search) as the screen pop shows it.

use ringside_core::screen_pop::Candidate;
use ringside_core::Millis;

use crate::store::Match;

impl From<Match> for Candidate {
    fn from(m: Match) -> Self {
        Candidate {
            id: m.id,
            kind: m.kind,
            name: m.name,
            company: m.company,
            owner: m.owner,
            created_at: Some(Millis(m.created_at)),
            field: m.field,
            raw: m.raw,
            display: String::new(),
        }
    }
}
