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
ui-home = Home
ui-on-this-page = On this page
ui-search = Search
ui-search-no-results = No results
ui-translated = translated
ui-machine-translation = This page was translated by a machine. The English version is authoritative.
ui-not-found = Page not found
ui-not-found-text = There is no page at this address. Choose a language to find the article:
ui-skip-to-content = Skip to content
ui-note = Note
ui-tip = Tip
ui-important = Important
ui-warning = Warning
ui-caution = Caution
ui-breadcrumbs = Breadcrumbs
ui-previous = Previous
ui-next = Next
ui-pages = Pages
ui-dark-mode = Dark mode
ui-copy = Copy
ui-copied = Copied
ui-section-link = Link to this section
ui-last-updated = Last updated
ui-source-commit = Source commit
ui-edit-page = Edit this page
ui-search-hint = Use the arrow keys to choose a result and Enter to open it.
# $language (string): the name of the page's language; $source (string): the name of the
# source language, in which the page is shown instead.
ui-untranslated-page = This page has not been translated into { $language } yet. It is shown in { $source }.
# $source (string): the name of the source language. A link to the page in that language.
ui-source-link = Read the original in { $source }
