//! Phone numbers and names are personal data: logs show them redacted unless
//! the operator opts in.

/// Keeps the first four and last two characters of a number, masks the rest:
/// `+13108675309` → `+131•••••09`. Short inputs are masked whole.
pub fn redact_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 6 {
        return "•".repeat(chars.len().max(1));
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "•".repeat(chars.len() - 6))
}

/// Initials only: `Maria Lopez` → `M. L.`.
pub fn redact_name(name: &str) -> String {
    let initials: Vec<String> = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect();
    if initials.is_empty() {
        "•".into()
    } else {
        initials.join(" ")
    }
}

/// A value that prints redacted unless `reveal` is set.
pub struct Pii<'a> {
    pub value: &'a str,
    pub reveal: bool,
}

impl std::fmt::Display for Pii<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.reveal {
            f.write_str(self.value)
        } else {
            f.write_str(&redact_number(self.value))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle_of_a_number() {
        assert_eq!(redact_number("+13108675309"), "+131••••••09");
        assert!(!redact_number("+13108675309").contains("867"));
    }

    #[test]
    fn names_keep_only_initials() {
        assert_eq!(redact_name("Maria Lopez"), "M. L.");
        assert_eq!(redact_name("  Ada  "), "A.");
        assert_eq!(redact_name(""), "•");
        assert!(!redact_name("Caller +13108675309").contains("310"));
    }

    #[test]
    fn masks_short_values_whole() {
        assert_eq!(redact_number("112"), "•••");
        assert_eq!(redact_number(""), "•");
    }

    #[test]
    fn reveal_prints_as_is() {
        let p = Pii {
            value: "+4930123456",
            reveal: true,
        };
        assert_eq!(p.to_string(), "+4930123456");
    }
}
