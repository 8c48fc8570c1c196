//! Matching an export's column headers to what kpilot knows: the day, the
//! channel, the segment, the action, or a measure of the catalogue. Headers
//! are compared without case, accents or punctuation, against French and
//! English aliases (`Chiffre d'affaires`, `CA`, `Revenue`, `Sales` are all
//! `revenue`); a user's `--map 'Header=measure'` adds or overrides one, and
//! `Header=-` skips a column.

use std::collections::{HashMap, HashSet};

use kpilot_core::kpi::{Aggregation, Definition};
use kpilot_text::Message;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Day,
    Channel,
    Segment,
    Action,
    /// Long files: the column naming each row's measure.
    MeasureName,
    /// Long files: the column holding each row's value.
    Value,
    /// A measure id: built in, or the plan's own.
    Measure(String),
    /// A column the user said to ignore.
    Skip,
}

/// Built-in aliases: (column, spellings), compared after [`normalize`].
const ALIASES: &[(&str, &[&str])] = &[
    (
        "@day",
        &[
            "date",
            "jour",
            "day",
            "journee",
            "date de commande",
            "order date",
            "created at",
            "date created",
        ],
    ),
    (
        "@channel",
        &[
            "canal",
            "channel",
            "source",
            "medium",
            "source medium",
            "levier",
            "lever",
        ],
    ),
    ("@segment", &["segment", "cible", "target", "audience"]),
    (
        "@action",
        &["action", "action id", "campagne kpilot", "kpilot action"],
    ),
    (
        "@measure",
        &[
            "measure",
            "mesure",
            "indicateur",
            "metric",
            "metrique",
            "kpi",
        ],
    ),
    ("@value", &["value", "valeur", "val"]),
    ("sessions", &["sessions", "visites", "visits"]),
    (
        "transactions",
        &[
            "transactions",
            "commandes",
            "orders",
            "ventes",
            "nombre de commandes",
            "purchases",
            "achats",
        ],
    ),
    (
        "revenue",
        &[
            "chiffre d affaires",
            "ca",
            "revenue",
            "sales",
            "revenu",
            "total revenue",
            "purchase revenue",
            "revenus",
            "montant des ventes",
            "ca ttc",
            "ca ht",
            "chiffre d affaires ttc",
            "chiffre d affaires ht",
            "total sales",
            "ventes totales",
        ],
    ),
    (
        "cost",
        &[
            "cout",
            "couts",
            "depenses",
            "cost",
            "spend",
            "amount spent",
            "montant depense",
            "budget depense",
            "amount spent {currency}",
            "montant depense {currency}",
            "cost {currency}",
            "cout {currency}",
            "depenses {currency}",
        ],
    ),
    ("impressions", &["impressions", "impr", "affichages"]),
    ("reach", &["portee", "reach", "couverture"]),
    ("clicks", &["clics", "clicks", "clic", "click"]),
    (
        "conversions",
        &["conversions", "conversion", "results", "resultats"],
    ),
    (
        "customers",
        &[
            "clients",
            "customers",
            "frequentation",
            "visiteurs magasin",
            "entrees",
        ],
    ),
    (
        "new_customers",
        &["nouveaux clients", "new customers", "first time customers"],
    ),
    (
        "contacts",
        &["contacts", "abonnes", "subscribers", "audience size"],
    ),
    (
        "new_contacts",
        &[
            "nouveaux contacts",
            "new contacts",
            "new subscribers",
            "nouveaux abonnes",
        ],
    ),
    (
        "email_optins",
        &[
            "opt in email",
            "opt in e mail",
            "optin email",
            "optins email",
            "opt ins email",
            "email optins",
            "email opt ins",
            "e mail opt in",
            "abonnes email",
            "abonnes e mail",
        ],
    ),
    (
        "sms_optins",
        &[
            "opt in sms",
            "optins sms",
            "opt ins sms",
            "optin sms",
            "sms optins",
            "sms opt ins",
            "abonnes sms",
        ],
    ),
    (
        "participants",
        &["participants", "participations", "presents", "attendees"],
    ),
    (
        "invited",
        &["invites", "invited", "invitations", "invitees"],
    ),
    (
        "engagements",
        &[
            "engagements",
            "interactions",
            "engagement",
            "post engagements",
        ],
    ),
    (
        "responses",
        &[
            "reponses",
            "responses",
            "nombre de reponses",
            "survey responses",
        ],
    ),
    (
        "search_position",
        &[
            "position",
            "position moyenne",
            "average position",
            "search position",
        ],
    ),
    (
        "satisfaction_score",
        &[
            "satisfaction",
            "note de satisfaction",
            "satisfaction score",
            "note moyenne",
            "csat",
        ],
    ),
    (
        "time_on_site",
        &[
            "temps passe",
            "temps passe sur le site",
            "time on site",
            "average engagement time",
            "duree moyenne",
            "duree moyenne des sessions",
        ],
    ),
];

