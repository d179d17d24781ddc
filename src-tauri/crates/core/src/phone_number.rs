//! MATCH-1: every number, however it was typed, becomes one E.164 key, so
//! `(310) 867-5309`, `+1 310 867 5309` and `3108675309` are the same caller.
//! National formats are read with the admin's default region; extensions
//! are split off and kept.

use std::str::FromStr;

use phonenumber::country::{Id, Source};
use phonenumber::Mode;

/// A country whose national formats apply when a number has no `+`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region(Id);

impl Region {
    pub const US: Region = Region(Id::US);

    /// An ISO 3166 two-letter code: `US`, `GB`, `DE`, …
    pub fn parse(code: &str) -> Option<Region> {
        Id::from_str(&code.trim().to_ascii_uppercase())
            .ok()
            .map(Region)
    }

    pub fn code(&self) -> &str {
        self.0.as_ref()
    }
}

/// Every country the numbering plan knows, as the ISO codes
/// `Region::parse` takes, in order (the country picker offers these).
pub fn regions() -> Vec<String> {
    let mut out: Vec<String> = phonenumber::metadata::DATABASE
        .iter()
        .map(|m| m.id().to_string())
        .filter(|id| id.len() == 2 && Region::parse(id).is_some())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A normalised number: the E.164 key and the extension, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub e164: String,
    pub extension: Option<String>,
}

impl Phone {
    /// The number without its country code (what a CRM's phone search
    /// matches on, whatever format the record stores).
    pub fn national_digits(&self) -> String {
        match phonenumber::parse(None, &self.e164) {
            Ok(n) => n.national().value().to_string(),
            Err(_) => digits(&self.e164),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("no phone number")]
    Empty,
    #[error("`{0}` is a short code, not a subscriber number")]
    ShortCode(String),
    #[error("`{0}` is not a phone number")]
    NotANumber(String),
}

/// Whether the agent may dial what they typed: 1 to 20 digits, `+`, and
/// the punctuation people type; nothing else ever reaches a phone.
pub fn dialable(n: &str) -> bool {
    let digits = n.chars().filter(char::is_ascii_digit).count();
    (1..=20).contains(&digits)
        && n.len() <= 40
        && n.chars()
            .all(|c| c.is_ascii_digit() || " +-().*#/".contains(c))
}

/// A feature or short code rather than a subscriber's number: star and
/// hash codes (`*72#`, `*21*…#`, `#31#`) and numbers of at most four digits
/// without `+` (`112`, `411`, `*86`, an extension such as `4021`).
pub fn is_service_code(raw: &str) -> bool {
    let t = raw.trim();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    // `*21*2125550100#` sets a forward: a code, though a number is in it.
    // `*67 2125550100` and `#31#2125550100` hide the caller id on a real call.
    // `+13108675309#` is a number some dialers end with "send"; a local
    // number of five or six digits (`901820` in Berlin) is a subscriber.
    let code = t.starts_with(['*', '#']) && t.ends_with('#');
    code || ((1..=4).contains(&digits) && !t.starts_with('+'))
}

/// Longest input looked at: real numbers with extensions fit easily.
const MAX_INPUT: usize = 64;

/// Digits of a string, ignoring everything else.
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Normalises `raw` with `region` for national formats.
pub fn normalize(raw: &str, region: Region) -> Result<Phone, PhoneError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::Empty);
    }
    if trimmed.len() > MAX_INPUT {
        return Err(PhoneError::NotANumber(trimmed.chars().take(20).collect()));
    }
    let cleaned = vanity(&rfc3966_extension(trimmed));
    let trimmed = cleaned.as_str();
    let all_digits = digits(trimmed);
    if all_digits.is_empty() {
        return Err(PhoneError::NotANumber(trimmed.to_string()));
    }
    // Service and short codes (112, 911, *86#) are not callers to match.
    if all_digits.len() <= 6 && !trimmed.starts_with('+') {
        return Err(PhoneError::ShortCode(trimmed.to_string()));
    }
    if let Some(p) = fast_nanp(trimmed, region) {
        return Ok(p);
    }
    parser_path(trimmed, region)
}

