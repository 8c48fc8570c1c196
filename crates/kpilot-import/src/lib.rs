//! kpilot's readers for results exports (analytics, ad platforms, emailing
//! tools, shop back-ends, people's own spreadsheets, often French ones).
//!
//! So far, the pieces every reader needs to take a spreadsheet export as it
//! really is: the text encoding ([`text`]), the delimiter ([`sniff`]),
//! numbers with a decimal comma and grouped thousands ([`number`]), days
//! in the usual spellings ([`day`]) and column headers in French or English
//! ([`header`]). Each is pure: bytes or text in, a value
//! or an error saying what is wrong out.

pub mod day;
pub mod header;
pub mod number;
pub mod reader;
pub mod record;
pub mod sniff;
pub mod text;
