### Interfaceteksten van de standaardsjablonen (gedeeld door elke pagina van de taal).

ui-language = Taal
ui-articles = Artikelen
ui-choose-language = Kies een taal
ui-all-articles = Alle artikelen
ui-fallback-notice = { $count ->
    [one] Eén tekst op deze pagina is nog niet vertaald en wordt in het Engels getoond.
   *[other] { $count } teksten op deze pagina zijn nog niet vertaald en worden in het Engels getoond.
}
ui-home = Start
ui-on-this-page = Op deze pagina
ui-search = Zoeken
ui-search-no-results = Geen resultaten
ui-translated = vertaald
ui-machine-translation = Deze pagina is automatisch vertaald. De Engelse versie is leidend.
ui-not-found = Pagina niet gevonden
ui-not-found-text = Op dit adres staat geen pagina. Kies een taal om het artikel te vinden:
ui-skip-to-content = Naar de inhoud
ui-note = Opmerking
ui-tip = Tip
ui-important = Belangrijk
ui-warning = Waarschuwing
ui-caution = Let op
ui-breadcrumbs = Kruimelpad
ui-previous = Vorige
ui-next = Volgende
ui-pages = Pagina's
ui-dark-mode = Donkere modus
ui-copy = Kopiëren
ui-copied = Gekopieerd
ui-section-link = Link naar deze sectie
ui-last-updated = Laatst bijgewerkt
ui-source-commit = Broncommit
ui-edit-page = Deze pagina bewerken
ui-search-hint = Kies een resultaat met de pijltoetsen en open het met Enter.
ui-untranslated-page = Deze pagina is nog niet in het { $language } vertaald. Ze wordt in het { $source } getoond.
ui-source-link = Lees het origineel ({ $source })
