use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Milliseconds since the Unix epoch (UTC). The core never reads a clock:
/// callers pass the time in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS,
)]
pub struct Millis(#[ts(type = "number")] pub i64);

impl Millis {
    pub fn saturating_sub(self, earlier: Millis) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
    pub fn plus(self, ms: i64) -> Millis {
        Millis(self.0.saturating_add(ms))
    }

    /// The UTC calendar date, `YYYY-MM-DD` (Salesforce's date format).
    pub fn utc_date(self) -> String {
        format_sf_date(self.0)
    }
}

/// Days since 1970-01-01 → `(year, month, day)`, proleptic Gregorian
/// (Howard Hinnant's algorithm; no date library needed).
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `(year, month, day)` → days since 1970-01-01; the inverse of `civil_from_days`.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// Salesforce's datetime format, `2015-08-19T08:17:00.000+0000`.

/// Milliseconds since the epoch → `YYYY-MM-DDTHH:MM:SS.mmm+0000`.
pub fn format_sf_datetime(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}+0000",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    )
}

/// `YYYY-MM-DD` for an epoch-ms instant (UTC).
pub fn format_sf_date(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(86_400_000));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.mmm](Z|+HHMM|+HH:MM|-…)`; `None` if malformed.
pub fn parse_sf_datetime(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> { s.get(r)?.parse().ok() };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = &s[19..];
    let mut ms = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let f = &frac[..digits];
        ms = format!("{:0<3}", &f[..f.len().min(3)]).parse().ok()?;
        rest = &frac[digits..];
    }
    let offset_min = match rest {
        "Z" | "" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = rest[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let oh: i64 = digits[..2].parse().ok()?;
            let om: i64 = digits[2..].parse().ok()?;
            sign * (oh * 60 + om)
        }
    };
    let days = days_from_civil(y, mo, d);
    Some(((days * 24 + h) * 60 + mi - offset_min) * 60_000 + se * 1000 + ms)
}

#[cfg(test)]
mod sf_format_tests {
    use super::*;

    #[test]
    fn formats_like_salesforce() {
        assert_eq!(format_sf_datetime(0), "1970-01-01T00:00:00.000+0000");
        let t = parse_sf_datetime("2015-08-19T08:17:00.000+0000").unwrap();
        assert_eq!(format_sf_datetime(t), "2015-08-19T08:17:00.000+0000");
        assert_eq!(format_sf_date(t), "2015-08-19");
    }

    #[test]
    fn parses_offsets_and_zulu() {
        let z = parse_sf_datetime("2013-05-07T22:07:19Z").unwrap();
        assert_eq!(parse_sf_datetime("2013-05-07T22:07:19.000+0000"), Some(z));
        assert_eq!(parse_sf_datetime("2013-05-08T00:07:19.000+02:00"), Some(z));
        assert_eq!(parse_sf_datetime("2013-05-07T20:07:19-0200"), Some(z));
    }

    #[test]
    fn round_trips_across_centuries() {
        for ms in [
            -86_400_000_i64 * 365 * 70,
            951_782_400_000,
            4_102_444_800_123,
            1_795_240_161_441,
        ] {
            assert_eq!(parse_sf_datetime(&format_sf_datetime(ms)), Some(ms), "{ms}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "2015-08-19",
            "2015-13-01T00:00:00Z",
            "2015-08-19T25:00:00Z",
            "2015-08-19T08:17:00.+0000",
            "2015-08-19T08:17:00X",
        ] {
            assert_eq!(parse_sf_datetime(bad), None, "{bad}");
        }
    }
}