/// A header as compared: lower case, accents removed, punctuation and runs
/// of spaces turned into one space.
pub fn normalize(header: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in header.trim().trim_start_matches('\u{feff}').chars() {
        let plain = match c.to_lowercase().next().unwrap_or(c) {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'œ' => {
                out.push('o');
                'e'
            }
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if plain == ' ' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(plain);
        }
    }
    out
}

/// Words that say a column is a ratio or an average (`CTR`, `Cost per
/// click`, `Taux d'ouverture`, `Panier moyen`), compared on the normalised
/// header's words.
const RATIO_WORDS: &[&str] = &[
    "per",
    "rate",
    "rates",
    "taux",
    "avg",
    "average",
    "moyen",
    "moyenne",
    "moyens",
    "moyennes",
    "cpc",
    "cpm",
    "ctr",
    "cpa",
    "cpv",
    "roas",
    "roi",
    "ratio",
    "pourcentage",
    "percent",
    "percentage",
];

/// What follows a French `par` that means "by", not "per": `Revenus générés
/// par les achats` is revenue, `Coût par clic` a ratio.
const PAR_BY: &[&str] = &[
    "le", "la", "les", "l", "des", "du", "un", "une", "son", "sa", "ses",
];

/// Whether a header says its column is a ratio or an average: a `/` or a
/// `%` in it, one of the words above, or `par` before a noun. Such a
/// column never becomes an additive measure: kpilot computes ratios from
/// their components.
pub fn is_ratio_header(header: &str) -> bool {
    if header.contains('/') || header.contains('%') {
        return true;
    }
    let normal = normalize(header);
    let words: Vec<&str> = normal.split(' ').collect();
    words.iter().enumerate().any(|(index, word)| {
        RATIO_WORDS.contains(word)
            || (*word == "par"
                && words
                    .get(index + 1)
                    .is_some_and(|next| !PAR_BY.contains(next)))
    })
}

/// A spelling with what may vary in it: `amount spent {currency}` matches
/// `Amount spent (EUR)` and `Amount spent (USD)`, and gives the currency.
/// Spellings without a placeholder match exactly.
pub fn match_spelling(spelling: &str, normal: &str) -> Option<Option<String>> {
    match spelling.strip_suffix("{currency}") {
        None => (spelling == normal).then_some(None),
        Some(prefix) => {
            let code = normal.strip_prefix(prefix)?;
            (code.len() == 3 && code.bytes().all(|b| b.is_ascii_lowercase()))
                .then(|| Some(code.to_ascii_uppercase()))
        }
    }
}

/// How a header was matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    /// What the column holds, and the currency its header names, if any.
    Column(Column, Option<String>),
    /// The header says it is a ratio or an average and would have become
    /// an additive measure: the column is left out.
    Ratio,
    /// No alias, measure id or `--map` entry names it.
    Unknown,
}

/// A `--map` entry that names a ratio's column as an additive measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatioMapped {
    pub header: String,
    pub measure: String,
}

