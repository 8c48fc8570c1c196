//! Reading numbers as spreadsheets export them: `1234.56`, `1 234,56`
//! (space, no-break or narrow no-break space between thousands),
//! `1.234,56`, `1,234.56`, `-12,5`, `(12.50)`, `12,50 €`, `12,5 %`.
//! Values are exact decimals: a sum of money read from a file is never
//! rounded by binary floating point.

use kpilot_text::Message;
use rust_decimal::Decimal;

/// Which character separates the integer part from the fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// `1,234.56`: English exports.
    Point,
    /// `1 234,56` or `1.234,56`: French and most European exports.
    Comma,
}

impl DecimalMark {
    /// The mark a file uses, judged from its values ([`DecimalMark::told`]);
    /// when no value tells, the documented rule ([`DecimalMark::assumed`]).
    pub fn detect<'a>(values: impl IntoIterator<Item = &'a str>, delimiter: u8) -> DecimalMark {
        DecimalMark::told(values).unwrap_or_else(|| DecimalMark::assumed(delimiter))
    }

    /// The mark the values show, `None` when none tells (whole numbers,
    /// `1,234`-like values only) or as many show one as the other.
    pub fn told<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<DecimalMark> {
        let mut votes = MarkVotes::default();
        for value in values {
            votes.add(value);
        }
        votes.told()
    }

    /// The documented rule when no value tells: a `;`-delimited file uses
    /// the comma, as French Excel writes it; any other the point.
    pub fn assumed(delimiter: u8) -> DecimalMark {
        if delimiter == b';' {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        }
    }
}

/// The marks values show, counted one value at a time (a column is looked
/// at without keeping its values).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkVotes {
    comma: usize,
    point: usize,
    /// Whether some value has a `,` or a `.` at all.
    separated: bool,
}

impl MarkVotes {
    pub fn add(&mut self, value: &str) {
        self.separated |= value.contains([',', '.']);
        match tell(value) {
            Some(DecimalMark::Comma) => self.comma += 1,
            Some(DecimalMark::Point) => self.point += 1,
            None => {}
        }
    }

