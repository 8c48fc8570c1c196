//! Numbers as people read them: French (`1 234,56 €`, `12,5 %`) or English
//! (`€1,234.56`, `12.5%`), by unit. Percent values are fractions (0.125 is
//! 12.5 %). A missing value is an em dash, never 0.

use rust_decimal::Decimal;

use crate::kpi::{Lang, Unit};

/// A KPI value in its unit, for `lang`. `currency` is an ISO code.
pub fn value(value: Option<f64>, unit: Unit, currency: &str, lang: Lang) -> String {
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return "—".to_owned();
    };
    match unit {
        Unit::Count => number(value, if value.fract() == 0.0 { 0 } else { 1 }, lang),
        Unit::Percent => {
            let text = number(value * 100.0, 1, lang);
            match lang {
                Lang::Fr => format!("{text}\u{202f}%"),
                Lang::En => format!("{text}%"),
            }
        }
        Unit::Currency => {
            let text = number(value, 2, lang);
            let symbol = match currency {
                "EUR" => "€",
                "USD" => "$",
                "GBP" => "£",
                other => other,
            };
            match lang {
                Lang::Fr => format!("{text}\u{a0}{symbol}"),
                Lang::En if symbol.len() > 1 && symbol.is_ascii() => {
                    format!("{symbol}\u{a0}{text}")
                }
                Lang::En => format!("{symbol}{text}"),
            }
        }
        Unit::Ratio | Unit::Score => number(value, 2, lang),
        Unit::Duration => match lang {
            Lang::Fr => format!("{}\u{a0}s", number(value, 0, lang)),
            Lang::En => format!("{}s", number(value, 0, lang)),
        },
    }
}

/// A number with `decimals` decimals and grouped thousands: a narrow
/// no-break space and a decimal comma in French, commas and a point in
/// English.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let (group, point) = match lang {
        Lang::Fr => ('\u{202f}', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// An exact decimal, every digit kept, with grouped thousands: `1 234,56`
/// in French, `1,234.56` in English.
pub fn decimal(value: Decimal, lang: Lang) -> String {
    let text = value.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (integer, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let (group, mark) = match lang {
        Lang::Fr => ('\u{202f}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{mark}{fraction}")
    }
}

/// A day as a reader writes it: `30/04/2026` in French, `2026-04-30` in
/// English.
pub fn date(day: jiff::civil::Date, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{:02}/{:02}/{}", day.day(), day.month(), day.year()),
        Lang::En => day.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_language_and_unit() {
        let fr = |v, unit| value(Some(v), unit, "EUR", Lang::Fr);
        let en = |v, unit| value(Some(v), unit, "EUR", Lang::En);
        assert_eq!(fr(1234.56, Unit::Currency), "1\u{202f}234,56\u{a0}€");
        assert_eq!(en(1234.56, Unit::Currency), "€1,234.56");
        assert_eq!(fr(0.125, Unit::Percent), "12,5\u{202f}%");
        assert_eq!(en(0.125, Unit::Percent), "12.5%");
        assert_eq!(fr(1234567.0, Unit::Count), "1\u{202f}234\u{202f}567");
        assert_eq!(en(-1500.0, Unit::Count), "-1,500");
        assert_eq!(value(None, Unit::Percent, "EUR", Lang::Fr), "—");
        assert_eq!(value(Some(f64::NAN), Unit::Ratio, "EUR", Lang::En), "—");
        assert_eq!(en(-0.0001, Unit::Ratio), "0.00");
    }
}