/// `normalize` without the fast path (for checking the two agree).
pub fn normalize_with_parser(raw: &str, region: Region) -> Result<Phone, PhoneError> {
    let cleaned = vanity(&rfc3966_extension(raw.trim()));
    parser_path(cleaned.as_str(), region)
}

fn parser_path(trimmed: &str, region: Region) -> Result<Phone, PhoneError> {
    // A reading the numbering plan knows beats one that merely has a
    // possible length (`0055 11 …` typed in Brazil is +55, not +1 via carrier 55).
    let mut plausible_only = None;
    for candidate in candidates(trimmed, region) {
        match parse(&candidate, region) {
            Some((p, true)) => return Ok(p),
            Some((p, false)) => {
                plausible_only.get_or_insert(p);
            }
            None => {}
        }
    }
    plausible_only.ok_or_else(|| PhoneError::NotANumber(trimmed.to_string()))
}

/// Regions of the North American Numbering Plan whose numbers the fast path reads.
const NANP: [Id; 2] = [Id::US, Id::CA];

/// The common case without the full parser (which costs tens of µs): a
/// North American number in the usual punctuation. Anything unusual goes to
/// the parser; a property test checks that both always agree.
pub fn fast_nanp(s: &str, region: Region) -> Option<Phone> {
    let plus = s.starts_with('+');
    let body = if plus { &s[1..] } else { s };
    // After `+`, the country code must stand alone (`+1 212…`, `+1(212)…`) or
    // the digits run unbroken; `+12-00-…` is left to the parser.
    if plus {
        let group = body
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or("");
        if group != "1" && group.len() != body.len() {
            return None;
        }
    }
    let mut d = [0u8; 11];
    let mut n = 0;
    for b in body.bytes() {
        match b {
            b'0'..=b'9' => {
                if n == d.len() {
                    return None;
                }
                d[n] = b;
                n += 1;
            }
            b' ' | b'-' | b'.' | b'(' | b')' | b'/' => {}
            _ => return None,
        }
    }
    let national = match (plus, n, d[0]) {
        (true, 11, b'1') => &d[1..11],
        (false, 11, b'1') if NANP.contains(&region.0) => &d[1..11],
        (false, 10, _) if NANP.contains(&region.0) => &d[..10],
        _ => return None,
    };
    // Area code and exchange start with 2-9 in the plan.
    if !(b'2'..=b'9').contains(&national[0]) || !(b'2'..=b'9').contains(&national[3]) {
        return None;
    }
    let mut e164 = String::with_capacity(12);
    e164.push_str("+1");
    e164.extend(national.iter().map(|&b| b as char));
    Some(Phone {
        e164,
        extension: None,
    })
}

/// The input, then with an international prefix read as `+`: the region's
/// own (from the numbering plan: `011` in North America, `0011` in
/// Australia, …) and the common `011` and `00` (people type the prefix of
/// wherever they are, not of the org's region).
fn candidates(s: &str, region: Region) -> Vec<String> {
    let mut out = vec![s.to_string()];
    if s.trim_start().starts_with('+') {
        return out;
    }
    let lead = digits(s);
    let own = phonenumber::metadata::DATABASE
        .by_id(region.code())
        .and_then(|m| m.international_prefix())
        .and_then(|re| re.find(&lead))
        .filter(|m| m.start() == 0)
        .map(|m| m.end());
    let common = ["011", "00"]
        .into_iter()
        .filter(|p| lead.starts_with(p))
        .map(str::len);
    let mut seen = Vec::new();
    for len in own.into_iter().chain(common) {
        if len == 0 || seen.contains(&len) {
            continue;
        }
        seen.push(len);
        let rest = s
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .nth(len)
            .map(|(i, _)| &s[i..]);
        if let Some(rest) = rest {
            out.push(format!("+{rest}"));
        }
    }
    out
}

