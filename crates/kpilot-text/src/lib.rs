//! kpilot's words: the interface languages ([`Lang`]) and the sentences of
//! every crate, kept as Fluent messages in `locales/{fr,en}/*.ftl`.
//!
//! Domain code does not write sentences: it returns a [`Message`], an id
//! with arguments (a line number, a header, a reason that is itself a
//! message), and the front end renders it in the run's language with
//! [`Message::render`]. Plurals follow each language's rules (French counts
//! 0 and 1 as singular); numbers given as counts are grouped as each
//! language writes them (`12 345` with a narrow no-break space in French,
//! `12,345` in English). The French files use French typography: a narrow
//! no-break space before `:`, `;`, `!`, `?` and inside `« »`.
//!
//! A test checks that both languages have exactly the same messages, and
//! that every id the workspace's code names exists.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's code: `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// One Fluent file per subject and language: `(name, French, English)`.
macro_rules! catalogues {
    ($($name:literal),* $(,)?) => {
        [$((
            $name,
            include_str!(concat!("../locales/fr/", $name, ".ftl")),
            include_str!(concat!("../locales/en/", $name, ".ftl")),
        )),*]
    };
}

/// The catalogues, by subject.
pub const CATALOGUES: &[(&str, &str, &str)] = &catalogues!["import", "tracking"];

static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 2]> = LazyLock::new(|| {
    [
        bundle(Lang::Fr, |file| file.1),
        bundle(Lang::En, |file| file.2),
    ]
});

fn bundle(
    lang: Lang,
    source: fn(&(&str, &'static str, &'static str)) -> &'static str,
) -> FluentBundle<FluentResource> {
    let tag = lang.code();
    let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().expect("a language tag")]);
    // Isolation marks would end up in terminals and test strings; the
    // arguments are numbers and names in the sentence's own script.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Fr => format_french,
        Lang::En => format_english,
    }));
    for file in CATALOGUES {
        let resource =
            FluentResource::try_new(source(file).to_owned()).unwrap_or_else(|(_, errors)| {
                panic!("locales/{tag}/{}.ftl does not parse: {errors:?}", file.0)
            });
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!("locales/{tag}/{}.ftl repeats messages: {errors:?}", file.0)
        });
    }
    bundle
}

fn format_french<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    group(value, '\u{202f}')
}

fn format_english<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    group(value, ',')
}

/// A whole number with its thousands grouped; other values as Fluent
/// writes them.
fn group(value: &FluentValue<'_>, separator: char) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    if number.value.fract() != 0.0 || number.value.abs() >= 1e15 {
        return None;
    }
    let digits = format!("{}", number.value.abs() as u64);
    let mut out = String::new();
    if number.value < 0.0 {
        out.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(separator);
        }
        out.push(digit);
    }
    Some(out)
}

/// A sentence to say: a message id of the catalogues and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as given: a header, a value as the file writes it, a line
    /// number.
    Text(String),
    /// A count: chooses the plural form, and is grouped by thousands.
    Count(u64),
    /// A sentence inside the sentence (a reason), rendered first in the
    /// same language.
    Message(Box<Message>),
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<u64> for Arg {
    fn from(count: u64) -> Arg {
        Arg::Count(count)
    }
}

impl From<usize> for Arg {
    fn from(count: usize) -> Arg {
        Arg::Count(count as u64)
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(Box::new(message))
    }
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The message's id: what a program may match on.
    pub fn id(&self) -> &'static str {
        self.id
    }

    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }

    /// The argument of that name, if given.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args
            .iter()
            .find(|(arg, _)| *arg == name)
            .map(|(_, value)| value)
    }

    /// The sentence in `lang`. A message missing from the catalogues (a
    /// bug the catalogue test catches) shows its id and arguments rather
    /// than nothing.
    pub fn render(&self, lang: Lang) -> String {
        let bundle = &BUNDLES[lang as usize];
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            return self.fallback(lang);
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
                Arg::Count(count) => args.set(*name, FluentValue::from(*count)),
                Arg::Message(message) => args.set(*name, FluentValue::from(message.render(lang))),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        text.into_owned()
    }

    fn fallback(&self, lang: Lang) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|(name, value)| match value {
                Arg::Text(text) => format!("{name}={text}"),
                Arg::Count(count) => format!("{name}={count}"),
                Arg::Message(message) => format!("{name}={}", message.render(lang)),
            })
            .collect();
        format!("{} {}", self.id, args.join(" "))
    }
}

