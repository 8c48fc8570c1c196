//! The action plan as an iCalendar file (RFC 5545), for the command line
//! (`kpilot schedule --format ics`) and the web app's download: one all-day
//! event per one-off and continuous action and per occurrence of a
//! recurring one.

use jiff::civil::Date;
use kpilot_core::calendar::WorkDays;
use kpilot_core::plan::{ActionKind, Plan};
use kpilot_core::schedule::occurrences;

/// The plan's actions as an iCalendar file (RFC 5545): an all-day event per
/// one-off and continuous action and per occurrence of a recurring one, the
/// owner as organiser. UIDs are stable (action and occurrence number) and
/// the sequence is the plan's revision, so that importing a newer export
/// updates the events instead of adding copies.
pub fn write(plan: &Plan, revision: i64, now: jiff::Timestamp) -> String {
    let work = WorkDays::new(&plan.calendar);
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut out = Ics::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//kpilot//kpilot//FR");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", text(&plan.name)));
    for action in &plan.actions {
        let times = occurrences(action, plan, &work);
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
            let summary = if action.kind == ActionKind::Recurring {
                format!("{} ({}/{count})", action.title, occurrence.number)
            } else {
                action.title.clone()
            };
            out.line(&format!("SUMMARY:{}", text(&summary)));
            let mut description = format!("{} · {}", plan.name, action.id);
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
        let text = write(&plan, 3, now);
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
