//! The shell's own words (window title, tray menu, notification), from the
//! same Fluent catalogues as the UI (`ui/locales/<language>/shell.ftl`),
//! built into the binary. English is the fallback for a message a
//! translation lacks, and an id no catalogue has is shown as itself.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::language::Language;

const EN: &str = include_str!("../../ui/locales/en/shell.ftl");
const DE: &str = include_str!("../../ui/locales/de/shell.ftl");
const ES: &str = include_str!("../../ui/locales/es/shell.ftl");

pub struct ShellText {
    language: Language,
    bundle: FluentBundle<FluentResource>,
    english: FluentBundle<FluentResource>,
}

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let (tag, source) = match language {
        Language::En => ("en", EN),
        Language::De => ("de", DE),
        Language::Es => ("es", ES),
    };
    let tag: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // No bidi marks: they would end up in the window title and copied text.
    bundle.set_use_isolating(false);
    // The catalogues are the repo's own and tested to parse (`catalogues_parse`);
    // a broken entry is skipped, never fatal.
    let resource =
        FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// An argument for a message: text or a number (numbers pick plurals).
pub enum Arg<'a> {
    Text(&'a str),
    Number(u64),
}

impl ShellText {
    pub fn new(language: Language) -> Self {
        ShellText {
            language,
            bundle: bundle(language),
            english: bundle(Language::En),
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `id` with `args` filled in.
    pub fn get(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.to_string()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(name.to_string(), value);
        }
        for bundle in [&self.bundle, &self.english] {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(id, ?errors, "a shell message could not be filled in");
            }
            return text.into_owned();
        }
        tracing::warn!(id, "no shell message with this id");
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(source: &str) -> Vec<String> {
        let resource = FluentResource::try_new(source.to_string()).expect("catalogue parses");
        let mut ids: Vec<String> = resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn catalogues_parse_and_hold_the_same_messages() {
        let en = ids(EN);
        assert!(en.len() > 10, "{en:?}");
        assert_eq!(ids(DE), en);
        assert_eq!(ids(ES), en);
    }

    #[test]
    fn every_id_the_shell_uses_is_in_every_catalogue() {
        // The shell's sources, searched for whole ids as the UI's coverage test does.
        let sources = [
            include_str!("desk_lines.rs"),
            include_str!("tray.rs"),
            include_str!("notify.rs"),
        ];
        let mut used = Vec::new();
        for s in sources {
            for part in s.split('"').skip(1).step_by(2) {
                if part.starts_with("shell-") {
                    used.push(part.to_string());
                }
            }
        }
        assert!(used.len() > 10, "{used:?}");
        let en = ids(EN);
        for id in &used {
            assert!(en.contains(id), "{id} is not in shell.ftl");
        }
        for id in &en {
            assert!(used.contains(id), "{id} in shell.ftl is never used");
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let cases = [
            (Language::En, 0, "No missed calls"),
            (Language::En, 1, "1 missed call"),
            (Language::En, 12, "12 missed calls"),
            (Language::De, 0, "Keine verpassten Anrufe"),
            (Language::De, 1, "1 verpasster Anruf"),
            (Language::De, 3, "3 verpasste Anrufe"),
            (Language::Es, 1, "1 llamada perdida"),
            (Language::Es, 5, "5 llamadas perdidas"),
        ];
        for (language, n, want) in cases {
            let text = ShellText::new(language);
            assert_eq!(
                text.get("shell-missed", &[("n", Arg::Number(n))]),
                want,
                "{language:?} {n}"
            );
        }
    }

    /// The history's reason lines (`ui/locales/en/reasons.ftl`) say in English
    /// exactly what the engine's `describe` says, reason by reason.
    #[test]
    fn the_uis_reason_lines_are_the_engines_words() {
        let source = include_str!("../../ui/locales/en/reasons.ftl");
        let mut bundle = FluentBundle::new_concurrent(vec![]);
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(FluentResource::try_new(source.to_string()).expect("parses"));
        for reason in ringside_core::DecisionReason::ALL {
            let mut id = String::from("reason");
            for c in reason.as_str().chars() {
                if c.is_ascii_uppercase() {
                    id.push('-');
                }
                id.push(c.to_ascii_lowercase());
            }
            let message = bundle.get_message(&id).and_then(|m| m.value());
            let message = message.unwrap_or_else(|| panic!("{id} is not in reasons.ftl"));
            let text = bundle.format_pattern(message, None, &mut Vec::new());
            assert_eq!(text, reason.describe(), "{id}");
        }
    }

    #[test]
    fn an_unknown_id_reads_as_itself() {
        assert_eq!(
            ShellText::new(Language::De).get("shell-nope", &[]),
            "shell-nope"
        );
    }
}