/// Every message id of a language's catalogues, in file order.
pub fn ids(lang: Lang) -> Vec<&'static str> {
    CATALOGUES
        .iter()
        .flat_map(|file| {
            let text = match lang {
                Lang::Fr => file.1,
                Lang::En => file.2,
            };
            message_ids(text)
        })
        .collect()
}

/// The ids of a Fluent file's messages: the lines that start an entry
/// (`id = …`), comments and attributes aside.
fn message_ids(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .filter(|line| {
            line.starts_with(|c: char| c.is_ascii_alphabetic()) && !line.starts_with('#')
        })
        .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages() {
        let (mut french, mut english) = (ids(Lang::Fr), ids(Lang::En));
        french.sort_unstable();
        english.sort_unstable();
        let only_french: Vec<_> = french.iter().filter(|id| !english.contains(id)).collect();
        let only_english: Vec<_> = english.iter().filter(|id| !french.contains(id)).collect();
        assert!(
            only_french.is_empty() && only_english.is_empty(),
            "only in French: {only_french:?}; only in English: {only_english:?}"
        );
        let mut unique = french.clone();
        unique.dedup();
        assert_eq!(unique, french, "a message is written twice");
        // Every file parses (the bundles panic otherwise).
        assert!(
            !Message::new("import-value-none")
                .render(Lang::Fr)
                .is_empty()
        );
    }

    #[test]
    fn every_message_the_code_names_exists() {
        // The workspace's sources, read at test time: any string literal
        // of a file that builds messages that looks like a message id of a
        // catalogue (`"import-…"`) and is in none fails here rather than on
        // a user's screen.
        let crates = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let known = ids(Lang::Fr);
        let mut missing = Vec::new();
        let mut seen = 0;
        let mut stack = vec![std::path::PathBuf::from(crates)];
        while let Some(path) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&path) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if !path.ends_with("target") {
                        stack.push(path);
                    }
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                // Only files that build messages: the web pages' own
                // Fluent files (`ui.t("import-…")`) share the prefixes.
                if !text.contains("Message::new(") || text.contains(".t(\"") {
                    continue;
                }
                for (catalogue, _, _) in CATALOGUES {
                    let opening = format!("\"{catalogue}-");
                    for piece in text.split(opening.as_str()).skip(1) {
                        let Some((rest, _)) = piece.split_once('"') else {
                            continue;
                        };
                        if !rest
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        {
                            continue;
                        }
                        let id = format!("{catalogue}-{rest}");
                        seen += 1;
                        if !known.contains(&id.as_str()) {
                            missing.push(format!("{}: {id}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no such message: {missing:#?}");
        assert!(seen > 10, "the sources were not found: {crates}");
    }

    #[test]
    fn french_follows_french_typography() {
        // A narrow no-break space before `: ; ! ?` and inside `« »`, none
        // before a comma; the typographic apostrophe between letters.
        for (name, french, _) in CATALOGUES {
            for (number, line) in french.lines().enumerate() {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                let place = format!("locales/fr/{name}.ftl:{}: {line}", number + 1);
                for mark in [" :", " ;", " !", " ?", "« ", " »", "\u{a0}:"] {
                    assert!(!line.contains(mark), "`{mark}` in {place}");
                }
                let chars: Vec<char> = line.chars().collect();
                for pair in chars.windows(3) {
                    assert!(
                        !(pair[1] == '\u{202f}' && pair[2] == ',' && pair[0] != '«'),
                        "a space before a comma in {place}"
                    );
                    assert!(
                        !(pair[0].is_alphabetic() && pair[1] == '\'' && pair[2].is_alphabetic()),
                        "a straight apostrophe in {place}"
                    );
                }
            }
        }
    }

    #[test]
    fn counts_choose_the_plural_and_are_grouped() {
        let rows = |count: u64, lang| {
            Message::new("import-skipped-rows")
                .with("count", count)
                .render(lang)
        };
        assert!(rows(1, Lang::En).contains("1 summary or total row"));
        assert!(rows(2, Lang::En).contains("2 summary or total rows"));
        assert!(rows(12345, Lang::En).contains("12,345"));
        // French: 0 and 1 are singular; thousands grouped by a narrow
        // no-break space.
        assert!(rows(0, Lang::Fr).contains("0 ligne de synthèse"));
        assert!(rows(1, Lang::Fr).contains("1 ligne de synthèse"));
        assert!(rows(12345, Lang::Fr).contains("12\u{202f}345 lignes"));
    }
}