/// `;ext=77` (RFC 3966's form, also typed outside `tel:` URIs) as `ext. 77`.
fn rfc3966_extension(s: &str) -> String {
    if s.starts_with("tel:") {
        return s.to_string();
    }
    match s.to_ascii_lowercase().find(";ext=") {
        Some(i) => format!("{} ext. {}", &s[..i], &s[i + 5..]),
        None => s.to_string(),
    }
}

/// Vanity numbers (`1-800-FLOWERS`): letters after at least four digits
/// become keypad digits. Anything else with letters is left alone, so
/// `x123` stays an extension and `call me` stays text.
fn vanity(s: &str) -> String {
    let Some(first_letter) = s.find(|c: char| c.is_ascii_alphabetic()) else {
        return s.to_string();
    };
    let (head, tail) = s.split_at(first_letter);
    let letters = tail.chars().filter(char::is_ascii_alphabetic).count();
    let lower = tail.to_ascii_lowercase();
    let is_extension = ["x", "ext", "extension", "#"]
        .iter()
        .any(|k| lower.starts_with(k))
        && lower
            .chars()
            .skip_while(char::is_ascii_alphabetic)
            .any(|c| c.is_ascii_digit());
    if digits(head).len() < 4 || letters < 3 || is_extension || head.starts_with("tel") {
        return s.to_string();
    }
    let keypad = |c: char| match c.to_ascii_uppercase() {
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        'W'..='Z' => '9',
        other => other,
    };
    format!("{head}{}", tail.chars().map(keypad).collect::<String>())
}

/// Longest text `display` returns for something that is not a number.
const MAX_SHOWN: usize = 40;

/// One way to show a number everywhere: national format for a number of
/// the agent's own country (`(310) 867-5309`, `030 901820`), international
/// for any other (`+44 20 7946 0958`), an extension after it. What is not
/// a number (a withheld caller, a short code) is shown as given, on one
/// line and bounded.
pub fn display(raw: &str, region: Region) -> String {
    let shown = || {
        let line = crate::untrusted::one_line(raw);
        let line = line.trim();
        match line.char_indices().nth(MAX_SHOWN) {
            Some((at, _)) => format!("{}…", &line[..at]),
            None => line.to_string(),
        }
    };
    if is_service_code(raw) {
        return shown();
    }
    let Ok(p) = normalize(raw, region) else {
        return shown();
    };
    let Ok(n) = phonenumber::parse(None, &p.e164) else {
        return shown();
    };
    let own = n.country().id() == Some(region.0);
    let mode = if own {
        Mode::National
    } else {
        Mode::International
    };
    let number = n.format().mode(mode).to_string();
    match p.extension {
        Some(ext) => format!("{number} ext. {ext}"),
        None => number,
    }
}

/// The number and whether the numbering plan lists it as valid.
fn parse(s: &str, region: Region) -> Option<(Phone, bool)> {
    // A `+` number needs no region, and reading one with a region can fail
    // in the parser (`+2710000` with US), so the region is only for the rest.
    let default = (!s.trim_start().starts_with('+')).then_some(region.0);
    let mut n = phonenumber::parse(default, s).ok()?;
    // When the country code comes from the number, the parser still strips
    // the *region's* trunk prefix (`011 49 1512…` in the US loses the `1` of
    // `1512`). Such a number is read without the region: after an
    // international prefix from its `+` candidate, after a `+` (`tel:+49…`)
    // again as it is.
    match n.code().source() {
        Source::Idd if default.is_some() => return None,
        Source::Plus if default.is_some() => n = phonenumber::parse(None, s).ok()?,
        _ => {}
    }
    let mut national = n.national().to_string();
    let code = n.code().value();
    // Mexico dropped the mobile `1` after +52 in 2019; stored numbers still carry it.
    if code == 52 && national.len() == 11 && national.starts_with('1') {
        national.remove(0);
        return finish(code, &national, n.extension().map(|e| e.to_string())).map(|p| (p, false));
    }
    // E.164 allows 15 digits with the country code; below 4 nothing is a line.
    if national.len() < 4 || national.len() + n.code().value().to_string().len() > 15 {
        return None;
    }
    let valid = n.is_valid();
    if !valid && !plausible(code, &national) {
        return None;
    }
    Some((
        Phone {
            e164: n.format().mode(Mode::E164).to_string(),
            extension: n.extension().map(|e| e.to_string()),
        },
        valid,
    ))
}

