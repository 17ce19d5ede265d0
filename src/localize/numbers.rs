//! Numbers in Fluent formatted by CLDR through ICU4X: grouping and decimal separators per
//! locale ("6,000" in en, "6.000" in nl and de), so `{ $n }` and `{ NUMBER($n) }` in a
//! message agree with the locale. fluent-bundle's own formatting does not group digits.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use fluent_bundle::FluentValue;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use intl_memoizer::concurrent::IntlLangMemoizer;
use intl_memoizer::Memoizable;

use crate::load::fluent_values::MAX_FRACTION_DIGITS;

/// An ICU4X decimal formatter, fetched once per bundle by the bundle's memoizer from a
/// process-wide cache (one formatter per locale: bundles are many and short-lived).
struct IcuDecimal(Arc<DecimalFormatter>);

static FORMATTERS: LazyLock<Mutex<HashMap<String, Arc<DecimalFormatter>>>> = LazyLock::new(Default::default);

impl Memoizable for IcuDecimal {
    type Args = ();
    type Error = String;

    fn construct(lang: unic_langid::LanguageIdentifier, _: ()) -> Result<Self, String> {
        let tag = lang.to_string();
        let mut cache = FORMATTERS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(formatter) = cache.get(&tag) {
            return Ok(IcuDecimal(Arc::clone(formatter)));
        }
        let locale: Locale = tag.parse().map_err(|e| format!("{e:?}"))?;
        let formatter =
            Arc::new(DecimalFormatter::try_new(locale.into(), Default::default()).map_err(|e| e.to_string())?);
        cache.insert(tag, Arc::clone(&formatter));
        Ok(IcuDecimal(formatter))
    }
}

/// The bundle formatter (`FluentBundle::set_formatter`): numbers through ICU4X, honouring
/// `minimumFractionDigits` and `maximumFractionDigits` (each at most
/// [`MAX_FRACTION_DIGITS`], as ECMA-402 allows; load refuses larger ones, and here they are
/// clamped so no value can make formatting fail); `None` (fluent's default) for other values,
/// for numbers that are not finite, or when ICU4X has no data for the locale.
pub fn format(value: &FluentValue, intls: &IntlLangMemoizer) -> Option<String> {
    let FluentValue::Number(number) = value else { return None };
    if !number.value.is_finite() {
        return None;
    }
    let max = number.options.maximum_fraction_digits.map(|m| m.min(MAX_FRACTION_DIGITS));
    let mut decimal: Decimal = format_plain(number.value, max).parse().ok()?;
    if max.is_some() {
        // Rounded to at most `max` digits; trailing zeros are not shown (ECMA-402).
        decimal.absolute.trim_end();
    }
    if let Some(min) = number.options.minimum_fraction_digits {
        decimal.pad_end(-(min.min(MAX_FRACTION_DIGITS) as i16));
    }
    intls.with_try_get::<IcuDecimal, _, _>((), |f| f.0.format_to_string(&decimal)).ok()
}

/// `n` as plain digits (no exponent), rounded to `max` fraction digits when given.
fn format_plain(n: f64, max: Option<usize>) -> String {
    match max {
        Some(max) => format!("{n:.max$}"),
        None => {
            let text = format!("{n}");
            text.trim_end_matches(".0").to_string()
        }
    }
}

/// The text direction of `locale` per CLDR (ICU4X): `"rtl"` or `"ltr"`.
pub fn direction(locale: &str) -> &'static str {
    let Ok(locale) = locale.parse::<icu_locale_core::LanguageIdentifier>() else { return "ltr" };
    let dir = icu_locale::LocaleDirectionality::new_common();
    if dir.is_right_to_left(&locale) {
        "rtl"
    } else {
        "ltr"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::concurrent::FluentBundle;
    use fluent_bundle::FluentArgs;

    fn render(locale: &str, ftl: &str, n: f64) -> String {
        let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format));
        bundle.add_builtins().unwrap();
        let source = crate::source::SourceText::new("x.ftl", format!("m = {ftl}\n"));
        bundle.add_resource(Arc::clone(&crate::load::fluent::Resource::parse(&source).fluent)).unwrap();
        let mut args = FluentArgs::new();
        args.set("n", n);
        let pattern = bundle.get_message("m").unwrap().value().unwrap();
        bundle.format_pattern(pattern, Some(&args), &mut vec![]).into_owned()
    }

    #[test]
    fn cldr_grouping_per_locale() {
        assert_eq!(render("en", "{ $n }", 6000.0), "6,000");
        assert_eq!(render("nl", "{ NUMBER($n) }", 6000.0), "6.000");
        assert_eq!(render("de", "{ $n }", 12000.0), "12.000");
        assert_eq!(render("hu", "{ $n }", 13000.0), "13\u{a0}000");
        assert_eq!(render("hu", "{ $n }", 6000.0), "6000", "CLDR: Hungarian groups from five digits");
        assert_eq!(render("de", "{ NUMBER($n, minimumFractionDigits: 2) }", 1.5), "1,50");
        assert_eq!(render("en", "{ NUMBER($n, maximumFractionDigits: 2) }", 1.256), "1.26");
        assert_eq!(render("en", "{ NUMBER($n, maximumFractionDigits: 2) }", 15.0), "15", "the maximum does not pad");
    }

    #[test]
    fn options_beyond_ecma_402_never_panic() {
        // Load refuses these; the formatter must still not fail on them (the checker formats
        // messages of resources with problems to find every other problem).
        let out = render("nl", "{ NUMBER($n, maximumFractionDigits: 70000) }", 15.0);
        assert_eq!(out, "15");
        let out = render("nl", "{ NUMBER($n, minimumFractionDigits: 70000) }", 1.5);
        assert!(out.starts_with("1,5000"), "{out}");
        assert_eq!(render("en", "{ $n }", f64::INFINITY), "inf", "fluent's own text for what load refuses");
    }

    #[test]
    fn direction_from_cldr() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("he"), "rtl");
        assert_eq!(direction("hu"), "ltr");
    }
}
