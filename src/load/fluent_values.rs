//! Values in Fluent syntax that parse but that no number formatter can honour, found once at
//! load so that the build refuses them with a location and the checker reports them.
//!
//! Ranges follow ECMA-402 `Intl.NumberFormat` (which Fluent's `NUMBER()` mirrors):
//! `minimumIntegerDigits` 1–21, `minimumFractionDigits` and `maximumFractionDigits` 0–100,
//! `minimumSignificantDigits` and `maximumSignificantDigits` 1–21, each minimum no larger than
//! its maximum. A number literal must be finite as an IEEE 754 double and have at most 100
//! fraction digits (its digits set the minimum fraction digits it is shown with).

use fluent_syntax::ast;

use super::fluent::{offset_in, Problem, ProblemKind};

/// Most fraction digits ECMA-402 allows (and tolk formats).
pub const MAX_FRACTION_DIGITS: usize = 100;

/// The options of `NUMBER()` that take a number, with their allowed range (ECMA-402).
const RANGES: &[(&str, usize, usize)] = &[
    ("minimumIntegerDigits", 1, 21),
    ("minimumFractionDigits", 0, MAX_FRACTION_DIGITS),
    ("maximumFractionDigits", 0, MAX_FRACTION_DIGITS),
    ("minimumSignificantDigits", 1, 21),
    ("maximumSignificantDigits", 1, 21),
];

/// Pushes a [`ProblemKind::Value`] problem for every invalid number literal and `NUMBER()`
/// option in `pattern`; `base` is the resource text its slices borrow from.
pub fn check_pattern(base: &str, pattern: &ast::Pattern<&str>, out: &mut Vec<Problem>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            check_expression(base, expression, out);
        }
    }
}

fn check_expression(base: &str, expression: &ast::Expression<&str>, out: &mut Vec<Problem>) {
    match expression {
        ast::Expression::Inline(inline) => check_inline(base, inline, out),
        ast::Expression::Select { selector, variants } => {
            check_inline(base, selector, out);
            for variant in variants {
                check_pattern(base, &variant.value, out);
            }
        }
    }
}

fn check_inline(base: &str, inline: &ast::InlineExpression<&str>, out: &mut Vec<Problem>) {
    let mut problem = |slice: &str, message: String| {
        let start = offset_in(base, slice).unwrap_or(0);
        out.push(Problem { span: start..start + slice.len(), message, kind: ProblemKind::Value });
    };
    match inline {
        ast::InlineExpression::NumberLiteral { value } => {
            if let Some(why) = literal_problem(value) {
                problem(value, why);
            }
        }
        ast::InlineExpression::FunctionReference { id, arguments } => {
            let mut given = Vec::new();
            for named in &arguments.named {
                let range = RANGES.iter().find(|(name, ..)| *name == named.name.name);
                if let (Some((name, min, max)), ast::InlineExpression::NumberLiteral { value }) = (range, &named.value)
                {
                    match value.parse::<f64>() {
                        Ok(n) if n.fract() == 0.0 && n >= *min as f64 && n <= *max as f64 => {
                            given.push((*name, n as usize, *value))
                        }
                        _ => problem(
                            value,
                            format!(
                                "{}(): `{name}: {value}` is out of range; use a whole number from {min} to {max}",
                                id.name
                            ),
                        ),
                    }
                }
            }
            for (low, high) in [
                ("minimumFractionDigits", "maximumFractionDigits"),
                ("minimumSignificantDigits", "maximumSignificantDigits"),
            ] {
                let find = |name: &str| given.iter().find(|(n, ..)| *n == name);
                if let (Some((_, lo, slice)), Some((_, hi, _))) = (find(low), find(high)) {
                    if lo > hi {
                        problem(slice, format!("{}(): `{low}` ({lo}) is larger than `{high}` ({hi})", id.name));
                    }
                }
            }
            for arg in arguments.positional.iter().chain(arguments.named.iter().map(|n| &n.value)) {
                check_inline(base, arg, out);
            }
        }
        ast::InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            for arg in arguments.positional.iter().chain(arguments.named.iter().map(|n| &n.value)) {
                check_inline(base, arg, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => check_expression(base, expression, out),
        _ => {}
    }
}

/// Why the number literal `text` cannot be formatted, if it cannot.
fn literal_problem(text: &str) -> Option<String> {
    let fraction = text.split_once('.').map_or(0, |(_, f)| f.len());
    if fraction > MAX_FRACTION_DIGITS {
        return Some(format!(
            "the number literal has {fraction} fraction digits; at most {MAX_FRACTION_DIGITS} can be shown"
        ));
    }
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() => None,
        _ => Some("the number literal is too large to be shown; write it as text".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use crate::load::fluent::{ProblemKind, Resource};
    use crate::source::SourceText;

    fn problems(ftl: &str) -> Vec<(String, String)> {
        let source = SourceText::new("x.ftl", ftl);
        Resource::parse(&source)
            .problems
            .into_iter()
            .filter(|p| p.kind == ProblemKind::Value)
            .map(|p| (source.text[p.span.clone()].to_string(), p.message))
            .collect()
    }

    #[test]
    fn number_options_out_of_the_ecma_402_range_are_located() {
        let found = problems("m = { NUMBER($count, maximumFractionDigits: 70000) } incidenten\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "70000");
        assert!(found[0].1.contains("maximumFractionDigits"), "{found:?}");
        let found = problems("m = { NUMBER($n, minimumFractionDigits: 3, maximumFractionDigits: 2) }\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("larger than"), "{found:?}");
        assert!(problems("m = { NUMBER($n, minimumIntegerDigits: 0) }\n").len() == 1);
        assert!(problems("m = { NUMBER($n, maximumFractionDigits: 2.5) }\n").len() == 1);
    }

    #[test]
    fn valid_options_and_literals_pass() {
        let ftl = "m = { NUMBER($n, minimumFractionDigits: 2, maximumFractionDigits: 100) } { 1.5 } { -3 }\n\
                   t = { -term(n: 5) } { $x ->\n    [1] one\n   *[other] { NUMBER(2, minimumIntegerDigits: 21) }\n}\n";
        assert_eq!(problems(ftl), Vec::<(String, String)>::new());
    }

    #[test]
    fn literals_that_cannot_be_shown_are_located() {
        let huge = "9".repeat(400);
        let found = problems(&format!("m = {{ {huge} }}\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, huge);
        let long = format!("0.{}", "0".repeat(150));
        let found = problems(&format!("m = {{ NUMBER({long}) }} x\n"));
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
