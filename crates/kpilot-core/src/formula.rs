//! KPI formulas: `transactions / sessions`, `(revenue - cost) / cost`,
//! `customers / days`. Numbers, measure names, `days` (the days in the
//! window), `+ - * /` (also `×`, `÷`, `−`), unary minus and parentheses,
//! parsed into an [`Expr`] tree. Errors point at the column.
//!
//! A formula is evaluated on the window's summed components, never on
//! per-day values: conversion rate = Σtransactions / Σsessions. A zero
//! denominator gives no value.

use std::fmt;
use std::str::FromStr;

/// Deeper nesting is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

/// A parsed formula, with the text it was written as.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    source: String,
    expr: Expr,
}

/// The formula's tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Measure(String),
    /// The number of days in the window.
    Days,
    Neg(Box<Expr>),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    fn symbol(self) -> char {
        match self {
            BinOp::Add => '+',
            BinOp::Sub => '-',
            BinOp::Mul => '*',
            BinOp::Div => '/',
        }
    }

    fn binding_power(self) -> u8 {
        match self {
            BinOp::Add | BinOp::Sub => 1,
            BinOp::Mul | BinOp::Div => 2,
        }
    }
}

/// Why a formula cannot be read, and where (1-based column, in characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct FormulaError {
    pub column: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Op(BinOp),
    Open,
    Close,
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Number(n) => write!(f, "{n}"),
            Token::Name(name) => f.write_str(name),
            Token::Op(op) => write!(f, "{}", op.symbol()),
            Token::Open => f.write_str("("),
            Token::Close => f.write_str(")"),
        }
    }
}

/// Splits the text into tokens, each with its 1-based column.
fn tokenize(source: &str) -> Result<Vec<(Token, usize)>, FormulaError> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while let Some(&c) = chars.get(index) {
        let column = index + 1;
        let single = match c {
            '+' => Some(Token::Op(BinOp::Add)),
            '-' | '−' => Some(Token::Op(BinOp::Sub)),
            '*' | '×' => Some(Token::Op(BinOp::Mul)),
            '/' | '÷' => Some(Token::Op(BinOp::Div)),
            '(' => Some(Token::Open),
            ')' => Some(Token::Close),
            _ => None,
        };
        if let Some(token) = single {
            tokens.push((token, column));
            index += 1;
        } else if c.is_whitespace() {
            index += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = index;
            while chars
                .get(index)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.')
            {
                index += 1;
            }
            // An exponent: `1e3`, `2.5E-2`.
            if chars.get(index).is_some_and(|c| matches!(c, 'e' | 'E')) {
                let mut end = index + 1;
                if chars.get(end).is_some_and(|c| matches!(c, '+' | '-')) {
                    end += 1;
                }
                if chars.get(end).is_some_and(char::is_ascii_digit) {
                    index = end;
                    while chars.get(index).is_some_and(char::is_ascii_digit) {
                        index += 1;
                    }
                }
            }
            let text: String = chars[start..index].iter().collect();
            let value = text
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| FormulaError {
                    column,
                    message: format!("`{text}` is not a number"),
                })?;
            tokens.push((Token::Number(value), column));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = index;
            while chars
                .get(index)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
            {
                index += 1;
            }
            tokens.push((Token::Name(chars[start..index].iter().collect()), column));
        } else {
            return Err(FormulaError {
                column,
                message: format!("unexpected character `{c}`"),
            });
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    position: usize,
    /// The column just past the text, for errors at its end.
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&(Token, usize)> {
        self.tokens.get(self.position)
    }

    fn error(column: usize, message: impl Into<String>) -> FormulaError {
        FormulaError {
            column,
            message: message.into(),
        }
    }

    /// An expression whose binary operators bind at least as tight as
    /// `min_power` (precedence climbing, left associative).
    fn expression(&mut self, min_power: u8, depth: usize) -> Result<Expr, FormulaError> {
        let mut lhs = self.operand(depth)?;
        while let Some((token, column)) = self.peek().cloned() {
            match token {
                Token::Op(op) if op.binding_power() >= min_power => {
                    self.position += 1;
                    let rhs = self.expression(op.binding_power() + 1, depth + 1)?;
                    lhs = Expr::Binary {
                        op,
                        lhs: Box::new(lhs),
                        rhs: Box::new(rhs),
                    };
                }
                Token::Op(_) | Token::Close => break,
                Token::Number(_) | Token::Name(_) | Token::Open => {
                    let before = self.tokens[self.position - 1].0.to_string();
                    return Err(Parser::error(
                        column,
                        format!("expected an operator between `{before}` and `{token}`"),
                    ));
                }
            }
        }
        Ok(lhs)
    }

    fn operand(&mut self, depth: usize) -> Result<Expr, FormulaError> {
        let Some((token, column)) = self.peek().cloned() else {
            return Err(Parser::error(
                self.end,
                "expected a measure name, a number or `(` at the end",
            ));
        };
        if depth > MAX_DEPTH {
            return Err(Parser::error(column, "the formula is nested too deeply"));
        }
        self.position += 1;
        match token {
            Token::Number(value) => Ok(Expr::Number(value)),
            Token::Name(name) if name == "days" => Ok(Expr::Days),
            Token::Name(name) => Ok(Expr::Measure(name)),
            Token::Op(BinOp::Sub) => Ok(Expr::Neg(Box::new(self.operand(depth + 1)?))),
            Token::Open => {
                let inner = self.expression(0, depth + 1)?;
                match self.peek() {
                    Some((Token::Close, _)) => {
                        self.position += 1;
                        Ok(inner)
                    }
                    _ => Err(Parser::error(
                        column,
                        format!("unclosed `(` opened at column {column}"),
                    )),
                }
            }
            Token::Close => Err(Parser::error(column, "unexpected `)`")),
            Token::Op(op) => Err(Parser::error(
                column,
                format!(
                    "expected a measure name, a number or `(` before `{}`",
                    op.symbol()
                ),
            )),
        }
    }
}

