//! Finding a delimited file's separator: `,`, `;` or tab. French Excel
//! writes `;` because `,` is its decimal mark; other tools write `,` or tabs.

/// The delimiters kpilot recognises, in order of preference on a tie.
pub const CANDIDATES: [u8; 3] = [b';', b'\t', b','];

/// The delimiter that splits the first lines into the same number of fields
/// (more than one), preferring the one giving the most fields. Quoted text
/// is skipped, so a `,` inside `"1,5"` does not count. When none splits
/// every line alike (a bad row with a field too many or too few), the one
/// that splits the header and most lines alike. `None` when there is no
/// such candidate (a one-column file, say).
pub fn sniff_delimiter(text: &str) -> Option<u8> {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(20)
        .collect();
    let mut best: Option<(u8, usize)> = None;
    for candidate in CANDIDATES {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| count_outside_quotes(line, candidate))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 || counts.iter().any(|count| *count != first) {
            continue;
        }
        if best.is_none_or(|(_, fields)| first > fields) {
            best = Some((candidate, first));
        }
    }
    best.map(|(delimiter, _)| delimiter)
        .or_else(|| most_consistent(&lines))
}

/// The candidate that splits the first line (the header) and more than half
/// of the lines into the same number of fields, the most lines first, then
/// the most fields: a bad row near the top must not hide the delimiter, or
/// the whole header would read as one column.
fn most_consistent(lines: &[&str]) -> Option<u8> {
    let mut best: Option<(u8, usize, usize)> = None;
    for candidate in CANDIDATES {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| count_outside_quotes(line, candidate))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        let agreeing = counts.iter().filter(|count| **count == first).count();
        if first == 0 || agreeing * 2 <= counts.len() {
            continue;
        }
        if best.is_none_or(|(_, lines, fields)| (agreeing, first) > (lines, fields)) {
            best = Some((candidate, agreeing, first));
        }
    }
    best.map(|(delimiter, _, _)| delimiter)
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == delimiter && !quoted {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_delimiter_of_real_exports() {
        let french =
            "Date;Sessions;Chiffre d'affaires\n31/01/2026;1 204;1 234,56\n01/02/2026;980;1,5\n";
        assert_eq!(sniff_delimiter(french), Some(b';'));
        let english = "date,sessions,revenue\n2026-01-31,1204,\"1,234.56\"\n";
        assert_eq!(sniff_delimiter(english), Some(b','));
        let tabs = "Jour\tVisites\n2026-01-31\t12\n";
        assert_eq!(sniff_delimiter(tabs), Some(b'\t'));
        assert_eq!(sniff_delimiter("date\n2026-01-31\n"), None);
        // A bad row with a field too few or too many does not hide the
        // delimiter; decimal commas do not make it `,`.
        let bad_rows = "Jour;Visites;CA\n31/01/2026;12;1,5\n01/02/2026;13\n02/02/2026;1;2;3\n03/02/2026;14;2,5\n04/02/2026;15;3,5\n";
        assert_eq!(sniff_delimiter(bad_rows), Some(b';'));
        let english =
            "date,sessions,revenue\n2026-01-31,12\n2026-02-01,13,1.5\n2026-02-02,14,2.5\n";
        assert_eq!(sniff_delimiter(english), Some(b','));
        // Half the lines or fewer: no telling.
        assert_eq!(sniff_delimiter("a;b\n1\n2\n3;4\n"), None);
        assert_eq!(sniff_delimiter(""), None);
    }
}
