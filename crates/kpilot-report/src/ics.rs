//! The action plan as an iCalendar file (RFC 5545), for the command line
//! (`kpilot schedule --format ics`) and the web app's download: one all-day
//! event per one-off and continuous action and per occurrence of a
//! recurring one.

use jiff::civil::Date;
use kpilot_core::calendar::WorkDays;
use kpilot_core::kpi::Lang;
use kpilot_core::plan::{ActionKind, Plan};
use kpilot_core::progress::State;
use kpilot_core::schedule::{Schedule, occurrences};

use crate::document::date_text;

/// An event's days and state: the real ones once known.
struct Event {
    number: u32,
    start: Date,
    end: Date,
    state: State,
}

/// The days an action took or takes: its real start and end once known
/// (an expected end while it runs), else the planned ones, which for an
/// action without dates of its own are those the rétroplanning derives.
fn events(plan: &Plan, schedule: &Schedule, work: &WorkDays) -> Vec<(usize, Vec<Event>)> {
    plan.actions
        .iter()
        .enumerate()
        .filter_map(|(index, action)| {
            let line = schedule.of(&action.id)?;
            let events = if action.kind == ActionKind::Recurring {
                line.occurrences
                    .iter()
                    .map(|o| {
                        let (start, end) = match o.state {
                            // A one-day occurrence happens on the day it
                            // was done; a longer one ends that day.
                            State::Done { on } if o.start == o.end => (on, on),
                            State::Done { on } => (o.start.min(on), on),
                            State::Started { on } => (on, o.end.max(on)),
                            _ => (o.start, o.end),
                        };
                        Event {
                            number: o.number,
                            start,
                            end,
                            state: o.state.clone(),
                        }
                    })
                    .collect()
            } else {
                let planned = line.planned.or_else(|| {
                    let times = occurrences(action, plan, work);
                    Some((times.first()?.start, times.last()?.end))
                });
                match planned {
                    Some((start, end)) => {
                        let start = line.actual_start.unwrap_or(start);
                        let end = line.actual_end.or(line.expected_end).unwrap_or(end);
                        vec![Event {
                            number: 1,
                            start,
                            end: end.max(start),
                            state: line.state.clone(),
                        }]
                    }
                    None => Vec::new(),
                }
            };
            Some((index, events))
        })
        .collect()
}

