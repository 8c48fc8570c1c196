//! Where a document goes: a file written whole or not at all (a temporary
//! file beside it, renamed over it), or standard output; a binary format
//! is not poured onto a terminal.

use std::io::IsTerminal as _;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Writes `bytes` to `path`, or to standard output without one.
/// `binary`: refused on a terminal, which it would garble.
pub fn write(path: Option<&Path>, bytes: &[u8], binary: bool) -> Result<()> {
    let Some(path) = path else {
        if binary && std::io::stdout().is_terminal() {
            bail!("this format is binary: write it to a file with -o FILE, or redirect the output");
        }
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            result => result.context("cannot write to standard output"),
        };
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let mut temporary = name.to_owned();
    temporary.push(".kpilot-partial");
    let temporary = path.with_file_name(temporary);
    std::fs::write(&temporary, bytes)
        .with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, path).with_context(|| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}", path.display())
    })
}

/// The lowercase extension of `path`, if any.
pub fn extension(path: Option<&Path>) -> Option<String> {
    Some(path?.extension()?.to_str()?.to_ascii_lowercase())
}
