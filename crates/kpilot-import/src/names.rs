//! Channel and segment values as users and tools write them (`E-mail`,
//! `Newsletter`, `Réseaux sociaux`, `Magasin`), turned into the ids the
//! plan knows (`email`, `social`, `store`); and, for a value that is
//! neither built in nor the plan's, the closest known one, so that the
//! import's summary can say `Boutique: 31 rows, not a channel of the plan;
//! did you mean store (Magasin)?` instead of letting its rows silently miss
//! the objectives.

use std::cell::RefCell;

use kpilot_core::plan::{BUILTIN_CHANNELS, BUILTIN_SEGMENTS};
use rustc_hash::FxHashMap;

use crate::header::normalize;

/// Spellings of the built-in channels beyond their ids and names, read as
/// the channel (normalised).
const CHANNEL_ALIASES: &[(&str, &[&str])] = &[
    (
        "email",
        &[
            "e mail",
            "mail",
            "emailing",
            "e mailing",
            "newsletter",
            "newsletters",
            "courriel",
            "courriels",
            "email marketing",
            "marketing par e mail",
        ],
    ),
    ("sms", &["texto", "textos", "sms marketing", "mms"]),
    (
        "search",
        &[
            "sea",
            "seo",
            "moteur de recherche",
            "recherche",
            "referencement",
            "referencement naturel",
            "referencement payant",
            "organic search",
            "paid search",
        ],
    ),
    (
        "social",
        &[
            "reseaux sociaux",
            "reseau social",
            "social media",
            "medias sociaux",
            "organic social",
            "paid social",
            "facebook",
            "instagram",
            "meta",
            "meta ads",
            "linkedin",
            "tiktok",
            "pinterest",
            "twitter",
        ],
    ),
    (
        "display",
        &[
            "banniere",
            "bannieres",
            "banners",
            "programmatique",
            "affichage",
        ],
    ),
    (
        "website",
        &[
            "site",
            "site web",
            "site internet",
            "web",
            "direct",
            "referral",
            "e commerce",
            "ecommerce",
            "boutique en ligne",
            "online store",
            "online",
            "en ligne",
        ],
    ),
    (
        "store",
        &[
            "magasins",
            "point de vente",
            "points de vente",
            "pos",
            "point of sale",
            "boutique physique",
            "retail",
            "in store",
        ],
    ),
    (
        "events",
        &[
            "evenement",
            "evenements",
            "event",
            "salon",
            "salons",
            "webinar",
            "webinaire",
        ],
    ),
];

/// Words that hint at a built-in channel without naming it surely: never
/// read as the channel, only suggested.
const CHANNEL_HINTS: &[(&str, &str)] = &[
    ("boutique", "store"),
    ("shop", "store"),
    ("magazine", "display"),
    ("presse", "display"),
    ("google", "search"),
    ("adwords", "search"),
    ("sociaux", "social"),
];

/// Spellings of the built-in segments beyond their ids and names.
const SEGMENT_ALIASES: &[(&str, &[&str])] = &[
    ("families", &["famille", "family"]),
    (
        "working_people",
        &["actif", "working", "professionnels", "salaries"],
    ),
    ("seniors", &["senior", "retraites"]),
    ("students", &["etudiant", "student", "etudiants"]),
];

/// Which kind of value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Channel,
    Segment,
}

/// A known channel or segment: its id and its names (French, English, or
/// the plan's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub id: String,
    pub name: String,
}

/// The channels (or segments) an import knows: the built-in ones and the
/// plans', by every spelling.
#[derive(Debug)]
pub struct Names {
    kind: Kind,
    /// (spelling normalised, index in `known`).
    spellings: Vec<(String, usize)>,
    known: Vec<Known>,
    /// Values already looked up: a file repeats a few values many times.
    seen: RefCell<FxHashMap<String, Option<usize>>>,
}

/// How many distinct values [`Names`] remembers (a column of free text
/// must not grow it without end).
const MEMORY: usize = 4096;

impl Names {
    /// The built-in channels and `plan` ones: (id, name).
    pub fn channels(plan: &[(String, String)]) -> Names {
        Names::new(Kind::Channel, &BUILTIN_CHANNELS, CHANNEL_ALIASES, plan)
    }

    /// The built-in segments and `plan` ones: (id, name).
    pub fn segments(plan: &[(String, String)]) -> Names {
        Names::new(Kind::Segment, &BUILTIN_SEGMENTS, SEGMENT_ALIASES, plan)
    }