/// The plan's actions as an iCalendar file (RFC 5545): an all-day event per
/// one-off and continuous action and per occurrence of a recurring one, on
/// its real days once started or done (`schedule`, at the day the file is
/// written), the owner as organiser; a done action's summary starts with
/// ✓, a cancelled one is `STATUS:CANCELLED`, words in `lang`. UIDs are
/// stable (action and occurrence number) and the sequence is the plan's
/// revision, so that importing a newer export updates the events instead
/// of adding copies.
pub fn write(
    plan: &Plan,
    schedule: &Schedule,
    revision: i64,
    now: jiff::Timestamp,
    lang: Lang,
) -> String {
    let work = WorkDays::new(&plan.calendar);
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut out = Ics::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//kpilot//kpilot//FR");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", text(&plan.name)));
    for (index, times) in events(plan, schedule, &work) {
        let action = &plan.actions[index];
        let count = times.len();
        let channel = plan
            .tactic(&action.tactic)
            .map(|tactic| tactic.channel.to_string());
        for occurrence in times {
            out.line("BEGIN:VEVENT");
            out.line(&format!(
                "UID:{}-{}@{}.kpilot",
                action.id, occurrence.number, plan.id
            ));
            out.line(&format!("DTSTAMP:{stamp}"));
            out.line(&format!("SEQUENCE:{revision}"));
            out.line(&format!(
                "DTSTART;VALUE=DATE:{}",
                ics_date(occurrence.start)
            ));
            let after = occurrence.end.tomorrow().unwrap_or(occurrence.end);
            out.line(&format!("DTEND;VALUE=DATE:{}", ics_date(after)));
            let mut summary = if action.kind == ActionKind::Recurring {
                format!("{} ({}/{count})", action.title, occurrence.number)
            } else {
                action.title.clone()
            };
            if matches!(occurrence.state, State::Done { .. }) {
                summary = format!("✓ {summary}");
            }
            out.line(&format!("SUMMARY:{}", text(&summary)));
            let mut description = format!("{} · {}", plan.name, action.id);
            let said = match (&occurrence.state, lang) {
                (State::Todo, _) => None,
                (State::Started { on }, Lang::Fr) => {
                    Some(format!("commencée le {}", date_text(*on, lang)))
                }
                (State::Started { on }, Lang::En) => Some(format!("started on {on}")),
                (State::Done { on }, Lang::Fr) => {
                    Some(format!("faite le {}", date_text(*on, lang)))
                }
                (State::Done { on }, Lang::En) => Some(format!("done on {on}")),
                (State::Cancelled { reason, .. }, Lang::Fr) => Some(format!("annulée : {reason}")),
                (State::Cancelled { reason, .. }, Lang::En) => Some(format!("cancelled: {reason}")),
            };
            if let Some(said) = said {
                description.push_str(&format!("\n{said}"));
            }
            if let Some(owner) = &action.owner {
                description.push_str(&format!("\n{}", owner.name));
                for contact in [&owner.email, &owner.phone].into_iter().flatten() {
                    description.push_str(&format!(" · {contact}"));
                }
            }
            if !action.depends_on.is_empty() {
                let after: Vec<&str> = action.depends_on.iter().map(|d| d.as_str()).collect();
                description.push_str(&format!("\n← {}", after.join(", ")));
            }
            out.line(&format!("DESCRIPTION:{}", text(&description)));
            if let Some(channel) = &channel {
                out.line(&format!("CATEGORIES:{}", text(channel)));
            }
            if let Some(owner) = &action.owner
                && let Some(email) = &owner.email
            {
                let name: String = owner
                    .name
                    .chars()
                    .filter(|c| *c != '"' && !c.is_control())
                    .collect();
                out.line(&format!("ORGANIZER;CN=\"{name}\":mailto:{email}"));
            }
            if matches!(occurrence.state, State::Cancelled { .. }) {
                out.line("STATUS:CANCELLED");
            }
            out.line("TRANSP:TRANSPARENT");
            out.line("END:VEVENT");
        }
    }
    out.line("END:VCALENDAR");
    out.text
}

fn ics_date(day: Date) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month(), day.day())
}

/// A TEXT value escaped (RFC 5545, 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines ending in CRLF, folded at 75 octets (RFC 5545, 3.1)
/// without cutting a character.
#[derive(Default)]
struct Ics {
    text: String,
}

impl Ics {
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let size = c.len_utf8();
            if width + size > 75 {
                self.text.push_str("\r\n ");
                width = 1;
            }
            self.text.push(c);
            width += size;
        }
        self.text.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use kpilot_core::plan_file;

    use super::*;

    const EXAMPLE: &str = include_str!("../../../examples/cloud-kicks.toml");

    #[test]
    fn lines_are_escaped_folded_and_end_in_crlf() {
        let plan = plan_file::parse(EXAMPLE).unwrap().plan;
        let now: jiff::Timestamp = "2026-04-30T08:15:00Z".parse().unwrap();
        let at = jiff::civil::date(2026, 4, 30);
        let scheduled = kpilot_core::schedule::schedule(&plan, at, &Default::default());
        let text = write(&plan, &scheduled, 3, now, Lang::Fr);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
            assert!(!line.contains('\n'), "{line:?}");
        }
        assert!(text.contains("\r\nDTSTAMP:20260430T081500Z\r\n"));
        assert!(text.contains("\r\nSEQUENCE:3\r\n"));
        assert!(text.contains("\r\nUID:heatmap-paiement-1@cloud-kicks-2026-h1.kpilot\r\n"));
        // A recurring action's occurrences are numbered out of their count.
        assert!(text.contains("(1/2)") && text.contains("(2/2)"), "{text}");
        // A comma in a text is escaped, a newline in a description too.
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:Nouveau test A/B chaque mois : fiche produit\\, panier")
        );
        assert!(unfolded.contains("\\nLéo Martin · leo.martin@cloudkicks.example"));
        let events = text.matches("BEGIN:VEVENT").count();
        let work = WorkDays::new(&plan.calendar);
        let occurrences: usize = plan
            .actions
            .iter()
            .map(|action| occurrences(action, &plan, &work).len())
            .sum();
        assert_eq!(events, occurrences);
    }
}