    /// The mark most values show, `None` when none tells or as many show
    /// one as the other.
    pub fn told(&self) -> Option<DecimalMark> {
        match self.comma.cmp(&self.point) {
            std::cmp::Ordering::Greater => Some(DecimalMark::Comma),
            std::cmp::Ordering::Less => Some(DecimalMark::Point),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// Whether a value would read otherwise with the other mark (`1,234`):
    /// then a mark assumed matters, and is said.
    pub fn matters(&self) -> bool {
        self.separated
    }
}

/// The mark one value shows unambiguously, if any: the last of `.` and `,`
/// in a value that has both; a lone `,` or `.` not followed by exactly
/// three digits (`1,234` could be either).
fn tell(value: &str) -> Option<DecimalMark> {
    // Only numbers tell: a date or a name (`Jun 01, 2023`) says nothing.
    let mut body = value.trim();
    for symbol in ["EUR", "USD", "GBP"] {
        body = body.trim_start_matches(symbol).trim_end_matches(symbol);
    }
    if body.chars().any(char::is_alphabetic) {
        return None;
    }
    let last_comma = value.rfind(',');
    let last_point = value.rfind('.');
    match (last_comma, last_point) {
        (Some(c), Some(p)) => Some(if c > p {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        }),
        (Some(index), None) | (None, Some(index)) => {
            let mark = if last_comma.is_some() {
                DecimalMark::Comma
            } else {
                DecimalMark::Point
            };
            let separators = value.matches([',', '.']).count();
            let digits_after = value[index + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            // `1,234` could be either; `1,5` and `1,2345` are decimals;
            // `1.234.567` is grouping.
            if separators > 1 {
                Some(match mark {
                    DecimalMark::Comma => DecimalMark::Point,
                    DecimalMark::Point => DecimalMark::Comma,
                })
            } else if digits_after == 3 {
                None
            } else {
                Some(mark)
            }
        }
        (None, None) => None,
    }
}

/// Why a text is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message().render(kpilot_text::Lang::En))]
pub struct NumberError {
    pub text: String,
    pub reason: NumberReason,
}

/// What is wrong with a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberReason {
    Empty,
    /// `1 23,4`: thousands are grouped by three.
    Grouping,
    NoDigits,
    /// Letters or other marks where digits should be, for a file with
    /// this decimal mark.
    NotDigits(DecimalMark),
    /// `1,2,3`: the decimals must be digits.
    Decimals,
    TooManyDigits,
}

impl NumberError {
    /// The sentence, in any language.
    pub fn message(&self) -> Message {
        let id = match self.reason {
            NumberReason::Empty => "import-number-empty",
            NumberReason::Grouping => "import-number-grouping",
            NumberReason::NoDigits => "import-number-no-digits",
            NumberReason::NotDigits(DecimalMark::Comma) => "import-number-digits-comma",
            NumberReason::NotDigits(DecimalMark::Point) => "import-number-digits-point",
            NumberReason::Decimals => "import-number-decimals",
            NumberReason::TooManyDigits => "import-number-too-long",
        };
        Message::new(id).with("text", self.text.as_str())
    }
}

/// Whether a cell says "no value" where a number is expected: empty, a
/// dash (`-`, `--`, `—`, `–`), `n/a`, `nd` (non disponible) or GA4's
/// `(not set)`. Such a cell is no value, never 0.
pub fn is_no_value(text: &str) -> bool {
    let text = text.trim();
    matches!(text, "" | "-" | "--" | "—" | "–" | "(not set)")
        || text.eq_ignore_ascii_case("n/a")
        || text.eq_ignore_ascii_case("nd")
        || text.eq_ignore_ascii_case("n.d.")
}

/// Parses one value with the file's decimal mark.
pub fn parse_number(text: &str, mark: DecimalMark) -> Result<Decimal, NumberError> {
    match plain(text, mark) {
        Some(value) => Ok(value),
        None => general(text, mark),
    }
}

/// Every spelling [`parse_number`] takes.
fn general(text: &str, mark: DecimalMark) -> Result<Decimal, NumberError> {
    let error = |reason: NumberReason| NumberError {
        text: text.to_owned(),
        reason,
    };
    let mut body = text.trim();
    if body.is_empty() {
        return Err(error(NumberReason::Empty));
    }
    let mut negative = false;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        // Accounting notation for a negative amount.
        negative = true;
        body = inner.trim();
    }
    let mut percent = false;
    if let Some(rest) = body.strip_suffix('%') {
        percent = true;
        body = rest.trim_end();
    }
    for symbol in ["€", "$", "£", "EUR", "USD", "GBP"] {
        if let Some(rest) = body.strip_suffix(symbol) {
            body = rest.trim_end();
        } else if let Some(rest) = body.strip_prefix(symbol) {
            body = rest.trim_start();
        }
    }
    if let Some(rest) = body.strip_prefix('-').or_else(|| body.strip_prefix('−')) {
        negative = !negative;
        body = rest.trim_start();
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest.trim_start();
    }
    let (decimal, group) = match mark {
        DecimalMark::Point => ('.', ','),
        DecimalMark::Comma => (',', '.'),
    };
    let (integer, fraction) = match body.split_once(decimal) {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (body, None),
    };
    // Thousands are grouped by spaces of any kind or by the other mark, in
    // groups of three after the first.
    let groups: Vec<&str> = integer.split([group, ' ', '\u{a0}', '\u{202f}']).collect();
    if groups.iter().skip(1).any(|g| g.len() != 3)
        || groups
            .first()
            .is_some_and(|g| g.is_empty() && groups.len() > 1)
    {
        return Err(error(NumberReason::Grouping));
    }
    let digits: String = groups.concat();
    if digits.is_empty() && fraction.is_none_or(str::is_empty) {
        return Err(error(NumberReason::NoDigits));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(NumberReason::NotDigits(mark)));
    }
    let fraction = fraction.unwrap_or_default();
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(NumberReason::Decimals));
    }
    let plain = format!(
        "{}{}{}{}",
        if negative { "-" } else { "" },
        if digits.is_empty() { "0" } else { &digits },
        if fraction.is_empty() { "" } else { "." },
        fraction
    );
    let mut value: Decimal = plain
        .parse()
        .map_err(|_| error(NumberReason::TooManyDigits))?;
    if percent {
        value /= Decimal::ONE_HUNDRED;
    }
    Ok(value.normalize())
}