/// The header mapping in force for one import: built-in aliases, the plan's
/// own measures by id, and the user's `--map` entries, which win.
#[derive(Debug, Clone)]
pub struct Mapping {
    known: HashMap<String, Column>,
    /// Aliases whose spelling has a placeholder (`amount spent {currency}`).
    patterns: Vec<(&'static str, Column)>,
    /// The `--map` entries: (header normalised, as written, target).
    user: Vec<(String, String, Column)>,
    /// The measures that are summed (a ratio's column never becomes one).
    additive: HashSet<String>,
}

/// A `--map` entry that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message().render(kpilot_text::Lang::En))]
pub struct MapError(pub String);

impl MapError {
    pub fn message(&self) -> Message {
        Message::new("import-map-syntax").with("entry", self.0.as_str())
    }
}

impl Mapping {
    /// The built-in aliases, plus every measure id of the catalogue and of
    /// `extra_measures` under its own name. The extra measures are taken as
    /// summed, unless [`Mapping::not_summed`] says otherwise.
    pub fn new<'a>(extra_measures: impl IntoIterator<Item = &'a str>) -> Mapping {
        let mut known = HashMap::new();
        let mut additive = HashSet::new();
        for kpi in kpilot_core::catalogue::builtin() {
            if let Definition::Measure(aggregation) = &kpi.definition {
                known.insert(normalize(&kpi.id), Column::Measure(kpi.id.clone()));
                if *aggregation == Aggregation::Sum {
                    additive.insert(kpi.id.clone());
                }
            }
        }
        for id in extra_measures {
            known.insert(normalize(id), Column::Measure(id.to_owned()));
            additive.insert(id.to_owned());
        }
        let mut patterns = Vec::new();
        for (target, spellings) in ALIASES {
            let column = match *target {
                "@day" => Column::Day,
                "@channel" => Column::Channel,
                "@segment" => Column::Segment,
                "@action" => Column::Action,
                "@measure" => Column::MeasureName,
                "@value" => Column::Value,
                measure => Column::Measure(measure.to_owned()),
            };
            for spelling in *spellings {
                if spelling.contains('{') {
                    patterns.push((*spelling, column.clone()));
                } else {
                    known.insert(normalize(spelling), column.clone());
                }
            }
        }
        Mapping {
            known,
            patterns,
            user: Vec::new(),
            additive,
        }
    }

    /// Marks plan measures that are not summed (a mean, a last value).
    pub fn not_summed<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> Mapping {
        for id in ids {
            self.additive.remove(id);
        }
        self
    }

    /// Whether a measure is summed over a window.
    pub fn is_additive(&self, measure: &str) -> bool {
        self.additive.contains(measure)
    }

    /// Adds a `--map 'Header=measure'` (or `Header=-`) entry.
    pub fn add(&mut self, entry: &str) -> Result<(), MapError> {
        let (header, target) = entry
            .rsplit_once('=')
            .ok_or_else(|| MapError(entry.to_owned()))?;
        let (written, target) = (header.trim(), target.trim());
        let header = normalize(written);
        if header.is_empty() || target.is_empty() {
            return Err(MapError(entry.to_owned()));
        }
        let column = match target {
            "-" => Column::Skip,
            "date" | "day" => Column::Day,
            "channel" => Column::Channel,
            "segment" => Column::Segment,
            "action" => Column::Action,
            measure => Column::Measure(measure.to_owned()),
        };
        self.user.retain(|(known, _, _)| *known != header);
        self.user.push((header, written.to_owned(), column));
        Ok(())
    }

    /// The `--map` entries: (header as written, target), in the order given.
    pub fn user_entries(&self) -> impl Iterator<Item = (&str, &Column)> {
        self.user
            .iter()
            .map(|(_, written, column)| (written.as_str(), column))
    }

    /// The `--map` entry for a header, if the user gave one.
    pub fn user_column(&self, header: &str) -> Option<&Column> {
        let normal = normalize(header);
        self.user
            .iter()
            .find(|(known, _, _)| *known == normal)
            .map(|(_, _, column)| column)
    }

    /// What a header holds, if kpilot knows it: the user's entry, else an
    /// alias or a measure id, matched exactly after [`normalize`].
    pub fn column(&self, header: &str) -> Option<&Column> {
        if let Some(column) = self.user_column(header) {
            return Some(column);
        }
        let normal = normalize(header);
        self.known.get(&normal).or_else(|| {
            self.patterns
                .iter()
                .find(|(spelling, _)| match_spelling(spelling, &normal).is_some())
                .map(|(_, column)| column)
        })
    }

