### Az alapértelmezett sablonok felületi szövegei (a nyelv minden oldala használja őket).

ui-language = Nyelv
ui-articles = Cikkek
ui-choose-language = Válasszon nyelvet
ui-all-articles = Minden cikk
ui-fallback-notice = { $count ->
    [one] Az oldalon egy szöveg még nincs lefordítva, ezért angolul jelenik meg.
   *[other] Az oldalon { $count } szöveg még nincs lefordítva, ezért angolul jelennek meg.
}
ui-home = Kezdőlap
ui-on-this-page = Ezen az oldalon
ui-search = Keresés
ui-search-no-results = Nincs találat
ui-translated = lefordítva
ui-machine-translation = Ezt az oldalt gép fordította. Az angol változat a mérvadó.
ui-not-found = Az oldal nem található
ui-not-found-text = Ezen a címen nincs oldal. Válasszon nyelvet a cikk megkereséséhez:
ui-skip-to-content = Ugrás a tartalomhoz
ui-note = Megjegyzés
ui-tip = Tipp
ui-important = Fontos
ui-warning = Figyelmeztetés
ui-caution = Vigyázat
ui-breadcrumbs = Navigációs útvonal
ui-previous = Előző
ui-next = Következő
ui-pages = Oldalak
ui-dark-mode = Sötét mód
ui-copy = Másolás
ui-copied = Másolva
ui-section-link = Hivatkozás erre a szakaszra
ui-last-updated = Utoljára frissítve
ui-source-commit = Forrás-commit
ui-edit-page = Az oldal szerkesztése
ui-search-hint = A nyílbillentyűkkel válasszon találatot, az Enterrel nyissa meg.
ui-untranslated-page = Ez az oldal még nem érhető el a következő nyelven: { $language }. Eredeti nyelvén ({ $source }) jelenik meg.
ui-source-link = Az eredeti megnyitása ({ $source })
