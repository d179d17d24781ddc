#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
//! MATCH-1: phone formats across US/CA, UK, DE, ES, FR, MX, BR, IN and AU —
//! national, international, punctuation, extensions, `00` and `011`
//! prefixes, trunk zeros, short codes and garbage — and the properties that
//! make matching work: normalising is idempotent, and every format of a
//! stored number finds it.

use proptest::prelude::*;
use ringside_core::phone_number::{normalize, Phone, PhoneError, Region};

#[derive(Debug)]
enum Want {
    E164(&'static str),
    Ext(&'static str, &'static str),
    Short,
    NotANumber,
    Empty,
}

const TABLE: &[(&str, &str, Want)] = &[
    // United States and Canada
    ("US", "(310) 867-5309", Want::E164("+13108675309")),
    ("US", "+1 310 867 5309", Want::E164("+13108675309")),
    ("US", "3108675309", Want::E164("+13108675309")),
    ("US", "310.867.5309", Want::E164("+13108675309")),
    ("US", "1-310-867-5309", Want::E164("+13108675309")),
    (
        "US",
        "+1 (310) 867-5309 ext. 42",
        Want::Ext("+13108675309", "42"),
    ),
    ("US", "310-867-5309 x123", Want::Ext("+13108675309", "123")),
    (
        "US",
        "+1 310 867 5309;ext=77",
        Want::Ext("+13108675309", "77"),
    ),
    ("US", "tel:+1-310-867-5309", Want::E164("+13108675309")),
    ("US", "011 44 20 7946 0018", Want::E164("+442079460018")),
    ("US", "00 44 20 7946 0018", Want::E164("+442079460018")),
    ("US", "+1 416 555 0199", Want::E164("+14165550199")),
    // An international prefix, then a number whose first digits look like
    // a trunk or country prefix (`1` after +49, `0`/`1` after +44).
    ("US", "011 49 1512 3456789", Want::E164("+4915123456789")),
    ("US", "00 49 1512 3456789", Want::E164("+4915123456789")),
    ("US", "011 44 20 7946 0958", Want::E164("+442079460958")),
    ("US", "011 49 30 901820", Want::E164("+4930901820")),
    ("US", "011 44 1632 960123", Want::E164("+441632960123")),
    ("US", "011 33 1 42 68 53 00", Want::E164("+33142685300")),
    ("US", "011 61 1300 975 707", Want::E164("+611300975707")),
    ("CA", "011 49 1512 3456789", Want::E164("+4915123456789")),
    ("DE", "00 1 310 867 5309", Want::E164("+13108675309")),
    ("GB", "00 49 1512 3456789", Want::E164("+4915123456789")),
    ("AU", "0011 49 1512 3456789", Want::E164("+4915123456789")),
    ("MX", "00 1 212 555 0123", Want::E164("+12125550123")),
    // Italy keeps its leading 0 after +39: no region's trunk 0 comes off.
    ("GB", "00 39 02 1234 5678", Want::E164("+390212345678")),
    ("US", "011 39 02 1234 5678", Want::E164("+390212345678")),
    ("US", "tel:+49-1512-3456789", Want::E164("+4915123456789")),
    ("CA", "(604) 555-0134", Want::E164("+16045550134")),
    ("CA", "1 (604) 555-0134", Want::E164("+16045550134")),
    ("US", "1-800-FLOWERS", Want::E164("+18003569377")),
    ("US", "911", Want::Short),
    ("US", "*86#", Want::Short),
    ("US", "+1 310 867", Want::NotANumber),
    // United Kingdom
    ("GB", "020 7946 0018", Want::E164("+442079460018")),
    ("GB", "+44 (0)20 7946 0018", Want::E164("+442079460018")),
    ("GB", "0044 20 7946 0018", Want::E164("+442079460018")),
    ("GB", "07700 900123", Want::E164("+447700900123")),
    ("GB", "+447700900123", Want::E164("+447700900123")),
    ("GB", "00447700900123", Want::E164("+447700900123")),
    ("GB", "020 7946 0018 ext 5", Want::Ext("+442079460018", "5")),
    ("GB", "999", Want::Short),
    // Germany
    ("DE", "030 901820", Want::E164("+4930901820")),
    ("DE", "+49 30 901820", Want::E164("+4930901820")),
    ("DE", "0049 30 901820", Want::E164("+4930901820")),
    ("DE", "+49 (0)30 901820", Want::E164("+4930901820")),
    ("DE", "0151 23456789", Want::E164("+4915123456789")),
    ("DE", "(030) 90 18 20", Want::E164("+4930901820")),
    ("DE", "110", Want::Short),
    // Spain
    ("ES", "911 23 45 67", Want::E164("+34911234567")),
    ("ES", "+34 911 234 567", Want::E164("+34911234567")),
    ("ES", "0034 911234567", Want::E164("+34911234567")),
    ("ES", "612 34 56 78", Want::E164("+34612345678")),
    ("ES", "112", Want::Short),
    // France
    ("FR", "01 42 68 53 00", Want::E164("+33142685300")),
    ("FR", "+33 1 42 68 53 00", Want::E164("+33142685300")),
    ("FR", "+33 (0)1 42 68 53 00", Want::E164("+33142685300")),
    ("FR", "0033 1 42 68 53 00", Want::E164("+33142685300")),
    ("FR", "06.12.34.56.78", Want::E164("+33612345678")),
    // Mexico
    ("MX", "55 5555 5555", Want::E164("+525555555555")),
    ("MX", "+52 55 5555 5555", Want::E164("+525555555555")),
    ("MX", "+52 1 55 5555 5555", Want::E164("+525555555555")),
    ("MX", "(55) 5555-5555", Want::E164("+525555555555")),
    // Brazil
    ("BR", "(11) 98765-4321", Want::E164("+5511987654321")),
    ("BR", "+55 11 98765-4321", Want::E164("+5511987654321")),
    ("BR", "+55 (21) 2345-6789", Want::E164("+552123456789")),
    ("BR", "11 98765 4321", Want::E164("+5511987654321")),
    // India
    ("IN", "098765 43210", Want::E164("+919876543210")),
    ("IN", "+91 98765 43210", Want::E164("+919876543210")),
    ("IN", "9876543210", Want::E164("+919876543210")),
    ("IN", "0091 98765 43210", Want::E164("+919876543210")),
    ("IN", "+91-22-2345-6789", Want::E164("+912223456789")),
    // Australia
    ("AU", "(02) 9374 4000", Want::E164("+61293744000")),
    ("AU", "+61 2 9374 4000", Want::E164("+61293744000")),
    ("AU", "0011 61 2 9374 4000", Want::E164("+61293744000")),
    ("AU", "0412 345 678", Want::E164("+61412345678")),
    ("AU", "000", Want::Short),
    // International numbers read the same whatever the default region
    ("US", "+61 2 9374 4000", Want::E164("+61293744000")),
    ("GB", "+1 (310) 867-5309", Want::E164("+13108675309")),
    ("DE", "+33 1 42 68 53 00", Want::E164("+33142685300")),
    ("IN", "+34 612 34 56 78", Want::E164("+34612345678")),
    ("GB", "   +44 20 7946 0018   ", Want::E164("+442079460018")),
    // Found by the idempotence property: `+` numbers are read without the region.
    ("US", "+27 21 123 4567", Want::E164("+27211234567")),
    ("US", "+2710000", Want::E164("+2710000")),
    // Garbage
    ("US", "", Want::Empty),
    ("US", "   ", Want::Empty),
    ("US", "call me", Want::NotANumber),
    ("US", "+", Want::NotANumber),
    ("US", "12345678901234567890", Want::NotANumber),
    ("US", "+999 1234 5678", Want::NotANumber),
];

#[test]
fn match_1_phone_format_table() {
    assert!(TABLE.len() >= 60, "{} rows", TABLE.len());
    let mut failures = Vec::new();
    for (region, raw, want) in TABLE {
        let got = normalize(raw, Region::parse(region).unwrap());
        let ok = match (want, &got) {
            (Want::E164(e), Ok(p)) => p.e164 == *e && p.extension.is_none(),
            (Want::Ext(e, x), Ok(p)) => p.e164 == *e && p.extension.as_deref() == Some(*x),
            (Want::Short, Err(PhoneError::ShortCode(_))) => true,
            (Want::NotANumber, Err(PhoneError::NotANumber(_))) => true,
            (Want::Empty, Err(PhoneError::Empty)) => true,
            _ => false,
        };
        if !ok {
            failures.push(format!("{region} {raw:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

const REGIONS: [&str; 10] = ["US", "CA", "GB", "DE", "ES", "FR", "MX", "BR", "IN", "AU"];

/// The metadata's own example numbers: a fixed line and a mobile per region.
fn examples() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for r in REGIONS {
        let meta = phonenumber::metadata::DATABASE.by_id(r).unwrap();
        let d = meta.descriptors();
        for desc in [d.fixed_line(), d.mobile()].into_iter().flatten() {
            if let Some(ex) = desc.example() {
                out.push((r, ex.to_string()));
            }
        }
    }
    out
}

/// Re-punctuates digits the way people type them.
fn punctuate(digits: &str, seps: &[u8]) -> String {
    let mut s = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 {
            match seps[i % seps.len()] % 6 {
                0 => s.push(' '),
                1 => s.push('-'),
                2 => s.push('.'),
                _ => {}
            }
        }
        s.push(c);
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Normalising a normalised number changes nothing.
    #[test]
    fn normalising_is_idempotent(raw in "[+]?[0-9 ().-]{0,20}( ?(x|ext\\.?) ?[0-9]{1,4})?", r in 0usize..REGIONS.len()) {
        let region = Region::parse(REGIONS[r]).unwrap();
        if let Ok(p) = normalize(&raw, region) {
            let again = normalize(&p.e164, region).unwrap();
            prop_assert_eq!(&again.e164, &p.e164);
            // And from any other region, the E.164 form reads the same.
            let other = Region::parse(REGIONS[(r + 3) % REGIONS.len()]).unwrap();
            prop_assert_eq!(normalize(&p.e164, other).unwrap().e164, p.e164);
        }
    }

    /// MATCH-1: every format variant of a stored number finds it.
    #[test]
    fn every_format_of_a_number_finds_it(i in 0usize..20, seps in proptest::collection::vec(any::<u8>(), 1..8), variant in 0usize..6) {
        let all = examples();
        let (r, national) = &all[i % all.len()];
        let region = Region::parse(r).unwrap();
        let stored: Phone = normalize(national, region).unwrap();
        let code = &stored.e164[1..stored.e164.len() - national.trim_start_matches('0').len()];
        let sig = national.trim_start_matches('0');
        let typed = match variant {
            0 => stored.e164.clone(),
            1 => format!("+{code} {}", punctuate(sig, &seps)),
            2 => format!("00{code} {}", punctuate(sig, &seps)),
            3 => punctuate(national, &seps),
            4 => format!("+{code} ({}) {}", &sig[..2], punctuate(&sig[2..], &seps)),
            _ => format!("{} ext. 12", punctuate(national, &seps)),
        };
        let got = normalize(&typed, region);
        prop_assert!(got.as_ref().is_ok_and(|p| p.e164 == stored.e164), "{} {:?} (stored {:?}) -> {:?}", r, typed, national, got);
    }
}

/// Where a number is dialled from, and the international prefix typed there.
const DIALLED_FROM: [(&str, &str); 8] = [
    ("US", "011"),
    ("CA", "011"),
    ("AU", "0011"),
    ("GB", "00"),
    ("DE", "00"),
    ("FR", "00"),
    ("MX", "00"),
    ("IN", "00"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Any region's number typed with the international prefix of any other
    /// region (whose own trunk prefix must not come off it) finds it.
    #[test]
    fn an_international_prefix_from_anywhere_finds_it(
        i in 0usize..20,
        from in 0usize..DIALLED_FROM.len(),
        seps in proptest::collection::vec(any::<u8>(), 1..8),
    ) {
        let all = examples();
        let (r, national) = &all[i % all.len()];
        let stored: Phone = normalize(national, Region::parse(r).unwrap()).unwrap();
        let (there, idd) = DIALLED_FROM[from];
        let e164 = &stored.e164[1..];
        let sig = national.trim_start_matches('0');
        let code = &e164[..e164.len() - sig.len()];
        let typed = format!("{idd} {code} {}", punctuate(sig, &seps));
        let got = normalize(&typed, Region::parse(there).unwrap());
        prop_assert!(got.as_ref().is_ok_and(|p| p.e164 == stored.e164), "from {} {:?} (stored {}) -> {:?}", there, typed, stored.e164, got);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The fast path for North American numbers agrees with the full parser
    /// whenever it answers.
    #[test]
    fn the_fast_path_agrees_with_the_parser(
        plus in any::<bool>(),
        one in any::<bool>(),
        digits in "[0-9]{9,11}",
        seps in proptest::collection::vec(any::<u8>(), 1..6),
        region in prop_oneof![Just("US"), Just("CA"), Just("GB"), Just("MX")],
    ) {
        let body = format!("{}{}", if one { "1" } else { "" }, digits);
        let typed = format!("{}{}", if plus { "+" } else { "" }, punctuate(&body, &seps));
        let region = Region::parse(region).unwrap();
        if let Some(fast) = ringside_core::phone_number::fast_nanp(&typed, region) {
            let slow = normalize_slow(&typed, region);
            prop_assert_eq!(Some(fast), slow, "{}", typed);
        }
    }
}

/// The full parser only, for comparing with the fast path.
fn normalize_slow(typed: &str, region: Region) -> Option<Phone> {
    ringside_core::phone_number::normalize_with_parser(typed, region).ok()
}