    /// What a header holds, with the ratio rule applied: a column whose
    /// header says it is a ratio or an average never becomes an additive
    /// measure through an alias (`--map` naming one is refused by
    /// [`Mapping::check_user_entries`]).
    pub fn resolve(&self, header: &str) -> Matched {
        if let Some(column) = self.user_column(header) {
            return Matched::Column(column.clone(), None);
        }
        let normal = normalize(header);
        let (column, currency) =
            match self.known.get(&normal) {
                Some(column) => (column.clone(), None),
                None => match self.patterns.iter().find_map(|(spelling, column)| {
                    Some((column, match_spelling(spelling, &normal)?))
                }) {
                    Some((column, currency)) => (column.clone(), currency),
                    None if is_ratio_header(header) => return Matched::Ratio,
                    None => return Matched::Unknown,
                },
            };
        match &column {
            Column::Measure(id) if self.is_additive(id) && is_ratio_header(header) => {
                Matched::Ratio
            }
            _ => Matched::Column(column, currency),
        }
    }

    /// The first `--map` entry that would make a ratio's column an
    /// additive measure.
    pub fn check_user_entries(&self) -> Result<(), RatioMapped> {
        for (_, written, column) in &self.user {
            if let Column::Measure(id) = column
                && self.is_additive(id)
                && is_ratio_header(written)
            {
                return Err(RatioMapped {
                    header: written.clone(),
                    measure: id.clone(),
                });
            }
        }
        Ok(())
    }

    /// Every measure name a header may use, sorted: for an error that lists
    /// the known names.
    pub fn known_measures(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .known
            .values()
            .chain(self.user.iter().map(|(_, _, column)| column))
            .filter_map(|column| match column {
                Column::Measure(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_accents_and_punctuation() {
        assert_eq!(normalize("Chiffre d'affaires"), "chiffre d affaires");
        assert_eq!(normalize("  Coût (€) "), "cout");
        assert_eq!(normalize("DÉPENSES"), "depenses");
        assert_eq!(normalize("Amount spent (EUR)"), "amount spent eur");
        assert_eq!(normalize("\u{feff}Date"), "date");
        assert_eq!(normalize("Source / Medium"), "source medium");
    }

    #[test]
    fn matches_french_and_english_headers() {
        let mapping = Mapping::new(["audit_completion"]);
        let measure = |id: &str| Some(Column::Measure(id.to_owned()));
        for (header, expected) in [
            ("Date", Some(Column::Day)),
            ("Jour", Some(Column::Day)),
            ("Canal", Some(Column::Channel)),
            ("Source", Some(Column::Channel)),
            ("Cible", Some(Column::Segment)),
            ("Visites", measure("sessions")),
            ("Commandes", measure("transactions")),
            ("Chiffre d’affaires", measure("revenue")),
            ("CA", measure("revenue")),
            ("Sales", measure("revenue")),
            ("Coût", measure("cost")),
            ("Dépenses", measure("cost")),
            ("Amount spent", measure("cost")),
            ("Clics", measure("clicks")),
            ("new_customers", measure("new_customers")),
            ("audit_completion", measure("audit_completion")),
            ("Likes", None),
        ] {
            assert_eq!(mapping.column(header), expected.as_ref(), "{header}");
        }
    }

    #[test]
    fn user_mappings_add_override_and_skip() {
        let mut mapping = Mapping::new([]);
        mapping.add("Likes=engagements").unwrap();
        mapping.add("Source=-").unwrap();
        mapping.add("Montant TTC=revenue").unwrap();
        assert_eq!(
            mapping.column("likes"),
            Some(&Column::Measure("engagements".to_owned()))
        );
        assert_eq!(mapping.column("Source"), Some(&Column::Skip));
        assert_eq!(
            mapping.column("montant ttc"),
            Some(&Column::Measure("revenue".to_owned()))
        );
        assert_eq!(
            mapping.add("no equals sign"),
            Err(MapError("no equals sign".to_owned()))
        );
        assert!(mapping.known_measures().contains(&"sessions"));
    }
}
