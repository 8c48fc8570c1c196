//! kpilot's readers for results exports (analytics, ad platforms, emailing
//! tools, shop back-ends, people's own spreadsheets, often French ones).
//!
//! First, the pieces every reader needs to take a spreadsheet export as it
//! really is: the text encoding ([`text`]), the delimiter and header row
//! ([`sniff`]), numbers with a decimal comma and grouped thousands
//! ([`number`]), days in the usual spellings and orders ([`day`]), column
//! headers in French or English ([`header`]), channel and segment values as
//! people write them ([`names`]). Each is pure: bytes or text in, a value
//! or an error saying what is wrong out.
//!
//! On them: [`reader`] reads results files into observations, [`preset`]
//! tools' own exports (a shop's orders kept as orders), and [`experiment`]
//! A/B tests' daily results per variant; [`report`] is what a reading
//! found besides its figures. Every sentence is a [`kpilot_text::Message`],
//! rendered by the front end in the run's language.

pub mod background;
pub mod day;
pub mod error;
pub mod experiment;
pub mod header;
pub mod names;
pub mod number;
pub mod preset;
pub mod reader;
pub mod record;
pub mod report;
pub mod sniff;
pub mod text;

/// The tool export formats `--format` takes, by name.
pub fn preset_names() -> Vec<&'static str> {
    preset::all().iter().map(|preset| preset.name).collect()
}

/// The export format of that name.
pub fn find_preset(name: &str) -> Option<&'static preset::Preset> {
    preset::find(name)
}
