//! Locale-aware numbers: separators from CLDR (through ICU4X's decimal formatter) and plural
//! categories (ICU4X plural rules), for the number and plural rules.

use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// CLDR data per locale tag, computed once per process.
type Cache<T> = std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, T>>>;

/// The grouping and decimal separators of `locale` per CLDR, read off ICU4X's formatting of
/// 1234567.5; `None` when ICU4X has no data or the tag does not parse.
pub fn separators(locale: &str) -> Option<(char, char)> {
    static CACHE: Cache<Option<(char, char)>> = std::sync::LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = cache.get(locale) {
        return *found;
    }
    let found = read_separators(locale);
    cache.insert(locale.to_string(), found);
    found
}

fn read_separators(locale: &str) -> Option<(char, char)> {
    let locale: Locale = locale.parse().ok()?;
    let formatter = DecimalFormatter::try_new(locale.into(), Default::default()).ok()?;
    let text = formatter.format_to_string(&"1234567.5".parse::<Decimal>().ok()?);
    let seps: Vec<char> = text.chars().filter(|c| !c.is_ascii_digit()).collect();
    Some((*seps.first()?, *seps.last()?))
}

/// The numbers written in `text`, normalized (group separators removed, decimal separator as
/// `.`), sorted. Digits joined by the locale's group separator (any space when it is a space)
/// are one number, as are digits around its decimal separator.
pub fn numbers(text: &str, (group, decimal): (char, char)) -> Vec<String> {
    if !crate::check::sentences::any_byte(text.as_bytes(), |b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let is_group = |c: char| c == group || (group.is_whitespace() && c.is_whitespace() && c != '\n');
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut number = String::new();
        let mut seen_decimal = false;
        while i < chars.len() {
            let c = chars[i];
            let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() {
                number.push(c);
            } else if is_group(c)
                && !seen_decimal
                && next_digit
                && chars[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count() == 3
            {
                // a group separator: skip it
            } else if c == decimal && !seen_decimal && next_digit {
                seen_decimal = true;
                number.push('.');
            } else {
                break;
            }
            i += 1;
        }
        found.push(number);
    }
    found.sort();
    found
}

/// The CLDR cardinal plural categories of `locale` (`zero`, `one`, `two`, `few`, `many`,
/// `other`), or `None` when ICU4X has no rules for it.
pub fn plural_categories(locale: &str) -> Option<Vec<&'static str>> {
    static CACHE: Cache<Option<Vec<&'static str>>> = std::sync::LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache.entry(locale.to_string()).or_insert_with(|| read_plural_categories(locale)).clone()
}

fn read_plural_categories(locale: &str) -> Option<Vec<&'static str>> {
    let locale: Locale = locale.parse().ok()?;
    let rules = PluralRules::try_new_cardinal((&locale).into()).ok()?;
    Some(rules.categories().map(category_name).collect())
}

/// The CLDR name of a plural category.
pub fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Every CLDR plural category name.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cldr_separators() {
        assert_eq!(separators("en"), Some((',', '.')));
        assert_eq!(separators("nl"), Some(('.', ',')));
        assert_eq!(separators("hu"), Some(('\u{a0}', ',')));
    }

    #[test]
    fn dutch_and_english_amounts_agree() {
        let nl = numbers("$ 6.000, $ 12.000 of $ 13.000 per jaar", separators("nl").unwrap());
        let en = numbers("$6,000, $12,000 or/and $13,000/year", separators("en").unwrap());
        assert_eq!(nl, en);
        assert_eq!(nl, ["12000", "13000", "6000"]);
        assert_ne!(numbers("Schritt 3", separators("de").unwrap()), numbers("Step 2", separators("en").unwrap()));
        assert_eq!(numbers("12 345 és 1,5", separators("hu").unwrap()), ["1.5", "12345"]);
    }

    #[test]
    fn plural_categories_come_from_cldr() {
        assert_eq!(plural_categories("en").unwrap(), ["one", "other"]);
        assert_eq!(plural_categories("ar").unwrap(), ["zero", "one", "two", "few", "many", "other"]);
    }
}
