#!/usr/bin/env bash
# Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/ from the shipped
# site, the test fixtures and the Microsoft Docs seeds (../shared/seeds beside the repository).
# Multi-file inputs are NUL-separated, as fuzz/harness.rs reads them.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${SEEDS:-../shared/seeds}
out=fuzz/corpus
mkdir -p "$out/import_msdocs" "$out/import_markdown" "$out/check_pair" "$out/render_skeleton" "$out/check_then_build"

join() { # join FILE... : the files' bytes separated by NUL (a missing file is empty)
  local first=1
  for f in "$@"; do
    [ $first -eq 1 ] || printf '\0'
    first=0
    if [ -f "$f" ]; then cat "$f"; fi
  done
}
name() { sha1sum | cut -c1-16; }
put() { # put TARGET < bytes : store under its content hash (libFuzzer's naming)
  local tmp; tmp=$(mktemp)
  cat > "$tmp"
  mv "$tmp" "$out/$1/$(name < "$tmp")"
}

# import_msdocs: each seed alone, and each translation with the Dutch (newest English).
if [ -d "$seeds" ]; then
  for f in "$seeds"/*.txt; do join "$f" | put import_msdocs; done
  for f in "$seeds"/00[1-4]_*.txt; do join "$seeds"/000_*.txt "$f" | put import_msdocs; done
else
  echo "seed.sh: no $seeds; import_msdocs starts from an empty corpus" >&2
fi

# import_markdown: a dialect byte (0 Hugo, 1 Docusaurus, 2 mdBook), then each fixture page
# with its Dutch translation.
fixtures=tests/fixtures/import
for f in $(find $fixtures/hugo/content/en -name '*.md' | sort); do
  { printf '\x00'; join "$f" "${f/content\/en/content\/nl}"; } | put import_markdown
done
for f in $(find $fixtures/docusaurus/docs -name '*.md' | sort); do
  { printf '\x01'; join "$f" "$fixtures/docusaurus/i18n/nl/docusaurus-plugin-content-docs/current/${f#$fixtures/docusaurus/docs/}"; } | put import_markdown
done
for f in $(find $fixtures/mdbook/src -name '*.md' ! -name SUMMARY.md | sort); do
  { printf '\x02'; join "$f"; } | put import_markdown
done

# check_pair: English, translation, snapshot of every resource of the site and the fixtures.
pair() { # pair ROOT_OF_LOCALES SOURCE TARGET NAME
  join "$1/$2/$4" "$1/$3/$4" "$1/$3/snapshots/$4" | put check_pair
}
for l in nl de hu; do
  for r in technical-support-benefits.ftl manage-partner-network-benefits.ftl ui.ftl; do pair locales en $l $r; done
done
for l in de nl pl; do pair tests/fixtures/drift/locales en $l guide.ftl; done
for l in de fr; do pair tests/fixtures/l10n en $l a.ftl; done

# render_skeleton: skeleton, English resource, Hungarian (or other target) resource.
for a in technical-support-benefits manage-partner-network-benefits; do
  join content/articles/$a.md locales/en/$a.ftl locales/hu/$a.ftl | put render_skeleton
done
join tests/fixtures/drift/content/articles/guide.md tests/fixtures/drift/locales/{en,de}/guide.ftl | put render_skeleton
join tests/fixtures/rtl/content/articles/hello.md tests/fixtures/rtl/locales/{en,ar}/hello.ftl | put render_skeleton

# Hostile names and front matter: a slug that is markup, YAML aliases.
a=technical-support-benefits
{ join content/articles/$a.md locales/en/$a.ftl locales/hu/$a.ftl; printf '\0x"><img src=x onerror=alert(1)>'; } | put render_skeleton
if [ -f "$seeds/000_4139d5fc860f60e2.txt" ]; then
  sed '2i a0: &a0 [x, x]\na1: &a1 [*a0, *a0]' "$seeds/000_4139d5fc860f60e2.txt" | put import_msdocs
fi

# check_then_build: the Dutch resource of technical-support-benefits alone; with the English
# one; with the English one and the model; and the fixtures' Dutch text in its place.
r=technical-support-benefits.ftl
join locales/nl/$r | put check_then_build
join locales/nl/$r locales/en/$r | put check_then_build
join locales/nl/$r locales/en/$r content/model/benefits.toml | put check_then_build
join tests/fixtures/drift/locales/nl/guide.ftl | put check_then_build
for t in import_msdocs import_markdown check_pair render_skeleton check_then_build; do echo "$t: $(ls "$out/$t" | wc -l) inputs"; done