/// The common case without allocating: `-1234.5` (or `-1234,5`), digits
/// and at most one decimal mark, which is most of every file. Anything else
/// goes the long way.
fn plain(text: &str, mark: DecimalMark) -> Option<Decimal> {
    let mark = match mark {
        DecimalMark::Point => b'.',
        DecimalMark::Comma => b',',
    };
    let bytes = text.as_bytes();
    let digits = bytes.strip_prefix(b"-").unwrap_or(bytes);
    if digits.is_empty() || digits.len() > 28 || !digits[0].is_ascii_digit() {
        return None;
    }
    let mut buffer = [0u8; 30];
    let mut length = 0;
    if digits.len() < bytes.len() {
        buffer[0] = b'-';
        length = 1;
    }
    let mut seen_mark = false;
    for &byte in digits {
        buffer[length] = match byte {
            b'0'..=b'9' => byte,
            _ if byte == mark && !seen_mark => {
                seen_mark = true;
                b'.'
            }
            _ => return None,
        };
        length += 1;
    }
    if buffer[length - 1] == b'.' {
        return None;
    }
    let text = std::str::from_utf8(&buffer[..length]).ok()?;
    text.parse::<Decimal>().ok().map(|value| value.normalize())
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    fn check(input: &str, mark: DecimalMark, expect: Expect) {
        let actual = match parse_number(input, mark) {
            Ok(value) => value.to_string(),
            Err(error) => format!("error: {error}"),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn reads_french_numbers() {
        use DecimalMark::Comma;
        check("1 234,56", Comma, expect!["1234.56"]);
        check("1\u{a0}234,56", Comma, expect!["1234.56"]);
        check("1\u{202f}234\u{202f}567,5", Comma, expect!["1234567.5"]);
        check("1.234,56", Comma, expect!["1234.56"]);
        check("-12,5", Comma, expect!["-12.5"]);
        check("12,50 €", Comma, expect!["12.5"]);
        check("12,5 %", Comma, expect!["0.125"]);
        check(",5", Comma, expect!["0.5"]);
        check("0", Comma, expect!["0"]);
        check(
            "1 23,4",
            Comma,
            expect!["error: `1 23,4` is not a number: thousands must be grouped by three"],
        );
        check(
            "1,2,3",
            Comma,
            expect!["error: `1,2,3` is not a number: the decimals must be digits"],
        );
        check(
            "abc",
            Comma,
            expect![
                "error: `abc` is not a number: expected digits, a decimal comma and spaces between thousands"
            ],
        );
        check("", Comma, expect!["error: `` is not a number: empty"]);
    }

    #[test]
    fn reads_english_numbers() {
        use DecimalMark::Point;
        check("1234.56", Point, expect!["1234.56"]);
        check("1,234.56", Point, expect!["1234.56"]);
        check("(12.50)", Point, expect!["-12.5"]);
        check("$1,000", Point, expect!["1000"]);
        check("+3", Point, expect!["3"]);
        check(
            "1.5e3",
            Point,
            expect!["error: `1.5e3` is not a number: the decimals must be digits"],
        );
        check("-", Point, expect!["error: `-` is not a number: no digits"]);
    }

    #[test]
    fn detects_the_files_mark() {
        let detect =
            |values: &[&str], delimiter| DecimalMark::detect(values.iter().copied(), delimiter);
        assert_eq!(detect(&["1 234,56", "12"], b','), DecimalMark::Comma);
        assert_eq!(detect(&["1,234.56", "12"], b';'), DecimalMark::Point);
        assert_eq!(detect(&["1,5", "2,25"], b','), DecimalMark::Comma);
        assert_eq!(detect(&["1.5", "2.25"], b';'), DecimalMark::Point);
        assert_eq!(detect(&["1.234.567"], b','), DecimalMark::Comma);
        // `1,234` alone cannot tell: the delimiter decides.
        assert_eq!(detect(&["1,234", "12"], b';'), DecimalMark::Comma);
        assert_eq!(detect(&["1,234", "12"], b','), DecimalMark::Point);
    }

    proptest! {
        #[test]
        fn the_short_way_agrees_with_the_long_way(text in "-?[0-9]{0,30}([.,][0-9]{0,30})?", comma in any::<bool>()) {
            let mark = if comma { DecimalMark::Comma } else { DecimalMark::Point };
            if let Some(value) = plain(&text, mark) {
                prop_assert_eq!(Ok(value), general(&text, mark));
            }
        }

        #[test]
        fn never_panics(text in "\\PC{0,40}", comma in any::<bool>()) {
            let mark = if comma { DecimalMark::Comma } else { DecimalMark::Point };
            let _ = parse_number(&text, mark);
        }

        #[test]
        fn french_spelling_reads_back_exactly(cents in -10_000_000_000i64..10_000_000_000) {
            let value = Decimal::new(cents, 2);
            let plain = format!("{:.2}", value.abs());
            let (integer, fraction) = plain.split_once('.').unwrap();
            let mut grouped = String::new();
            for (index, digit) in integer.chars().enumerate() {
                if index > 0 && (integer.len() - index) % 3 == 0 {
                    grouped.push('\u{202f}');
                }
                grouped.push(digit);
            }
            let sign = if value.is_sign_negative() && !value.is_zero() { "-" } else { "" };
            let text = format!("{sign}{grouped},{fraction}");
            prop_assert_eq!(parse_number(&text, DecimalMark::Comma), Ok(value.normalize()));
        }
    }
}
