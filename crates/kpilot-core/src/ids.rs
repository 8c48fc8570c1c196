//! Identifiers of the plan's items. Each kind of item has its own type, so that
//! a goal id cannot be passed where an action id is expected; all share one
//! spelling rule, checked once in `parse`.

use std::fmt;

use thiserror::Error;

/// Why a text is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error("id `{0}` is longer than 64 characters")]
    TooLong(String),
    #[error(
        "id `{id}` contains `{character}`: use letters, digits, `_`, `-` or `.` (for example `{suggestion}`)"
    )]
    BadCharacter {
        id: String,
        character: char,
        suggestion: String,
    },
}

/// Checks the spelling shared by every id: 1 to 64 ASCII letters, digits,
/// `_`, `-` or `.`. Ids end up in URLs, file names and calendar UIDs, so they
/// stay plain ASCII.
pub fn validate(text: &str) -> Result<(), IdError> {
    if text.is_empty() {
        return Err(IdError::Empty);
    }
    if text.len() > 64 {
        return Err(IdError::TooLong(text.to_owned()));
    }
    if let Some(character) = text.chars().find(|c| !is_id_char(*c)) {
        return Err(IdError::BadCharacter {
            id: text.to_owned(),
            character,
            suggestion: suggest(text),
        });
    }
    Ok(())
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// A close valid id: accents dropped, other characters replaced by `_`.
fn suggest(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let plain = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c if is_id_char(c) => c,
            _ => '_',
        };
        out.push(plain);
    }
    out.chars().take(64).collect()
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub fn parse(text: &str) -> Result<$name, IdError> {
                validate(text)?;
                Ok($name(text.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(text: &str) -> Result<$name, IdError> {
                $name::parse(text)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A plan, unique in a workspace.
    PlanId
);
id_type!(
    /// A goal ("but") of a plan.
    GoalId
);
id_type!(
    /// A SMART objective.
    ObjectiveId
);
id_type!(
    /// A KPI or measure: built in (`conversion_rate`) or the plan's own.
    KpiId
);
id_type!(
    /// A target segment (`students`, or the plan's own).
    SegmentId
);
id_type!(
    /// A channel or lever (`email`, `search`, or the plan's own).
    ChannelId
);
id_type!(
    /// A strategy.
    StrategyId
);
id_type!(
    /// A tactic: one strategy on one channel.
    TacticId
);
id_type!(
    /// An action of the action plan.
    ActionId
);
id_type!(
    /// An experiment (A/B test) of an action.
    ExperimentId
);
id_type!(
    /// A variant of an experiment (`A`, `B`, `control`).
    VariantId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids() {
        for id in [
            "cloud-kicks-2026-h1",
            "conv",
            "A",
            "q2.audit",
            "new_customers",
        ] {
            assert_eq!(GoalId::parse(id).unwrap().as_str(), id);
        }
    }

    #[test]
    fn rejects_bad_ids_with_a_suggestion() {
        assert_eq!(GoalId::parse(""), Err(IdError::Empty));
        let error = GoalId::parse("fidélité client").unwrap_err();
        assert_eq!(
            error.to_string(),
            "id `fidélité client` contains `é`: use letters, digits, `_`, `-` or `.` (for example `fidelite_client`)"
        );
        assert!(matches!(
            GoalId::parse(&"x".repeat(65)),
            Err(IdError::TooLong(_))
        ));
    }
}
