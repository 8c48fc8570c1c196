//! A KPI query as a URL says it — `?from=&to=&grain=&channel=&segment=&by=`
//! — read the same way for the API and the KPI explorer, and answered by
//! [`kpilot_workspace::kpi`], as `kpilot kpi` is.

use jiff::civil::Date;
use kpilot_core::engine::{By, Grain, Span};
use kpilot_core::plan::Plan;
use kpilot_workspace::data::Filters;
use kpilot_workspace::kpi::{Answer, Found};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::AppError;
use crate::{AppState, blocking};

/// The query's parameters, as sent.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
pub struct KpiParams {
    /// The first day of the window, `YYYY-MM-DD` (included).
    pub from: Option<String>,
    /// The last day of the window, `YYYY-MM-DD` (included).
    pub to: Option<String>,
    /// `total` (default), `day`, `week` (ISO) or `month`.
    pub grain: Option<String>,
    /// Only this channel.
    pub channel: Option<String>,
    /// Only this segment.
    pub segment: Option<String>,
    /// Break the value down by `channel` or `segment`.
    pub by: Option<String>,
}

/// The query, read and checked.
#[derive(Debug, Clone)]
pub struct Asked {
    pub window: Span,
    pub grain: Grain,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub by: Option<By>,
}

/// What is wrong with a query: the parameter and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub parameter: &'static str,
    pub value: String,
}

fn non_empty(text: &Option<String>) -> Option<&str> {
    text.as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
}

impl KpiParams {
    /// Reads the query; a missing day is taken from `default`.
    pub fn read(&self, default: Span) -> Result<Asked, Invalid> {
        let day = |parameter: &'static str, text: &Option<String>, or: Date| match non_empty(text) {
            None => Ok(or),
            Some(text) => text.parse::<Date>().map_err(|_| Invalid {
                parameter,
                value: text.to_owned(),
            }),
        };
        let from = day("from", &self.from, default.from)?;
        let to = day("to", &self.to, default.to)?;
        if to < from {
            return Err(Invalid {
                parameter: "to",
                value: to.to_string(),
            });
        }
        let grain = match non_empty(&self.grain) {
            None | Some("total") => Grain::Total,
            Some("day") => Grain::Day,
            Some("week") => Grain::Week,
            Some("month") => Grain::Month,
            Some(other) => {
                return Err(Invalid {
                    parameter: "grain",
                    value: other.to_owned(),
                });
            }
        };
        let by = match non_empty(&self.by) {
            None => None,
            Some("channel") => Some(By::Channel),
            Some("segment") => Some(By::Segment),
            Some(other) => {
                return Err(Invalid {
                    parameter: "by",
                    value: other.to_owned(),
                });
            }
        };
        Ok(Asked {
            window: Span { from, to },
            grain,
            channel: non_empty(&self.channel).map(str::to_owned),
            segment: non_empty(&self.segment).map(str::to_owned),
            by,
        })
    }
}

/// Answers the query for KPI `kpi` (a catalogue KPI, or `plan`'s own), in
/// the plan's currency; `None` when there is no such KPI.
pub async fn answer(
    state: &AppState,
    kpi: String,
    plan: Option<Plan>,
    asked: Asked,
) -> Result<Option<(Answer, String)>, AppError> {
    let store = state.store.clone();
    blocking(move || {
        let internal = |error: kpilot_workspace::Error| AppError::Internal(error.to_string());
        let Some(Found { kpi, currency }) =
            kpilot_workspace::kpi::find(store.as_ref(), &kpi, plan.as_ref()).map_err(internal)?
        else {
            return Ok(None);
        };
        let filters = Filters {
            channel: asked.channel.as_deref(),
            segment: asked.segment.as_deref(),
            by: asked.by,
        };
        let answer =
            kpilot_workspace::kpi::query(store.as_ref(), &kpi, asked.window, asked.grain, filters)
                .map_err(internal)?;
        Ok(Some((answer, currency)))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> Result<Asked, Invalid> {
        let params: KpiParams = serde_urlencoded_from(query);
        params.read(Span {
            from: jiff::civil::date(2026, 1, 1),
            to: jiff::civil::date(2026, 1, 31),
        })
    }

    fn serde_urlencoded_from(query: &str) -> KpiParams {
        let uri: axum::http::Uri = format!("/?{query}").parse().unwrap();
        axum::extract::Query::<KpiParams>::try_from_uri(&uri)
            .unwrap()
            .0
    }

    #[test]
    fn a_query_reads_as_the_command_line_does() {
        let asked = read("").unwrap();
        assert_eq!(asked.window.from, jiff::civil::date(2026, 1, 1));
        assert_eq!(asked.grain, Grain::Total);
        let asked = read("from=2026-02-01&to=2026-02-28&grain=week&by=channel&segment=").unwrap();
        assert_eq!(asked.window.to, jiff::civil::date(2026, 2, 28));
        assert_eq!((asked.grain, asked.by), (Grain::Week, Some(By::Channel)));
        assert_eq!(asked.segment, None, "an empty field filters nothing");
    }

    #[test]
    fn a_bad_parameter_is_named() {
        let invalid = |parameter, value: &str| {
            Err(Invalid {
                parameter,
                value: value.to_owned(),
            })
        };
        assert_eq!(
            read("from=2026-02-30").map(|_| ()),
            invalid("from", "2026-02-30")
        );
        assert_eq!(
            read("from=2026-03-01&to=2026-02-01").map(|_| ()),
            invalid("to", "2026-02-01")
        );
        assert_eq!(read("grain=year").map(|_| ()), invalid("grain", "year"));
        assert_eq!(read("by=owner").map(|_| ()), invalid("by", "owner"));
    }
}
