### Interface strings of the default templates (shared by every page of the locale).

ui-language = Language
ui-articles = Articles
ui-choose-language = Choose a language
ui-all-articles = All articles
# $count (number): strings on the page shown in the source locale.
ui-fallback-notice = { $count ->
    [one] One string on this page is not translated yet and is shown in English.
   *[other] { $count } strings on this page are not translated yet and are shown in English.
}
