#!/usr/bin/env bash
# Brings the message catalogs up to date with the sources (docs/translating.md):
#  1. po/asnbelajar.pot, the template, from the sources (po/extract.sh: xgettext);
#  2. each po/LANG.po merged with it (msgmerge): new messages arrive untranslated, changed ones marked fuzzy
#     with the old translation as a suggestion, messages no longer used dropped.
# Then translate what is untranslated or fuzzy in po/LANG.po (with a PO editor, or any text editor: remove the
# "fuzzy" flag once the translation is right) and run the tests: tests/i18n/check_catalog.sh fails while a
# message lacks a translation.
set -euo pipefail
cd "$(dirname "$0")"
./extract.sh asnbelajar.pot.new
# The template changes only when a message does, not with each run's POT-Creation-Date.
if [ -f asnbelajar.pot ] && diff -q -I '^"POT-Creation-Date:' asnbelajar.pot asnbelajar.pot.new >/dev/null; then
  rm asnbelajar.pot.new
else
  mv asnbelajar.pot.new asnbelajar.pot
fi
for po in *.po; do
  msgmerge --quiet --update --backup=none --add-location=file --sort-by-file "$po" asnbelajar.pot
  msgattrib --no-obsolete --add-location=file --sort-by-file --output-file="$po" "$po"
  printf '%s: ' "$po"
  msgfmt --statistics --check -o /dev/null "$po"
done