impl Formula {
    pub fn parse(source: &str) -> Result<Formula, FormulaError> {
        let trimmed = source.trim();
        let leading = source.chars().count() - source.trim_start().chars().count();
        let shift = |mut error: FormulaError| {
            error.column += leading;
            error
        };
        let tokens = tokenize(trimmed).map_err(shift)?;
        if tokens.is_empty() {
            return Err(FormulaError {
                column: 1,
                message: "empty formula".to_owned(),
            });
        }
        let mut parser = Parser {
            tokens,
            position: 0,
            end: trimmed.chars().count() + 1,
        };
        let expr = parser.expression(0, 0).map_err(shift)?;
        if let Some((token, column)) = parser.peek() {
            let message = match token {
                Token::Close => "unexpected `)`".to_owned(),
                other => format!("unexpected `{other}`"),
            };
            return Err(shift(FormulaError {
                column: *column,
                message,
            }));
        }
        Ok(Formula {
            source: trimmed.to_owned(),
            expr,
        })
    }

    /// The formula as written (trimmed).
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The measures the formula uses, in order of first appearance.
    pub fn measures(&self) -> Vec<&str> {
        let mut names = Vec::new();
        collect(&self.expr, &mut names);
        names
    }

    pub fn uses_days(&self) -> bool {
        fn walk(expr: &Expr) -> bool {
            match expr {
                Expr::Days => true,
                Expr::Number(_) | Expr::Measure(_) => false,
                Expr::Neg(inner) => walk(inner),
                Expr::Binary { lhs, rhs, .. } => walk(lhs) || walk(rhs),
            }
        }
        walk(&self.expr)
    }

    /// Evaluates on a window's summed components. `value_of` gives each
    /// measure's sum; a measure without a value, a zero denominator or a
    /// non-finite intermediate result gives no value.
    pub fn evaluate(&self, value_of: impl Fn(&str) -> Option<f64>, days: f64) -> Option<f64> {
        evaluate(&self.expr, &value_of, days)
    }
}

fn collect<'a>(expr: &'a Expr, names: &mut Vec<&'a str>) {
    match expr {
        Expr::Measure(name) => {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        Expr::Number(_) | Expr::Days => {}
        Expr::Neg(inner) => collect(inner, names),
        Expr::Binary { lhs, rhs, .. } => {
            collect(lhs, names);
            collect(rhs, names);
        }
    }
}

