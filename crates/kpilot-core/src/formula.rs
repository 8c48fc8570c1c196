//! KPI formulas: `transactions / sessions`, `(revenue - cost) / cost`,
//! `customers / days`, `cost / conversions * 1000`.
//!
//! The language is small on purpose: numbers (`1000`, `0.5`, `1e3`), measure
//! names (`[A-Za-z_][A-Za-z0-9_]*`), `days` (the number of days in the
//! window), `+ - * /` with the usual precedence and left associativity (the
//! typographic `×`, `÷` and `−` are read as `*`, `/` and `-`), unary minus and
//! parentheses. [`Formula::parse`] turns the text into an [`Expr`] tree, or
//! into a [`FormulaError`] that points at a column, counted in characters.
//!
//! A formula is evaluated on the window's summed components, never on per-day
//! values: the conversion rate of a month is Σtransactions / Σsessions, not the
//! mean of the daily rates. A zero denominator gives no value rather than 0 or
//! infinity, so that a dashboard shows a gap instead of a false number.

use std::fmt;
use std::str::FromStr;

/// How deeply parentheses and unary minus may nest. The parser recurses once
/// per level, so the limit keeps hostile text from exhausting the stack.
pub const MAX_DEPTH: usize = 64;

/// How many operators (binary and unary) a formula may hold. The tree is
/// walked recursively (to evaluate it, compare it, drop it), and a chain such
/// as `a - b - c - …` makes it as tall as it is long: bounding the operators
/// bounds the tree's height. Real KPI formulas use a handful.
pub const MAX_OPERATORS: usize = 256;

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
    /// A measure's sum over the window.
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

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    /// The ASCII symbol, as a formula is best written in a plan file.
    pub fn symbol(self) -> char {
        match self {
            BinOp::Add => '+',
            BinOp::Sub => '-',
            BinOp::Mul => '*',
            BinOp::Div => '/',
        }
    }

    /// Multiplication and division bind tighter than addition and
    /// subtraction.
    fn binding_power(self) -> u8 {
        match self {
            BinOp::Add | BinOp::Sub => 1,
            BinOp::Mul | BinOp::Div => 2,
        }
    }
}

/// Why a formula cannot be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct FormulaError {
    /// 1-based, counted in characters of the text given to
    /// [`Formula::parse`] (leading whitespace included).
    pub column: usize,
    pub message: String,
}

impl FormulaError {
    fn new(column: usize, message: impl Into<String>) -> FormulaError {
        FormulaError {
            column,
            message: message.into(),
        }
    }
}

impl Formula {
    /// Reads a formula. Never panics, whatever the text.
    pub fn parse(source: &str) -> Result<Formula, FormulaError> {
        let tokens = tokenize(source)?;
        if tokens.is_empty() {
            return Err(FormulaError::new(1, "empty formula"));
        }
        // Errors "at the end" point just past the last visible character,
        // not into trailing spaces the user cannot see.
        let end = source.trim_end().chars().count() + 1;
        let mut parser = Parser {
            tokens,
            position: 0,
            end,
            operators: 0,
        };
        let expr = parser.expression(0, 0)?;
        // The top-level expression stops only at the end or at a `)`: any
        // other token has already been reported as a missing operator.
        if let Some(token) = parser.peek() {
            return Err(FormulaError::new(
                token.column,
                format!("unexpected `{}`", token.text),
            ));
        }
        Ok(Formula {
            source: source.trim().to_owned(),
            expr,
        })
    }

    /// The formula as written, without surrounding whitespace.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The measures the formula uses, in order of first appearance, each
    /// once; `days` is not a measure.
    pub fn measures(&self) -> Vec<&str> {
        let mut names = Vec::new();
        collect_measures(&self.expr, &mut names);
        names
    }

    /// Whether the formula divides or multiplies by the window's length.
    pub fn uses_days(&self) -> bool {
        uses_days(&self.expr)
    }