fn finish(code: u16, national: &str, extension: Option<String>) -> Option<Phone> {
    plausible(code, national).then(|| Phone {
        e164: format!("+{code}{national}"),
        extension,
    })
}

/// Accepts numbers the metadata does not list as valid but whose length is
/// possible for a fixed or mobile line of the country (new ranges, and the
/// fictional ranges used in demos and drama, such as 555-01xx or 07700 900xxx).
fn plausible(code: u16, national: &str) -> bool {
    let Some(metas) = phonenumber::metadata::DATABASE.by_code(&code) else {
        return false;
    };
    let len = u16::try_from(national.len()).unwrap_or(u16::MAX);
    metas.iter().any(|m| {
        let d = m.descriptors();
        [Some(d.general()), d.fixed_line(), d.mobile()]
            .into_iter()
            .flatten()
            .any(|x| x.possible_length().contains(&len))
    })
}

#[cfg(test)]
mod tests {
    use super::{dialable, display, is_service_code, Region};

    /// One display format: national for the agent's country, international
    /// for others, the extension kept, and anything else shown as given.
    #[test]
    fn numbers_are_shown_nationally_at_home_and_internationally_abroad() {
        let us = Region::US;
        let de = Region::parse("DE").expect("DE");
        for (raw, region, shown) in [
            ("+13108675309", us, "(310) 867-5309"),
            ("310.867.5309", us, "(310) 867-5309"),
            ("(310) 555-0100", us, "(310) 555-0100"),
            ("+442079460958", us, "+44 20 7946 0958"),
            ("+13108675309", de, "+1 310-867-5309"),
            ("+4930901820", de, "030 901820"),
            ("0049 30 901820", de, "030 901820"),
            ("+1 310 867 5309 ext. 42", us, "(310) 867-5309 ext. 42"),
            ("*72#", us, "*72#"),
            ("anonymous", us, "anonymous"),
            ("", us, ""),
            ("  line\nbreak  ", us, "line break"),
        ] {
            assert_eq!(display(raw, region), shown, "{raw:?} in {}", region.code());
        }
        assert_eq!(display(&"9".repeat(300), us).chars().count(), 41);
    }

    /// Dialled codes that create no Task, and real calls that do.
    #[test]
    fn service_codes_are_told_from_subscriber_numbers() {
        for code in [
            "*72#",
            "*21*2125550100#",
            "#31#",
            "112",
            "911",
            "411",
            "*86",
            "4021",
            " 1 1 8 ",
        ] {
            assert!(is_service_code(code), "{code}");
        }
        for number in [
            "+13108675309",
            "(310) 867-5309",
            "*67 310 867 5309",
            "#31#03090182000",
            "+112",
            "+13108675309#",
            "901820",
            "33444",
            "0049 30 901820",
            "",
            "anonymous",
        ] {
            assert!(!is_service_code(number), "{number}");
        }
    }

    #[test]
    fn numbers_people_type_are_dialable_and_junk_is_not() {
        for ok in [
            "+13108675309",
            "(310) 867-5309",
            "0049 30 901820",
            "*86#",
            "1",
        ] {
            assert!(dialable(ok), "{ok}");
        }
        for bad in [
            "",
            "abc",
            "+",
            "12345678901234567890123",
            "310;rm -rf",
            "+1 310\n867",
        ] {
            assert!(!dialable(bad), "{bad:?}");
        }
    }
}