fn evaluate(expr: &Expr, value_of: &dyn Fn(&str) -> Option<f64>, days: f64) -> Option<f64> {
    let value = match expr {
        Expr::Number(value) => *value,
        Expr::Days => days,
        Expr::Measure(name) => value_of(name)?,
        Expr::Neg(inner) => -evaluate(inner, value_of, days)?,
        Expr::Binary { op, lhs, rhs } => {
            let lhs = evaluate(lhs, value_of, days)?;
            let rhs = evaluate(rhs, value_of, days)?;
            match op {
                BinOp::Add => lhs + rhs,
                BinOp::Sub => lhs - rhs,
                BinOp::Mul => lhs * rhs,
                BinOp::Div if rhs == 0.0 => return None,
                BinOp::Div => lhs / rhs,
            }
        }
    };
    value.is_finite().then_some(value)
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl FromStr for Formula {
    type Err = FormulaError;
    fn from_str(source: &str) -> Result<Formula, FormulaError> {
        Formula::parse(source)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    /// The tree in prefix form, or the error with its column.
    fn check(input: &str, expect: Expect) {
        fn prefix(expr: &Expr) -> String {
            match expr {
                Expr::Number(n) => format!("{n}"),
                Expr::Measure(name) => name.clone(),
                Expr::Days => "days".to_owned(),
                Expr::Neg(inner) => format!("(neg {})", prefix(inner)),
                Expr::Binary { op, lhs, rhs } => {
                    format!("({} {} {})", op.symbol(), prefix(lhs), prefix(rhs))
                }
            }
        }
        let actual = match Formula::parse(input) {
            Ok(formula) => prefix(formula.expr()),
            Err(error) => format!("error: {error}"),
        };
        expect.assert_eq(&actual);
    }

    #[test]
    fn precedence_and_associativity() {
        check(
            "transactions / sessions",
            expect!["(/ transactions sessions)"],
        );
        check(
            "(revenue - cost) / cost",
            expect!["(/ (- revenue cost) cost)"],
        );
        check("a + b * c", expect!["(+ a (* b c))"]);
        check("a - b - c", expect!["(- (- a b) c)"]);
        check("a / b / c", expect!["(/ (/ a b) c)"]);
        check("-a * -(b + 2)", expect!["(* (neg a) (neg (+ b 2)))"]);
        check("customers / days", expect!["(/ customers days)"]);
        check(
            "cost ÷ conversions × 1e3 − 0.5",
            expect!["(- (* (/ cost conversions) 1000) 0.5)"],
        );
    }

    #[test]
    fn errors_point_at_the_column() {
        check("", expect!["error: column 1: empty formula"]);
        check("   ", expect!["error: column 1: empty formula"]);
        check(
            "cost /",
            expect!["error: column 7: expected a measure name, a number or `(` at the end"],
        );
        check(
            "(revenue - cost / cost",
            expect!["error: column 1: unclosed `(` opened at column 1"],
        );
        check("revenue)", expect!["error: column 8: unexpected `)`"]);
        check(
            "cost sessions",
            expect!["error: column 6: expected an operator between `cost` and `sessions`"],
        );
        check(
            "cost / $sessions",
            expect!["error: column 8: unexpected character `$`"],
        );
        check(
            "  cost * / 2",
            expect!["error: column 10: expected a measure name, a number or `(` before `/`"],
        );
        check(
            "1.2.3 * cost",
            expect!["error: column 1: `1.2.3` is not a number"],
        );
        check(
            &"(".repeat(100),
            expect!["error: column 66: the formula is nested too deeply"],
        );
    }

    #[test]
    fn evaluates_on_sums_with_no_value_for_zero_denominators() {
        let sums = |name: &str| match name {
            "transactions" => Some(42.0),
            "sessions" => Some(2000.0),
            "revenue" => Some(5000.0),
            "cost" => Some(0.0),
            _ => None,
        };
        let eval = |text: &str| Formula::parse(text).unwrap().evaluate(sums, 31.0);
        assert_eq!(eval("transactions / sessions"), Some(0.021));
        assert_eq!(eval("transactions / days"), Some(42.0 / 31.0));
        assert_eq!(eval("(revenue - cost) / cost"), None);
        assert_eq!(eval("revenue / unknown"), None);
        assert_eq!(eval("-(revenue - 1000)"), Some(-4000.0));
        let formula = Formula::parse("(revenue - cost) / cost + revenue").unwrap();
        assert_eq!(formula.measures(), vec!["revenue", "cost"]);
        assert!(!formula.uses_days());
        assert_eq!(formula.to_string(), "(revenue - cost) / cost + revenue");
    }

    fn expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (0u32..10_000).prop_map(|n| Expr::Number(f64::from(n))),
            "[a-z_][a-z0-9_]{0,8}"
                .prop_filter("`days` is the window length", |n| n != "days")
                .prop_map(Expr::Measure),
            Just(Expr::Days),
        ];
        leaf.prop_recursive(4, 32, 2, |inner| {
            prop_oneof![
                inner.clone().prop_map(|e| Expr::Neg(Box::new(e))),
                (
                    prop_oneof![
                        Just(BinOp::Add),
                        Just(BinOp::Sub),
                        Just(BinOp::Mul),
                        Just(BinOp::Div)
                    ],
                    inner.clone(),
                    inner
                )
                    .prop_map(|(op, lhs, rhs)| Expr::Binary {
                        op,
                        lhs: Box::new(lhs),
                        rhs: Box::new(rhs)
                    }),
            ]
        })
    }

    fn parenthesised(expr: &Expr) -> String {
        match expr {
            Expr::Number(n) => format!("{n}"),
            Expr::Measure(name) => name.clone(),
            Expr::Days => "days".to_owned(),
            Expr::Neg(inner) => format!("-({})", parenthesised(inner)),
            Expr::Binary { op, lhs, rhs } => format!(
                "({}) {} ({})",
                parenthesised(lhs),
                op.symbol(),
                parenthesised(rhs)
            ),
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in any::<String>()) {
            let _ = Formula::parse(&text);
        }

        #[test]
        fn parse_never_panics_on_formula_like_text(text in "[a-z()+*/ 0-9.−×e-]{0,60}") {
            let _ = Formula::parse(&text);
        }

        #[test]
        fn printed_trees_parse_back(tree in expr()) {
            let text = parenthesised(&tree);
            let formula = Formula::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
            prop_assert_eq!(formula.expr(), &tree);
        }
    }
}