    /// Evaluates on a window's summed components. `value_of(name)` gives a
    /// measure's sum (`None` when the measure is unknown or has no data,
    /// which makes the result `None`); `days` is the window's length.
    ///
    /// Division by zero gives `None` ("no value"), never 0, NaN or infinity;
    /// so does any intermediate result that is not finite.
    pub fn evaluate(&self, value_of: impl Fn(&str) -> Option<f64>, days: f64) -> Option<f64> {
        evaluate(&self.expr, &value_of, days)
    }
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

fn collect_measures<'a>(expr: &'a Expr, names: &mut Vec<&'a str>) {
    match expr {
        Expr::Measure(name) => {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        Expr::Number(_) | Expr::Days => {}
        Expr::Neg(inner) => collect_measures(inner, names),
        Expr::Binary { lhs, rhs, .. } => {
            collect_measures(lhs, names);
            collect_measures(rhs, names);
        }
    }
}

fn uses_days(expr: &Expr) -> bool {
    match expr {
        Expr::Days => true,
        Expr::Number(_) | Expr::Measure(_) => false,
        Expr::Neg(inner) => uses_days(inner),
        Expr::Binary { lhs, rhs, .. } => uses_days(lhs) || uses_days(rhs),
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
                // A window without sessions has no conversion rate, rather
                // than a rate of zero.
                BinOp::Div if rhs == 0.0 => return None,
                BinOp::Div => lhs / rhs,
            }
        }
    };
    value.is_finite().then_some(value)
}

#[derive(Debug, Clone, PartialEq)]
enum TokenKind {
    Number(f64),
    Name,
    Op(BinOp),
    Open,
    Close,
}

/// A token with its text as written (for messages) and its 1-based column.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    kind: TokenKind,
    text: String,
    column: usize,
}

/// Splits the text into tokens. Columns are counted in the text as given, so
/// leading whitespace shifts them as the user sees it.
fn tokenize(source: &str) -> Result<Vec<Token>, FormulaError> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while let Some(&c) = chars.get(index) {
        let column = index + 1;
        let start = index;
        let kind = match c {
            c if c.is_whitespace() => {
                index += 1;
                continue;
            }
            '+' => TokenKind::Op(BinOp::Add),
            '-' | '−' => TokenKind::Op(BinOp::Sub),
            '*' | '×' => TokenKind::Op(BinOp::Mul),
            '/' | '÷' => TokenKind::Op(BinOp::Div),
            '(' => TokenKind::Open,
            ')' => TokenKind::Close,
            c if c.is_ascii_digit() || c == '.' => {
                index = number_end(&chars, index);
                let text: String = chars[start..index].iter().collect();
                let value = match text.parse::<f64>() {
                    Ok(value) if value.is_finite() => value,
                    Ok(_) => {
                        return Err(FormulaError::new(
                            column,
                            format!("`{text}` is too large a number"),
                        ));
                    }
                    Err(_) => {
                        return Err(FormulaError::new(
                            column,
                            format!("`{text}` is not a number"),
                        ));
                    }
                };
                tokens.push(Token {
                    kind: TokenKind::Number(value),
                    text,
                    column,
                });
                continue;
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                while chars
                    .get(index)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
                {
                    index += 1;
                }
                tokens.push(Token {
                    kind: TokenKind::Name,
                    text: chars[start..index].iter().collect(),
                    column,
                });
                continue;
            }
            // Plan files are written by French speakers: `coût` is a
            // likely slip, and deserves more than a bare refusal.
            c if c.is_alphabetic() => {
                return Err(FormulaError::new(
                    column,
                    format!(
                        "unexpected character `{c}`: measure names use only ASCII letters, digits and `_`"
                    ),
                ));
            }
            c => {
                return Err(FormulaError::new(
                    column,
                    format!("unexpected character `{c}`"),
                ));
            }
        };
        index += 1;
        tokens.push(Token {
            kind,
            text: c.to_string(),
            column,
        });
    }
    Ok(tokens)
}

