//! Text from the far end (a SIP display name, an ACD's or a CRM's error)
//! reaches the agent's desktop and logs. It is made safe to show: control
//! and bidirectional-override characters removed (so text cannot hide or
//! reorder what follows it), bounded in length, and markup escaped where the
//! display reads markup (desktop notification bodies); phone numbers inside
//! third-party error text are redacted before it is logged or stored.

use crate::redact::redact_number;

/// Longest far-end text shown as one line.
pub const MAX_SHOWN: usize = 200;

/// Bidi controls: embeddings, overrides, isolates and marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Other invisible format characters (Unicode's Cf category): zero-width
/// spaces and joiners, word joiners and invisible operators, the byte-order
/// mark, the soft hyphen, interlinear annotation marks and tag characters.
/// They let a display name look like another.
fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// One line of far-end text, safe to show: no control or bidi characters
/// (line breaks and tabs become spaces), at most `MAX_SHOWN` characters.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_SHOWN * 4));
    let mut kept = 0;
    for c in s.chars() {
        if kept >= MAX_SHOWN {
            out.push('…');
            break;
        }
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
                kept += 1;
            }
        } else if !c.is_control() && !is_invisible(c) {
            out.push(c);
            kept += 1;
        }
    }
    out.trim().to_string()
}

/// `one_line`, then escaped for notification bodies, which servers read as
/// a subset of HTML (`<a href=…>`, `<img>`).
pub fn notification_text(s: &str) -> String {
    let mut out = String::new();
    for c in one_line(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Third-party error text with every run of seven or more digits (spaces,
/// dots, dashes, parentheses and a leading `+` allowed inside) redacted
/// as a phone number, and made one safe line.
pub fn error_text(s: &str) -> String {
    // Redacted whole first, so a number cut by the length bound is not
    // left half shown; bounded input keeps this linear and small.
    let bounded: String = s.chars().take(MAX_SHOWN * 20).collect();
    one_line(&redact_numbers(&bounded))
}

fn redact_numbers(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if !starts_number {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The longest run of number characters that ends on a digit.
        let mut end = i + 1;
        let mut last_digit = i + usize::from(chars[i] != '+');
        while end < chars.len() && (chars[end].is_ascii_digit() || " .-()".contains(chars[end])) {
            if chars[end].is_ascii_digit() {
                last_digit = end + 1;
            }
            end += 1;
        }
        let run: String = chars[i..last_digit.max(i + 1)].iter().collect();
        let digits = run.chars().filter(char::is_ascii_digit).count();
        if digits >= 7 {
            let compact: String = run
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            out.push_str(&redact_number(&compact));
        } else {
            out.push_str(&run);
        }
        i = last_digit.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn far_end_text_is_one_safe_line() {
        let rows = [
            ("Maria Lopez", "Maria Lopez"),
            ("Evil\u{202E}gpj.exe", "Evilgpj.exe"),
            ("line\nbreak\r\tand\u{0007}bell", "line break andbell"),
            ("\u{2066}isolate\u{2069} \u{200F}mark", "isolate mark"),
            ("   ", ""),
            (
                "Ba\u{200B}nk\u{FEFF} of\u{00AD} A\u{E0041}merica",
                "Bank of America",
            ),
        ];
        for (raw, shown) in rows {
            assert_eq!(one_line(raw), shown, "{raw:?}");
        }
        assert_eq!(one_line(&"x".repeat(1_000)).chars().count(), MAX_SHOWN + 1);
    }

    #[test]
    fn notification_bodies_carry_no_markup() {
        assert_eq!(
            notification_text("<a href=\"https://evil.example\">Bank</a> & 'co'"),
            "&lt;a href=&quot;https://evil.example&quot;&gt;Bank&lt;/a&gt; &amp; &#39;co&#39;"
        );
        assert_eq!(
            notification_text("<img src=x onerror=1>"),
            "&lt;img src=x onerror=1&gt;"
        );
    }

    #[test]
    fn numbers_inside_error_text_are_redacted() {
        let rows = [
            (
                "call to +13108675309 failed: 486 Busy",
                "call to +131••••••09 failed: 486 Busy",
            ),
            ("no route to (310) 867-5309.", "no route to (3108••••09."),
            (
                "sip:+4915123456789@pbx.example refused",
                "sip:+491••••••••89@pbx.example refused",
            ),
            (
                "error 503 after 2 tries at 12:30",
                "error 503 after 2 tries at 12:30",
            ),
        ];
        for (raw, logged) in rows {
            assert_eq!(error_text(raw), logged, "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn shown_text_never_has_controls_or_markup(s in any::<String>()) {
            let shown = notification_text(&s);
            prop_assert!(!shown.chars().any(|c| c.is_control() || is_invisible(c)));
            prop_assert!(!shown.contains('<') && !shown.contains('>'));
            prop_assert!(shown.chars().count() <= (MAX_SHOWN + 1) * 6);
        }

        #[test]
        fn error_text_keeps_no_run_of_seven_digits(s in "[0-9a-z +().-]{0,80}") {
            let logged = error_text(&s);
            let mut run = 0;
            for c in logged.chars() {
                run = if c.is_ascii_digit() { run + 1 } else { 0 };
                prop_assert!(run < 7, "{logged}");
            }
        }
    }
}
