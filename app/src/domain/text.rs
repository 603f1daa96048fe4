//! Translatable text carried inside framework files.

use serde::{de, Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A piece of framework text in one or more languages, keyed by language tag
/// (`"en"`, `"zh"`). A plain string in a file is stored under the key `""`
/// and stands for the framework's default language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Text(BTreeMap<String, String>);

impl Text {
    /// Text in the default language only.
    pub fn plain(value: impl Into<String>) -> Self {
        Text(BTreeMap::from([(String::new(), value.into())]))
    }

    /// Text with one entry per language.
    pub fn translated<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Text(
            entries
                .into_iter()
                .map(|(lang, value)| (lang.to_owned(), value.to_owned()))
                .collect(),
        )
    }

    /// The text in `lang`, falling back string by string to `default_lang`,
    /// then to the untagged value, then to any value at all.
    pub fn get<'a>(&'a self, lang: &str, default_lang: &str) -> &'a str {
        [lang, default_lang, ""]
            .iter()
            .find_map(|key| self.0.get(*key).filter(|v| !v.trim().is_empty()))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Whether the text has a non-blank value usable for `default_lang`.
    pub fn has_default(&self, default_lang: &str) -> bool {
        [default_lang, ""]
            .iter()
            .any(|key| self.0.get(*key).is_some_and(|v| !v.trim().is_empty()))
    }

    /// The languages this text names explicitly.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str).filter(|k| !k.is_empty())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> de::Visitor<'de> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a string, or a table of strings keyed by language (en = \"…\", zh = \"…\")",
                )
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Text, E> {
                Ok(Text::plain(value))
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut entries = BTreeMap::new();
                while let Some((lang, value)) = map.next_entry::<String, String>()? {
                    entries.insert(lang, value);
                }
                Ok(Text(entries))
            }
        }

        deserializer.deserialize_any(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_per_string_to_the_default_language() {
        let text = Text::translated([("en", "Leadership"), ("zh", "领导力")]);
        assert_eq!(text.get("zh", "en"), "领导力");
        assert_eq!(text.get("fr", "en"), "Leadership");
        let only_en = Text::translated([("en", "Governance")]);
        assert_eq!(only_en.get("zh", "en"), "Governance");
        assert_eq!(Text::plain("Plain").get("zh", "en"), "Plain");
    }

    #[test]
    fn blank_translations_do_not_hide_the_default() {
        let text = Text::translated([("en", "Teaching"), ("zh", "  ")]);
        assert_eq!(text.get("zh", "en"), "Teaching");
        assert!(!Text::translated([("zh", "教学")]).has_default("en"));
    }
}
