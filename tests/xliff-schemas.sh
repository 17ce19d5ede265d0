#!/usr/bin/env bash
# Puts the OASIS XLIFF 1.2 (strict) and 2.0 core schemas into target/xliff-schemas for the
# schema test of `tolk export` (tests/exchange.rs). No registry ships them on their own:
# Debian's php-symfony-translation does (with W3C's xml.xsd); the package is downloaded and
# unpacked, not installed (no PHP). An XML catalog maps xml.xsd's web address to the local
# copy, so `xmllint --nonet` validates offline.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/target/xliff-schemas"
[ -f "$out/xliff-core-2.0.xsd" ] && [ -f "$out/catalog.xml" ] && exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && { apt-get download php-symfony-translation >/dev/null 2>&1 || { apt-get update -qq && apt-get download php-symfony-translation >/dev/null; }; })
dpkg -x "$work"/php-symfony-translation_*.deb "$work/x"
schemas="$(dirname "$(find "$work/x" -name xliff-core-2.0.xsd | head -1)")"
mkdir -p "$out/informativeCopiesOf3rdPartySchemas/w3c"
cp "$schemas"/xliff-core-1.2-strict.xsd "$schemas"/xliff-core-2.0.xsd "$schemas"/xml.xsd "$out/"
cp "$schemas/xml.xsd" "$out/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"
cat > "$out/catalog.xml" <<CATALOG
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="http://www.w3.org/2001/xml.xsd" uri="file://$out/xml.xsd"/>
  <system systemId="http://www.w3.org/2001/xml.xsd" uri="file://$out/xml.xsd"/>
</catalog>
CATALOG
echo "XLIFF schemas in $out"
