//! The interface's texts in French and English, from the Fluent files in
//! `locales/` (compiled into the binary), and the choice of language: the
//! `?lang=` of a link, else the remembered choice (a cookie), else the
//! first of the browser's languages that kpilot speaks, else French.

use std::sync::LazyLock;

use axum::http::{HeaderMap, header};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use kpilot_core::kpi::Lang;

use crate::cookies;

/// The cookie that remembers the language chosen with the switch.
pub const LANG_COOKIE: &str = "kpilot_lang";

/// One Fluent file per page (or group of pages) and language:
/// `(name, French, English)`.
macro_rules! locale_files {
    ($($name:literal),* $(,)?) => {
        [$((
            $name,
            include_str!(concat!("../locales/fr/", $name, ".ftl")),
            include_str!(concat!("../locales/en/", $name, ".ftl")),
        )),*]
    };
}

const FILES: &[(&str, &str, &str)] = &locale_files![
    "common",
    "catalogue",
    "import",
    "editor",
    "dashboard",
    "actions",
    "week",
    "explorer",
    "budget",
    "experiments",
    "review",
    "objective"
];

static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| [bundle("fr", |file| file.1), bundle("en", |file| file.2)]);

fn bundle(
    tag: &str,
    source: fn(&(&str, &'static str, &'static str)) -> &'static str,
) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().expect("a language tag")]);
    // Isolation marks would end up inside attributes and test strings; the
    // arguments are numbers and names in the page's own script.
    bundle.set_use_isolating(false);
    for file in FILES {
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

/// The texts of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The language's code, for `lang` attributes and links.
    pub fn code(self) -> &'static str {
        match self.lang {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The message `key`. A missing key shows as itself, so that a gap is
    /// visible on the page (and the tests below keep the files complete).
    pub fn t(self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with its arguments.
    pub fn t_with(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = &BUNDLES[self.lang as usize];
        let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// The language of a request: `query` (a `?lang=` link) wins, then the
/// cookie, then `Accept-Language`, then French.
pub fn language(query: Option<&str>, headers: &HeaderMap) -> Lang {
    if let Some(lang) = query.and_then(Lang::parse) {
        return lang;
    }
    if let Some(lang) = cookies::get(headers, LANG_COOKIE).and_then(|value| Lang::parse(&value)) {
        return lang;
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    accepted
        .split(',')
        .filter_map(|tag| tag.split(';').next())
        .filter_map(|tag| tag.trim().split('-').next())
        .find_map(|primary| Lang::parse(&primary.to_ascii_lowercase()))
        .unwrap_or(Lang::Fr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let mut french = Vec::new();
        let mut english = Vec::new();
        for (name, fr, en) in FILES {
            let (fr, en) = (keys(fr), keys(en));
            let missing_in_english: Vec<_> = fr.iter().filter(|k| !en.contains(k)).collect();
            let missing_in_french: Vec<_> = en.iter().filter(|k| !fr.contains(k)).collect();
            assert!(
                missing_in_english.is_empty() && missing_in_french.is_empty(),
                "{name}: missing in en: {missing_in_english:?}; missing in fr: {missing_in_french:?}"
            );
            french.extend(fr);
            english.extend(en);
        }
        assert!(french.len() > 40, "{} messages", french.len());
        // Both parse, and every message formats without a Fluent error.
        for (lang, all) in [(Lang::Fr, &french), (Lang::En, &english)] {
            let bundle = &BUNDLES[lang as usize];
            for key in all.iter() {
                let message = bundle.get_message(key).expect(key);
                let pattern = message.value().expect(key);
                let mut errors = Vec::new();
                let mut args = FluentArgs::new();
                for name in [
                    "count",
                    "name",
                    "value",
                    "target",
                    "day",
                    "rows",
                    "file",
                    "batch",
                    "line",
                    "column",
                    "header",
                    "first",
                    "second",
                    "what",
                    "inserted",
                    "replaced",
                    "unchanged",
                    "removed",
                    "restored",
                    "detail",
                    "by",
                    "at",
                    "days",
                    "start",
                    "end",
                    "from",
                    "to",
                    "low",
                    "high",
                    "chance",
                    "progress",
                    "expected",
                    "total",
                    "id",
                    "variant",
                    "control",
                    "numerator",
                    "needed",
                    "fewest",
                    "still",
                    "confidence",
                    "comment",
                    "every",
                    "until",
                ] {
                    args.set(name, FluentValue::from(1));
                }
                bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{lang:?} {key}: {errors:?}");
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let count = |lang, n: i64| Tr::new(lang).t_with("alerts-count", &[("count", n.into())]);
        assert_eq!(count(Lang::Fr, 0), "0 alerte");
        assert_eq!(count(Lang::Fr, 1), "1 alerte");
        assert_eq!(count(Lang::Fr, 2), "2 alertes");
        assert_eq!(count(Lang::En, 1), "1 alert");
        assert_eq!(count(Lang::En, 0), "0 alerts");
    }

    #[test]
    fn the_language_comes_from_the_link_then_the_cookie_then_the_browser() {
        let mut headers = HeaderMap::new();
        assert_eq!(language(None, &headers), Lang::Fr);
        headers.insert(
            header::ACCEPT_LANGUAGE,
            "de-DE, en-GB;q=0.8".parse().unwrap(),
        );
        assert_eq!(language(None, &headers), Lang::En);
        headers.insert(header::COOKIE, "a=b; kpilot_lang=fr".parse().unwrap());
        assert_eq!(language(None, &headers), Lang::Fr);
        assert_eq!(language(Some("en"), &headers), Lang::En);
        assert_eq!(language(Some("xx"), &headers), Lang::Fr);
    }
}
