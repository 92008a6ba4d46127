#!/usr/bin/env bash
# extract.sh OUTPUT: the message template of the sources (every string marked with _(), N_(), P_(), tr() or
# trn(), see lib/include/asnbelajar/i18n.hpp) written to OUTPUT by xgettext. po/update.sh and the catalog test
# (tests/i18n/check_catalog.sh) both run this, so that they agree on what is a message.
set -euo pipefail
out=$(realpath -m "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^project(asnbelajar VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
cd "$root"
find lib cli -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort |
  xgettext --files-from=- --output="$out" --language=C++ --from-code=UTF-8 \
    --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=tr --keyword=trn:1,2 \
    --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
    --package-name=asnbelajar --package-version="$version" \
    --msgid-bugs-address="asnbelajar maintainers <asnbelajar@example.go.id>" \
    --copyright-holder="asnbelajar maintainers"
