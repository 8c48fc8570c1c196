//! Finding a delimited file's separator (`,`, `;` or tab) and its header
//! row. French Excel writes `;` because `,` is its decimal mark; other tools
//! write `,` or tabs. Tools also write titles, date ranges and `#` comments
//! above the header (Google Ads' "Excel CSV": a title, a date range, then a
//! tab-separated table), so the separator is the one the header row and the
//! rows under it agree on, wherever that row is.

/// The delimiters kpilot recognises, in order of preference on a tie.
pub const CANDIDATES: [u8; 3] = [b';', b'\t', b','];

/// How far down the header row is looked for.
const HEADER_SEARCH: usize = 100;
/// How many rows under a candidate header must agree with it.
const AGREEING: usize = 20;

/// What was found of a delimited file's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: Option<u8>,
    /// The physical line (from 1) of the header row: the first line, below
    /// titles, blank lines and `#` comments, that splits into fields the
    /// way the lines under it do.
    pub header_line: u64,
}

/// The file's delimiter and header row. When no line of the first hundred
/// splits like the lines under it, the delimiter is judged on the whole
/// top of the file ([`sniff_delimiter`]) and the header is the first line
/// that is not blank.
pub fn sniff(text: &str) -> Dialect {
    let lines: Vec<(u64, &str)> = text
        .split('\n')
        .enumerate()
        .take(HEADER_SEARCH + AGREEING * 2)
        .map(|(index, line)| (index as u64 + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty() && !is_comment_line(line))
        .collect();
    for (position, (line_number, line)) in lines.iter().enumerate().take(HEADER_SEARCH) {
        let following: Vec<&str> = lines[position + 1..]
            .iter()
            .take(AGREEING)
            .map(|(_, line)| *line)
            .collect();
        let mut best: Option<(u8, usize, usize)> = None;
        for candidate in CANDIDATES {
            let fields = count_outside_quotes(line, candidate);
            if fields == 0 {
                continue;
            }
            let agrees = |line: &str| count_outside_quotes(line, candidate) == fields;
            let agreeing = following.iter().filter(|line| agrees(line)).count();
            // The row right under a header agrees with it; a title's does
            // not (it is the header).
            let next_agrees = following.first().is_none_or(|line| agrees(line));
            if !next_agrees || (!following.is_empty() && agreeing * 2 <= following.len()) {
                continue;
            }
            if best.is_none_or(|(_, lines, most)| (agreeing, fields) > (lines, most)) {
                best = Some((candidate, agreeing, fields));
            }
        }
        if let Some((delimiter, _, _)) = best {
            return Dialect {
                delimiter: Some(delimiter),
                header_line: *line_number,
            };
        }
    }
    Dialect {
        delimiter: sniff_delimiter(text),
        header_line: lines.first().map_or(1, |(line, _)| *line),
    }
}

/// A `#` comment line, as GA4 writes them above and between its tables.
fn is_comment_line(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

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
    fn the_header_row_decides_below_titles_and_comments() {
        // Google Ads' "Excel CSV": a title, a date range with commas, then
        // the table with tabs, whose figures hold commas too.
        let ads = "Campaign report\nJanuary 1, 2023 - January 31, 2023\nDay\tCampaign\tCost\tClicks\n2023-01-01\tA\t1,234.50\t3\n2023-01-02\tB, the other\t12.00\t4\n";
        assert_eq!(
            sniff(ads),
            Dialect {
                delimiter: Some(b'\t'),
                header_line: 3
            }
        );
        // GA4: `#` comments and a blank line above the header.
        let ga4 = "# ----------------------------------------\n# Traffic acquisition\n# Start date: 20230101\n# ----------------------------------------\n\nSession default channel group,Date,Sessions\nDirect,20230101,12\nEmail,20230101,3\n";
        assert_eq!(
            sniff(ga4),
            Dialect {
                delimiter: Some(b','),
                header_line: 6
            }
        );
        // A header alone, and a one-column file.
        assert_eq!(sniff("date;sessions\n").delimiter, Some(b';'));
        assert_eq!(
            sniff("\n\ndate\n2026-01-31\n"),
            Dialect {
                delimiter: None,
                header_line: 3
            }
        );
    }

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
