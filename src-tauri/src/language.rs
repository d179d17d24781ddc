//! The language Ringside speaks: the agent's choice, kept in a small file
//! beside the store, else the system's (`LC_ALL`, `LC_MESSAGES`, `LANG`, as
//! POSIX orders them). The shell owns it because its tray and title speak
//! it too; the UI asks for it at start and when the agent switches.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};

use crate::shell_text::ShellText;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    De,
    Es,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
            Language::Es => "es",
        }
    }

    /// The language of a locale tag (`de_AT.UTF-8`, `es-MX`), if Ringside speaks it.
    pub fn of_tag(tag: &str) -> Option<Language> {
        let base = tag
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match base.as_str() {
            "en" => Some(Language::En),
            "de" => Some(Language::De),
            "es" => Some(Language::Es),
            _ => None,
        }
    }
}

/// What the UI is told: the agent's pick (none: follow the system) and the
/// system's locale tag (its region shapes dates and numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageChoice {
    pub chosen: Option<Language>,
    pub system: String,
}

impl LanguageChoice {
    /// The language in force.
    pub fn language(&self) -> Language {
        self.chosen
            .or_else(|| Language::of_tag(&self.system))
            .unwrap_or(Language::En)
    }
}

/// The system's locale tag, from the variables POSIX reads for messages:
/// the first that is set and not empty wins; none set is `C` (English).
pub fn system_tag(var: impl Fn(&str) -> Option<String>) -> String {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        // Bounded: a tag is short; anything longer is not one.
        .filter(|v| v.len() <= 64)
        .unwrap_or_else(|| "C".to_string())
}

/// Where the choice is kept: beside the store.
pub fn file_beside(db: &Path) -> PathBuf {
    db.with_file_name("language")
}

/// The saved pick. A missing, unreadable or unknown file means "follow the
/// system" (nothing the agent can lose: they pick again).
pub fn read_choice(path: &Path) -> Option<Language> {
    use std::io::Read;
    let mut text = String::new();
    // Bounded: the file holds two letters; a larger one is not ours.
    std::fs::File::open(path)
        .ok()?
        .take(16)
        .read_to_string(&mut text)
        .ok()?;
    match text.trim() {
        "en" => Some(Language::En),
        "de" => Some(Language::De),
        "es" => Some(Language::Es),
        _ => None,
    }
}

/// Saves the pick (none: follow the system, the file goes).
pub fn write_choice(path: &Path, chosen: Option<Language>) -> std::io::Result<()> {
    match chosen {
        Some(l) => {
            // Written aside and renamed: a crash leaves the old pick or the new, never half.
            use std::io::Write;
            let tmp = path.with_extension(format!("tmp{}", std::process::id()));
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(l.code().as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&tmp, path)
        }
        None => match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
    }
}

/// The language in force for the whole app: the pick, where it is kept,
/// and the shell's words in it.
pub struct Speech {
    path: PathBuf,
    system: String,
    chosen: Mutex<Option<Language>>,
    text: RwLock<Arc<ShellText>>,
}

impl Speech {
    pub fn load(db: &Path) -> Speech {
        let path = file_beside(db);
        let system = system_tag(|name| std::env::var(name).ok());
        let chosen = read_choice(&path);
        let choice = LanguageChoice {
            chosen,
            system: system.clone(),
        };
        Speech {
            text: RwLock::new(Arc::new(ShellText::new(choice.language()))),
            path,
            system,
            chosen: Mutex::new(chosen),
        }
    }

    pub fn choice(&self) -> LanguageChoice {
        LanguageChoice {
            chosen: *self.chosen.lock().unwrap_or_else(|p| p.into_inner()),
            system: self.system.clone(),
        }
    }

    pub fn text(&self) -> Arc<ShellText> {
        self.text.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The agent's pick, kept for the next start. The words switch even
    /// when it cannot be saved (the error says so; the pick holds until quit).
    pub fn choose(&self, chosen: Option<Language>) -> (LanguageChoice, std::io::Result<()>) {
        *self.chosen.lock().unwrap_or_else(|p| p.into_inner()) = chosen;
        let choice = self.choice();
        let language = choice.language();
        if self.text().language() != language {
            *self.text.write().unwrap_or_else(|p| p.into_inner()) =
                Arc::new(ShellText::new(language));
        }
        (choice, write_choice(&self.path, chosen))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_tag_is_the_first_variable_set_in_posix_order() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[], "C"),
            (&[("LANG", "de_DE.UTF-8")], "de_DE.UTF-8"),
            (
                &[("LANG", "de_DE.UTF-8"), ("LC_MESSAGES", "es_ES.UTF-8")],
                "es_ES.UTF-8",
            ),
            (
                &[
                    ("LANG", "de_DE"),
                    ("LC_MESSAGES", "es_ES"),
                    ("LC_ALL", "en_GB"),
                ],
                "en_GB",
            ),
            (&[("LC_ALL", ""), ("LANG", "es_MX")], "es_MX"),
            (&[("LANG", &"x".repeat(100))], "C"),
        ];
        for (vars, want) in cases {
            let got = system_tag(|name| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            });
            assert_eq!(&got, want, "{vars:?}");
        }
    }

    #[test]
    fn the_language_in_force_is_the_pick_else_the_systems_else_english() {
        let cases = [
            (None, "de_AT.UTF-8", Language::De),
            (None, "es-MX", Language::Es),
            (None, "fr_FR.UTF-8", Language::En),
            (None, "C", Language::En),
            (None, "", Language::En),
            (Some(Language::Es), "de_DE", Language::Es),
            (Some(Language::En), "de_DE", Language::En),
        ];
        for (chosen, system, want) in cases {
            let c = LanguageChoice {
                chosen,
                system: system.into(),
            };
            assert_eq!(c.language(), want, "{chosen:?} {system}");
        }
    }

    #[test]
    fn the_pick_survives_a_restart_and_a_bad_file_means_follow_the_system() {
        let dir = std::env::temp_dir().join(format!("ringside-lang-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = file_beside(&dir.join("ringside.db"));
        assert_eq!(read_choice(&path), None);
        write_choice(&path, Some(Language::De)).unwrap();
        assert_eq!(read_choice(&path), Some(Language::De));
        write_choice(&path, None).unwrap();
        assert_eq!(read_choice(&path), None);
        write_choice(&path, None).unwrap(); // already gone: fine
        std::fs::write(&path, "klingon").unwrap();
        assert_eq!(read_choice(&path), None);
        std::fs::write(&path, "es".repeat(1000)).unwrap();
        assert_eq!(read_choice(&path), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