    fn new(
        kind: Kind,
        builtins: &[(&str, &str, &str)],
        aliases: &[(&str, &[&str])],
        plan: &[(String, String)],
    ) -> Names {
        let mut names = Names {
            kind,
            spellings: Vec::new(),
            known: Vec::new(),
            seen: RefCell::default(),
        };
        for (id, french, english) in builtins {
            let index = names.push(id, french);
            for spelling in [*id, *french, *english] {
                names.spell(spelling, index);
            }
            let extra = aliases
                .iter()
                .filter(|(alias_id, _)| alias_id == id)
                .flat_map(|(_, spellings)| spellings.iter());
            for spelling in extra {
                names.spell(spelling, index);
            }
        }
        for (id, name) in plan {
            let index = match names.known.iter().position(|known| known.id == *id) {
                Some(index) => index,
                None => names.push(id, name),
            };
            // The plan's own names win over an alias of a built-in one.
            for spelling in [id.as_str(), name.as_str()] {
                let normal = normalize(spelling);
                names.spellings.retain(|(known, _)| *known != normal);
                names.spellings.push((normal, index));
            }
        }
        names
    }

    fn push(&mut self, id: &str, name: &str) -> usize {
        self.known.push(Known {
            id: id.to_owned(),
            name: name.to_owned(),
        });
        self.known.len() - 1
    }

    fn spell(&mut self, spelling: &str, index: usize) {
        let normal = normalize(spelling);
        if !self.spellings.iter().any(|(known, _)| *known == normal) {
            self.spellings.push((normal, index));
        }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The id `text` names, `None` when it names no known one.
    pub fn id_of(&self, text: &str) -> Option<&str> {
        // Most files write ids already: no allocation for them.
        if let Some(known) = self.known.iter().find(|known| known.id == text) {
            return Some(&known.id);
        }
        if let Some(found) = self.seen.borrow().get(text) {
            return found.map(|index| self.known[index].id.as_str());
        }
        let normal = normalize(text);
        let found = self
            .spellings
            .iter()
            .find(|(spelling, _)| *spelling == normal)
            .map(|(_, index)| *index);
        let mut seen = self.seen.borrow_mut();
        if seen.len() < MEMORY {
            seen.insert(text.to_owned(), found);
        }
        found.map(|index| self.known[index].id.as_str())
    }

    /// The known one closest to a value that names none: a hint word in
    /// it (`Boutique` → store), else the spelling nearest by edit distance
    /// when it is near enough to be a typo or a variant.
    pub fn closest(&self, text: &str) -> Option<&Known> {
        let normal = normalize(text);
        if self.kind == Kind::Channel
            && let Some((_, id)) = CHANNEL_HINTS
                .iter()
                .find(|(hint, _)| normal.split(' ').any(|word| word == *hint))
        {
            return self.known.iter().find(|known| known.id == *id);
        }
        let (distance, index) = self
            .spellings
            .iter()
            .map(|(spelling, index)| (strsim::damerau_levenshtein(&normal, spelling), *index))
            .min()?;
        // A typo or two in a long word, one in a short one.
        let length = normal.chars().count();
        (distance * 4 <= length + 4).then(|| &self.known[index])
    }

    /// Every known one, built in first.
    pub fn known(&self) -> &[Known] {
        &self.known
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_as_people_write_them() {
        let plan = [("boutique-paris".to_owned(), "Boutique Paris".to_owned())];
        let channels = Names::channels(&plan);
        for (text, id) in [
            ("email", Some("email")),
            ("E-mail", Some("email")),
            ("Newsletter", Some("email")),
            ("Réseaux sociaux", Some("social")),
            ("Magasin", Some("store")),
            ("Point de vente", Some("store")),
            ("Site web", Some("website")),
            ("Boutique Paris", Some("boutique-paris")),
            ("Boutique", None),
            ("Unassigned", None),
        ] {
            assert_eq!(channels.id_of(text), id, "{text}");
        }
        let closest = |text| channels.closest(text).map(|known| known.id.as_str());
        assert_eq!(closest("Boutique"), Some("store"));
        assert_eq!(closest("Emial"), Some("email"));
        assert_eq!(closest("Reseaux socaux"), Some("social"));
        assert_eq!(closest("Unassigned"), None);
        let segments = Names::segments(&[]);
        assert_eq!(segments.id_of("Étudiants"), Some("students"));
        assert_eq!(segments.id_of("famille"), Some("families"));
    }
}
