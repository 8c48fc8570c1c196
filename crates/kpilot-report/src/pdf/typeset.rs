//! Typst as a library: its `World` (the markup, the charts as in-memory
//! files, the fonts of `typst-assets`) and the compilation to PDF.
//!
//! - fonts: only the ones embedded in `typst-assets` (feature `fonts`),
//!   parsed once per process; no system font scan;
//! - files: the main markup plus in-memory virtual files (SVG, images, data);
//!   no file system, no network, no packages;
//! - `today` is `None` (so `datetime.today()` is a compile error and the PDF
//!   carries no creation date: output is deterministic).

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// Standard library, built once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Embedded fonts and their book, parsed once.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    let book = FontBook::from_fonts(&fonts);
    (LazyHash::new(book), fonts)
});

fn file_id(path: &str) -> Result<FileId, String> {
    let vpath = VirtualPath::new(path).map_err(|e| format!("invalid path {path:?}: {e}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// A world held in memory: no file system, no network, no packages.
struct Memory {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

impl World for Memory {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        // Extra `.typ` files (e.g. `#include "part.typ"`).
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Compiles `markup` (as `/main.typ`) to PDF. `files` are the other files
/// the markup reads by path, e.g. `#image("chart-1.svg")`.
pub fn pdf(markup: &str, files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    let main_id = file_id("main.typ")?;
    let mut map = HashMap::with_capacity(files.len());
    for (path, data) in files {
        map.insert(file_id(path)?, Bytes::new(data.clone()));
    }
    let world = Memory {
        main: Source::new(main_id, markup.to_owned()),
        files: map,
    };

    let warned = typst::compile::<PagedDocument>(&world);
    let result = match warned.output {
        Ok(doc) => typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default())
            .map_err(|diags| format_diagnostics(&world, &diags)),
        Err(diags) => Err(format_diagnostics(&world, &diags)),
    };
    // Long-running process: bound comemo's memoisation cache (entries unused
    // for 10 compilations are dropped).
    typst::comemo::evict(10);
    result
}

/// "error: message (main.typ:12:5)\n  hint: ..." for each diagnostic.
fn format_diagnostics(world: &Memory, diags: &[SourceDiagnostic]) -> String {
    let mut out = String::new();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("error: ");
        out.push_str(&d.message);
        if let Some(loc) = location(world, d) {
            out.push_str(&format!(" ({loc})"));
        }
        for hint in &d.hints {
            out.push_str("\n  hint: ");
            out.push_str(&hint.v);
        }
    }
    if out.is_empty() {
        out.push_str("typst: unknown error");
    }
    out
}

fn location(world: &Memory, d: &SourceDiagnostic) -> Option<String> {
    let id = d.span.id()?;
    let path = id.vpath().get_without_slash();
    let range = world.range(d.span)?;
    let source = world.source(id).ok()?;
    match source.lines().byte_to_line_column(range.start) {
        Some((line, col)) => Some(format!("{path}:{}:{}", line + 1, col + 1)),
        None => Some(path.to_owned()),
    }
}
