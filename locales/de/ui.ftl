### Oberflächentexte der Standardvorlagen (für jede Seite der Sprache).

ui-language = Sprache
ui-articles = Artikel
ui-choose-language = Sprache wählen
ui-all-articles = Alle Artikel
ui-fallback-notice = { $count ->
    [one] Ein Text auf dieser Seite ist noch nicht übersetzt und wird auf Englisch angezeigt.
   *[other] { $count } Texte auf dieser Seite sind noch nicht übersetzt und werden auf Englisch angezeigt.
}
ui-home = Startseite
ui-on-this-page = Auf dieser Seite
ui-search = Suchen
ui-search-no-results = Keine Ergebnisse
ui-translated = übersetzt
ui-machine-translation = Diese Seite wurde maschinell übersetzt. Maßgeblich ist die englische Fassung.
ui-not-found = Seite nicht gefunden
ui-not-found-text = Unter dieser Adresse gibt es keine Seite. Wählen Sie eine Sprache, um den Artikel zu finden:
ui-skip-to-content = Zum Inhalt springen
ui-note = Hinweis
ui-tip = Tipp
ui-important = Wichtig
ui-warning = Warnung
ui-caution = Vorsicht
ui-breadcrumbs = Brotkrümelnavigation
ui-previous = Zurück
ui-next = Weiter
ui-pages = Seiten
ui-dark-mode = Dunkler Modus
ui-copy = Kopieren
ui-copied = Kopiert
ui-section-link = Link zu diesem Abschnitt
ui-last-updated = Zuletzt aktualisiert
ui-source-commit = Quell-Commit
ui-edit-page = Diese Seite bearbeiten
ui-search-hint = Wählen Sie ein Ergebnis mit den Pfeiltasten und öffnen Sie es mit der Eingabetaste.
ui-untranslated-page = Diese Seite gibt es noch nicht auf { $language }. Sie wird auf { $source } angezeigt.
ui-source-link = Original lesen ({ $source })
