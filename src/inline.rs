//! Messages are inline Markdown: text that goes inside a block the skeleton owns. This
//! module keeps them inline.

/// Escapes a leading character sequence that CommonMark would read as the start of a block
/// (ATX heading `#`, block quote `>`, bullet `-` `+` `*`, ordered list `1.` `1)`) when the
/// text is placed at the start of a line, so that "1. lépés" stays a sentence and does not
/// become a list. A backslash before ASCII punctuation is valid anywhere in CommonMark, so
/// the escape renders identically in the middle of a line.
///
/// ```
/// assert_eq!(tolk::inline::escape_block_start("1. lépés: A"), r"1\. lépés: A");
/// assert_eq!(tolk::inline::escape_block_start("# 1"), r"\# 1");
/// assert_eq!(tolk::inline::escape_block_start("10 incidens"), "10 incidens");
/// ```
pub fn escape_block_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = |n: usize| text[n..].chars().next();
    let blank_or_end = |c: Option<char>| c.is_none_or(|c| c == ' ' || c == '\t');
    if (1..=9).contains(&digits)
        && matches!(after(digits), Some('.' | ')'))
        && blank_or_end(text[digits + 1..].chars().next())
    {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    match text.chars().next() {
        Some('#') if blank_or_end(text.trim_start_matches('#').chars().next()) => {
            format!("\\{text}")
        }
        Some('>') => format!("\\{text}"),
        Some('-' | '+' | '*') if blank_or_end(after(1)) => format!("\\{text}"),
        _ => text.to_string(),
    }
}
