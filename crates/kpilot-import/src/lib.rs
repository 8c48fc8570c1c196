//! kpilot's readers for results exports (analytics, ad platforms, emailing
//! tools, shop back-ends, people's own spreadsheets, often French ones).
//!
//! So far, the pieces every reader needs to take a spreadsheet export as it
//! really is: the text encoding ([`text`]), the delimiter ([`sniff`]),
//! numbers with a decimal comma and grouped thousands ([`number`]) and days
//! in the usual spellings ([`day`]). Each is pure: bytes or text in, a value
//! or an error saying what is wrong out.

pub mod day;
pub mod number;
pub mod sniff;
pub mod text;
