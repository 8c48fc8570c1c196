//! Matching an export's column headers to what kpilot knows: the day, the
//! channel, the segment, the action, or a measure of the catalogue. Headers
//! are compared without case, accents or punctuation, against French and
//! English aliases (`Chiffre d'affaires`, `CA`, `Revenue`, `Sales` are all
//! `revenue`); a user's `--map 'Header=measure'` adds or overrides one, and
//! `Header=-` skips a column.

use std::collections::HashMap;

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
            "amount spent eur",
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
            "optin email",
            "email optins",
            "email opt ins",
            "abonnes email",
        ],
    ),
    (
        "sms_optins",
        &[
            "opt in sms",
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

/// The header mapping in force for one import: built-in aliases, the plan's
/// own measures by id, and the user's `--map` entries, which win.
#[derive(Debug, Clone)]
pub struct Mapping {
    known: HashMap<String, Column>,
}

/// A `--map` entry that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--map `{0}`: write `Header=measure`, or `Header=-` to skip the column")]
pub struct MapError(pub String);

impl Mapping {
    /// The built-in aliases, plus every measure id of the catalogue and of
    /// `extra_measures` under its own name.
    pub fn new<'a>(extra_measures: impl IntoIterator<Item = &'a str>) -> Mapping {
        let mut known = HashMap::new();
        let builtin_measures = kpilot_core::catalogue::builtin()
            .iter()
            .filter(|kpi| !kpi.is_formula())
            .map(|kpi| kpi.id.as_str());
        for id in builtin_measures.chain(extra_measures) {
            known.insert(normalize(id), Column::Measure(id.to_owned()));
        }
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
                known.insert(normalize(spelling), column.clone());
            }
        }
        Mapping { known }
    }

    /// Adds a `--map 'Header=measure'` (or `Header=-`) entry.
    pub fn add(&mut self, entry: &str) -> Result<(), MapError> {
        let (header, target) = entry
            .rsplit_once('=')
            .ok_or_else(|| MapError(entry.to_owned()))?;
        let (header, target) = (normalize(header), target.trim());
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
        self.known.insert(header, column);
        Ok(())
    }

    /// What a header holds, if kpilot knows it.
    pub fn column(&self, header: &str) -> Option<&Column> {
        self.known.get(&normalize(header))
    }

    /// Every measure name a header may use, sorted: for an error that lists
    /// the known names.
    pub fn known_measures(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .known
            .values()
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
