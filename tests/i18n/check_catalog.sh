#!/usr/bin/env bash
# check_catalog.sh ROOT: every user-facing message of the sources has a translation in each po/LANG.po.
# The messages are what po/extract.sh (xgettext, as po/update.sh runs it) finds: the strings marked with _(),
# N_(), P_(), tr() and trn(). A message without a translation, or with a fuzzy one (a translation msgmerge
# guessed from an older message, not yet checked by a person), fails this test: run po/update.sh and translate
# what it marks (docs/translating.md). The placeholders of each translation are checked by the unit tests
# (tests/unit/test_i18n.cpp).
set -u
root=${1:?usage: check_catalog.sh ROOT}
work=$(mktemp -d "${TMPDIR:-/tmp}/asnbelajar-catalog.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
if ! "$root/po/extract.sh" "$work/messages.pot"; then
  echo "FAIL: xgettext could not read the sources" >&2
  exit 1
fi
messages=$(grep -c '^msgid ' "$work/messages.pot")
for po in "$root"/po/*.po; do
  lang=$(basename "$po" .po)
  # The catalog as po/update.sh would leave it (without guessing translations of new messages): a message of the
  # sources it does not translate is untranslated there, as is one whose translation is still fuzzy.
  msgmerge --quiet --no-fuzzy-matching -o "$work/merged.po" "$po" "$work/messages.pot"
  for kind in untranslated only-fuzzy; do
    msgattrib --"$kind" --no-obsolete -o "$work/$kind.po" "$work/merged.po"
    if [ -s "$work/$kind.po" ]; then
      failed=1
      echo "FAIL: po/$lang.po: ${kind#only-} messages (run po/update.sh, then translate them; docs/translating.md):" >&2
      sed -n '/^#:/,/^msgstr/p' "$work/$kind.po" | grep -v '^msgstr' | sed 's/^/  /' >&2
    fi
  done
  if ! msgfmt --check --statistics -o /dev/null "$po" 2>"$work/msgfmt.txt"; then
    failed=1
    echo "FAIL: msgfmt refuses po/$lang.po:" >&2
    cat "$work/msgfmt.txt" >&2
  else
    echo "po/$lang.po: $(cat "$work/msgfmt.txt") ($((messages - 1)) messages in the sources)"
  fi
done
exit $failed
