//! kpilot's documents for leadership: the operation review (bilan) and the
//! roadmap, built once as a [`document::Document`] and written as HTML
//! (self-contained), PDF (typeset with Typst, fonts embedded), XLSX (the
//! "tableau de suivi d'opérations", live formulas), CSV and Markdown.

pub mod chart;
pub mod csv;
pub mod document;
pub mod html;
pub mod ics;
pub mod markdown;
pub mod pdf;
pub mod review;
pub mod roadmap;
pub mod xlsx;

pub use document::Document;