/// Where a number starting at `start` ends: digits and dots (a second dot
/// is caught when the text is converted), then an optional exponent such as
/// `e3` or `E-2`. An `e` not followed by digits is left for the next token.
fn number_end(chars: &[char], start: usize) -> usize {
    let mut index = start;
    while chars
        .get(index)
        .is_some_and(|c| c.is_ascii_digit() || *c == '.')
    {
        index += 1;
    }
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
    index
}

/// A Pratt parser over the token list.
struct Parser {
    tokens: Vec<Token>,
    position: usize,
    /// The column just past the last visible character, for errors at the end.
    end: usize,
    /// Operators read so far, against [`MAX_OPERATORS`].
    operators: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.position).cloned();
        if token.is_some() {
            self.position += 1;
        }
        token
    }

    fn count_operator(&mut self, column: usize) -> Result<(), FormulaError> {
        self.operators += 1;
        if self.operators > MAX_OPERATORS {
            return Err(FormulaError::new(
                column,
                format!("the formula is too long (more than {MAX_OPERATORS} operators)"),
            ));
        }
        Ok(())
    }

    /// An operand followed by the binary operators that bind at least as
    /// tight as `min_power`. The loop makes `a - b - c` left associative;
    /// the right operand is read with a higher minimum, so that `a + b * c`
    /// groups `b * c` first. `depth` counts parentheses and signs.
    fn expression(&mut self, min_power: u8, depth: usize) -> Result<Expr, FormulaError> {
        let mut lhs = self.operand(depth)?;
        while let Some(token) = self.peek() {
            match token.kind {
                TokenKind::Op(op) if op.binding_power() >= min_power => {
                    let column = token.column;
                    self.position += 1;
                    self.count_operator(column)?;
                    let rhs = self.expression(op.binding_power() + 1, depth)?;
                    lhs = Expr::Binary {
                        op,
                        lhs: Box::new(lhs),
                        rhs: Box::new(rhs),
                    };
                }
                TokenKind::Op(_) | TokenKind::Close => break,
                TokenKind::Number(_) | TokenKind::Name | TokenKind::Open => {
                    // `position` is past the operand just read, so there is a
                    // token before this one.
                    let before = self
                        .position
                        .checked_sub(1)
                        .and_then(|index| self.tokens.get(index))
                        .map_or("", |token| token.text.as_str());
                    return Err(FormulaError::new(
                        token.column,
                        format!(
                            "expected an operator between `{before}` and `{}`",
                            token.text
                        ),
                    ));
                }
            }
        }
        Ok(lhs)
    }

    /// A number, a measure, `days`, a negated operand or a parenthesised
    /// expression.
    fn operand(&mut self, depth: usize) -> Result<Expr, FormulaError> {
        let Some(token) = self.next() else {
            return Err(FormulaError::new(
                self.end,
                "expected a measure name, a number or `(` at the end",
            ));
        };
        if depth >= MAX_DEPTH && matches!(token.kind, TokenKind::Open | TokenKind::Op(_)) {
            return Err(FormulaError::new(
                token.column,
                format!("the formula is nested too deeply (more than {MAX_DEPTH} levels)"),
            ));
        }
        match token.kind {
            TokenKind::Number(value) => Ok(Expr::Number(value)),
            TokenKind::Name if token.text == "days" => Ok(Expr::Days),
            TokenKind::Name => Ok(Expr::Measure(token.text)),
            TokenKind::Op(BinOp::Sub) => {
                self.count_operator(token.column)?;
                // Unary minus binds tighter than any binary operator:
                // `-a * b` is `(-a) * b`.
                Ok(Expr::Neg(Box::new(self.operand(depth + 1)?)))
            }
            TokenKind::Open => {
                let inner = self.expression(0, depth + 1)?;
                match self.next() {
                    Some(Token {
                        kind: TokenKind::Close,
                        ..
                    }) => Ok(inner),
                    // The inner expression stops only at `)` or at the end;
                    // the column is where the `)` is missing.
                    other => Err(FormulaError::new(
                        other.map_or(self.end, |token| token.column),
                        format!("unclosed `(` opened at column {}", token.column),
                    )),
                }
            }
            TokenKind::Op(_) | TokenKind::Close => Err(FormulaError::new(
                token.column,
                format!(
                    "expected a measure name, a number or `(`, found `{}`",
                    token.text
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    /// The tree in prefix form, `(op lhs rhs)`, or the error with its column.
    fn check(input: &str, expect: Expect) {
        let actual = match Formula::parse(input) {
            Ok(formula) => prefix(formula.expr()),
            Err(error) => format!("error: {error}"),
        };
        expect.assert_eq(&actual);
    }

    fn prefix(expr: &Expr) -> String {
        match expr {
            Expr::Number(n) => format!("{n}"),
            Expr::Measure(name) => name.clone(),
            Expr::Days => "#days".to_owned(),
            Expr::Neg(inner) => format!("(neg {})", prefix(inner)),
            Expr::Binary { op, lhs, rhs } => {
                format!("({} {} {})", op.symbol(), prefix(lhs), prefix(rhs))
            }
        }
    }

    #[test]
    fn catalogue_shapes() {
        check(
            "transactions / sessions",
            expect!["(/ transactions sessions)"],
        );
        check(
            "(revenue - cost) / cost",
            expect!["(/ (- revenue cost) cost)"],
        );
        check("customers / days", expect!["(/ customers #days)"]);
        check(
            "cost / conversions * 1000",
            expect!["(* (/ cost conversions) 1000)"],
        );
        check("_x1 * A_b", expect!["(* _x1 A_b)"]);
    }

    #[test]
    fn precedence() {
        check("a + b * c", expect!["(+ a (* b c))"]);
        check("a * b + c", expect!["(+ (* a b) c)"]);
        check("a - b / c + d", expect!["(+ (- a (/ b c)) d)"]);
        check("(a + b) * c", expect!["(* (+ a b) c)"]);
        check("((a))", expect!["a"]);
    }

    #[test]
    fn associativity_is_left() {
        check("a - b - c", expect!["(- (- a b) c)"]);
        check("a / b / c", expect!["(/ (/ a b) c)"]);
        check("a + b - c + d", expect!["(+ (- (+ a b) c) d)"]);
        check("a / b * c", expect!["(* (/ a b) c)"]);
        check("a - (b - c)", expect!["(- a (- b c))"]);
    }

    #[test]
    fn unary_minus() {
        check("-a", expect!["(neg a)"]);
        check("--a", expect!["(neg (neg a))"]);
        check("-a * b", expect!["(* (neg a) b)"]);
        check("a - -b", expect!["(- a (neg b))"]);
        check("a * -b", expect!["(* a (neg b))"]);
        check("-(a + b)", expect!["(neg (+ a b))"]);
        check("-a * -(b + 2)", expect!["(* (neg a) (neg (+ b 2)))"]);
    }

    #[test]
    fn numbers() {
        check("1000", expect!["1000"]);
        check("0.5 * a", expect!["(* 0.5 a)"]);
        check(".5 + 5.", expect!["(+ 0.5 5)"]);
        check("1e3 + 2.5E-2 + 1e+2", expect!["(+ (+ 1000 0.025) 100)"]);
    }

    #[test]
    fn unicode_operators_and_whitespace() {
        check(
            "cost ÷ conversions × 1e3 − 0.5",
            expect!["(- (* (/ cost conversions) 1000) 0.5)"],
        );
        check(
            "\t transactions\n/\u{a0}sessions  ",
            expect!["(/ transactions sessions)"],
        );
        check("revenue−cost", expect!["(- revenue cost)"]);
    }

    #[test]
    fn errors_point_at_the_column() {
        check("", expect!["error: column 1: empty formula"]);
        check("  \t ", expect!["error: column 1: empty formula"]);
        check(
            "cost /",
            expect!["error: column 7: expected a measure name, a number or `(` at the end"],
        );
        check(
            "cost /   ",
            expect!["error: column 7: expected a measure name, a number or `(` at the end"],
        );
        check(
            "cost * / 2",
            expect!["error: column 8: expected a measure name, a number or `(`, found `/`"],
        );
        check(
            "+ cost",
            expect!["error: column 1: expected a measure name, a number or `(`, found `+`"],
        );
        check(
            "()",
            expect!["error: column 2: expected a measure name, a number or `(`, found `)`"],
        );
        check(
            "a*(b+c",
            expect!["error: column 7: unclosed `(` opened at column 3"],
        );
        check(
            "(revenue - cost / cost",
            expect!["error: column 23: unclosed `(` opened at column 1"],
        );
        check(
            "((a + b) * c",
            expect!["error: column 13: unclosed `(` opened at column 1"],
        );
        check("revenue)", expect!["error: column 8: unexpected `)`"]);
        check("(a)) / b", expect!["error: column 4: unexpected `)`"]);
        check(
            "cost sessions",
            expect!["error: column 6: expected an operator between `cost` and `sessions`"],
        );
        check(
            "1e3 sessions",
            expect!["error: column 5: expected an operator between `1e3` and `sessions`"],
        );
        check(
            "cost (sessions)",
            expect!["error: column 6: expected an operator between `cost` and `(`"],
        );
        check(
            "(cost) sessions",
            expect!["error: column 8: expected an operator between `)` and `sessions`"],
        );
        check(
            "2x",
            expect!["error: column 2: expected an operator between `2` and `x`"],
        );
        check(
            "cost / $sessions",
            expect!["error: column 8: unexpected character `$`"],
        );
        check(
            "coût / conversions",
            expect![
                "error: column 3: unexpected character `û`: measure names use only ASCII letters, digits and `_`"
            ],
        );
        check(
            "1.2.3 * cost",
            expect!["error: column 1: `1.2.3` is not a number"],
        );
        check("a + .", expect!["error: column 5: `.` is not a number"]);
        check(
            "1e999 * cost",
            expect!["error: column 1: `1e999` is too large a number"],
        );
    }

    #[test]
    fn columns_count_characters_of_the_text_as_given() {
        // Leading spaces and the multi-byte `÷` both count as one column each.
        check(
            "  cost ÷ * 2",
            expect!["error: column 10: expected a measure name, a number or `(`, found `*`"],
        );
        check(
            "é",
            expect![
                "error: column 1: unexpected character `é`: measure names use only ASCII letters, digits and `_`"
            ],
        );
    }

    #[test]
    fn hostile_text_is_refused_without_exhausting_the_stack() {
        check(
            &"(".repeat(100_000),
            expect!["error: column 65: the formula is nested too deeply (more than 64 levels)"],
        );
        check(
            &format!("{}a", "-".repeat(100_000)),
            expect!["error: column 65: the formula is nested too deeply (more than 64 levels)"],
        );
        // A flat chain makes a tree as tall as the chain, which every
        // recursive walk (evaluate, drop, compare) would follow.
        check(
            &format!("{}a", "a - ".repeat(100_000)),
            expect!["error: column 1027: the formula is too long (more than 256 operators)"],
        );
        let deepest = format!("{}a{}", "(".repeat(64), ")".repeat(64));
        check(&deepest, expect!["a"]);
        let longest = format!("{}a", "a + ".repeat(256));
        assert!(Formula::parse(&longest).is_ok());
    }

    #[test]
    fn source_measures_and_days() {
        let formula = Formula::parse("  (revenue - cost) / cost + revenue / days ").unwrap();
        assert_eq!(formula.source(), "(revenue - cost) / cost + revenue / days");
        assert_eq!(
            formula.to_string(),
            "(revenue - cost) / cost + revenue / days"
        );
        assert_eq!(formula.measures(), vec!["revenue", "cost"]);
        assert!(formula.uses_days());
        assert!(!Formula::parse("days_open / 2").unwrap().uses_days());
        let parsed: Formula = "clicks / impressions".parse().unwrap();
        assert_eq!(parsed, Formula::parse("clicks / impressions").unwrap());
        assert!("clicks /".parse::<Formula>().is_err());
    }

    #[test]
    fn evaluates_on_sums_with_no_value_for_zero_denominators() {
        let sums = |name: &str| match name {
            "transactions" => Some(42.0),
            "sessions" => Some(2000.0),
            "revenue" => Some(5000.0),
            "cost" => Some(0.0),
            "conversions" => Some(40.0),
            "customers" => Some(310.0),
            "huge" => Some(f64::MAX),
            _ => None,
        };
        let evaluate = |text: &str| Formula::parse(text).unwrap().evaluate(sums, 31.0);
        // The conversion rate of the window is the ratio of its sums.
        assert_eq!(evaluate("transactions / sessions"), Some(0.021));
        assert_eq!(evaluate("customers / days"), Some(10.0));
        assert_eq!(evaluate("revenue - 1000 * 2"), Some(3000.0));
        assert_eq!(evaluate("-(revenue - 1000)"), Some(-4000.0));
        // No spend: no return on it, rather than an infinite one.
        assert_eq!(evaluate("(revenue - cost) / cost"), None);
        assert_eq!(evaluate("revenue / (sessions - 2000)"), None);
        assert_eq!(evaluate("cost / conversions"), Some(0.0));
        // A measure without data makes the whole value unknown.
        assert_eq!(evaluate("revenue / unknown"), None);
        assert_eq!(evaluate("unknown * 0"), None);
        // An overflow is no more a value than a division by zero.
        assert_eq!(evaluate("huge * 10"), None);
        assert_eq!(evaluate("huge * 10 / huge"), None);
        let per_day = Formula::parse("customers / days").unwrap();
        assert_eq!(per_day.evaluate(sums, 0.0), None);
    }

    fn expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (0u32..10_000).prop_map(|n| Expr::Number(f64::from(n))),
            (0.0..1e12f64).prop_map(Expr::Number),
            "[a-zA-Z_][a-zA-Z0-9_]{0,8}"
                .prop_filter("`days` is the window length", |name| name != "days")
                .prop_map(Expr::Measure),
            Just(Expr::Days),
        ];
        leaf.prop_recursive(6, 64, 2, |inner| {
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

    /// Prints a tree with every operand in parentheses, so that the text
    /// means exactly the tree whatever the precedence rules.
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
        fn parse_never_panics_on_formula_like_text(text in "[a-z()+*/ 0-9.eE−×÷-]{0,40}") {
            if let Ok(formula) = Formula::parse(&text) {
                let _ = formula.evaluate(|_| Some(1.0), 30.0);
            }
        }

        #[test]
        fn printed_trees_parse_back(tree in expr()) {
            let text = parenthesised(&tree);
            let formula = Formula::parse(&text)
                .map_err(|error| TestCaseError::fail(format!("{error}: {text}")))?;
            prop_assert_eq!(formula.expr(), &tree);
            let again = Formula::parse(&formula.to_string())
                .map_err(|error| TestCaseError::fail(format!("{error}: {formula}")))?;
            prop_assert_eq!(again, formula);
        }

        #[test]
        fn errors_point_inside_the_text_or_just_past_it(text in "[a-z()+*/ 0-9.−×$é-]{0,40}") {
            if let Err(error) = Formula::parse(&text) {
                prop_assert!(error.column >= 1);
                prop_assert!(error.column <= text.chars().count() + 1);
            }
        }
    }
}
