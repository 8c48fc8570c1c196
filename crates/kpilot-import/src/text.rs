//! Decoding an export's bytes: UTF-8 with or without BOM, UTF-16 (Excel's
//! "Unicode text") and Windows-1252 (Excel's French "CSV (séparateur :
//! point-virgule)"), told apart without the user saying which. Lines may end
//! with LF, CRLF or a lone CR (old Mac exports): a lone CR becomes LF, so
//! that every reader splits lines alike and counts them as the file does.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The encoding a file was found to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl SourceEncoding {
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (BOM)",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
            SourceEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes `bytes`, choosing the encoding by its byte order mark, then by
/// the zero bytes UTF-16 text is full of, then by whether it is valid UTF-8;
/// anything else is read as Windows-1252, which maps every byte.
pub fn decode(bytes: &[u8]) -> (String, SourceEncoding) {
    let (text, encoding) = decode_text(bytes);
    (lone_carriage_returns(text), encoding)
}

/// Lone CRs (not followed by LF) made LF, byte for byte: the text keeps its
/// length, so positions in it keep their meaning.
fn lone_carriage_returns(text: String) -> String {
    if !text.as_bytes().contains(&b'\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for index in 0..bytes.len() {
        if bytes[index] == b'\r' && bytes.get(index + 1) != Some(&b'\n') {
            bytes[index] = b'\n';
        }
    }
    // An ASCII byte replaced by another: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

fn decode_text(bytes: &[u8]) -> (String, SourceEncoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            SourceEncoding::Utf8Bom,
        );
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = UTF_16LE.decode_without_bom_handling(rest);
        return (text.into_owned(), SourceEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = UTF_16BE.decode_without_bom_handling(rest);
        return (text.into_owned(), SourceEncoding::Utf16Be);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = match encoding {
            SourceEncoding::Utf16Le => UTF_16LE.decode_without_bom_handling(bytes),
            _ => UTF_16BE.decode_without_bom_handling(bytes),
        };
        return (text.into_owned(), encoding);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), SourceEncoding::Utf8),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), SourceEncoding::Windows1252)
        }
    }
}

/// [`decode`] for a file read whole: UTF-8 text (the common case, and the
/// large one) keeps its buffer instead of being copied.
pub fn decode_owned(mut bytes: Vec<u8>) -> (String, SourceEncoding) {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let start = if bom { 3 } else { 0 };
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || (!bom && utf16_without_bom(&bytes).is_some());
    if !utf16 && std::str::from_utf8(&bytes[start..]).is_ok() {
        bytes.drain(..start);
        let encoding = if bom {
            SourceEncoding::Utf8Bom
        } else {
            SourceEncoding::Utf8
        };
        // Checked just above.
        let text = String::from_utf8(bytes).unwrap_or_default();
        return (lone_carriage_returns(text), encoding);
    }
    decode(&bytes)
}

/// UTF-16 text of mostly ASCII characters has a zero in every other byte:
/// at odd positions for little-endian, even ones for big-endian. Text files
/// in the other encodings have none.
fn utf16_without_bom(bytes: &[u8]) -> Option<SourceEncoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 4 || sample.len() % 2 != 0 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|byte| **byte == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 7 && even == 0 {
        Some(SourceEncoding::Utf16Le)
    } else if even * 10 >= pairs * 7 && odd == 0 {
        Some(SourceEncoding::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const FRENCH: &str = "Date;Dépenses;Chiffre d'affaires\r\n31/01/2026;1 234,56;5 000\r\n";

    #[test]
    fn tells_the_encodings_apart() {
        let utf8 = FRENCH.as_bytes().to_vec();
        assert_eq!(decode(&utf8), (FRENCH.to_owned(), SourceEncoding::Utf8));

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(FRENCH.as_bytes());
        assert_eq!(decode(&bom), (FRENCH.to_owned(), SourceEncoding::Utf8Bom));

        let (cp1252, _, _) = WINDOWS_1252.encode(FRENCH);
        assert_eq!(
            cp1252.iter().filter(|b| **b == 0xE9).count(),
            1,
            "é is one byte"
        );
        assert_eq!(
            decode(&cp1252),
            (FRENCH.to_owned(), SourceEncoding::Windows1252)
        );

        let le: Vec<u8> = FRENCH.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut le_bom = b"\xFF\xFE".to_vec();
        le_bom.extend_from_slice(&le);
        assert_eq!(
            decode(&le_bom),
            (FRENCH.to_owned(), SourceEncoding::Utf16Le)
        );
        assert_eq!(decode(&le), (FRENCH.to_owned(), SourceEncoding::Utf16Le));

        let be: Vec<u8> = FRENCH.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut be_bom = b"\xFE\xFF".to_vec();
        be_bom.extend_from_slice(&be);
        assert_eq!(
            decode(&be_bom),
            (FRENCH.to_owned(), SourceEncoding::Utf16Be)
        );
        assert_eq!(decode(&be), (FRENCH.to_owned(), SourceEncoding::Utf16Be));
    }

    proptest! {
        #[test]
        fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = decode(&bytes);
        }

        #[test]
        fn owned_decoding_agrees(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            prop_assert_eq!(decode_owned(bytes.clone()), decode(&bytes));
        }

        #[test]
        fn utf8_text_reads_back(text in "\\PC{0,64}") {
            let (decoded, encoding) = decode(text.as_bytes());
            prop_assert_eq!(decoded, text);
            prop_assert_eq!(encoding, SourceEncoding::Utf8);
        }
    }
}
