//! kpilot's readers for results exports (analytics, ad platforms, emailing
//! tools, shop back-ends, people's own spreadsheets, often French ones).
//!
//! First, the pieces every reader needs to take a spreadsheet export as it
//! really is: the text encoding ([`text`]), the delimiter ([`sniff`]),
//! numbers with a decimal comma and grouped thousands ([`number`]), days
//! in the usual spellings ([`day`]) and column headers in French or English
//! ([`header`]). Each is pure: bytes or text in, a value
//! or an error saying what is wrong out.
//!
//! On them: [`reader`] reads results files into observations, [`preset`]
//! tools' own exports, and [`experiment`] A/B tests' daily results per
//! variant.

pub mod background;
pub mod day;
pub mod experiment;
pub mod header;
pub mod number;
pub mod preset;
pub mod reader;
pub mod record;
pub mod sniff;
pub mod text;

use reader::ExportPreset;

/// The tool export formats `--format` takes, by name.
pub fn preset_names() -> Vec<&'static str> {
    presets().iter().map(|preset| preset.name()).collect()
}

/// The export format of that name.
pub fn find_preset(name: &str) -> Option<&'static dyn ExportPreset> {
    presets()
        .iter()
        .copied()
        .find(|preset| preset.name() == name)
}

fn presets() -> &'static [&'static dyn ExportPreset] {
    static PRESETS: std::sync::OnceLock<Vec<&'static dyn ExportPreset>> =
        std::sync::OnceLock::new();
    PRESETS.get_or_init(|| {
        preset::all()
            .iter()
            .map(|preset| preset as &'static dyn ExportPreset)
            .collect()
    })
}
