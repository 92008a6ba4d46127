#!/usr/bin/env bash
# with-cluster.sh ENVFILE COMMAND...: runs COMMAND with the environment of the test cluster that
# `cluster.sh start ENVFILE` started (ASNBELAJAR_TEST_PG, PGHOST, PGPORT, ...). When there is none (PostgreSQL is
# not installed here, and neither CI=true nor ASNBELAJAR_REQUIRE_PG=1), COMMAND runs without ASNBELAJAR_TEST_PG
# and its PostgreSQL tests skip themselves; the unit tests run this way (tests/CMakeLists.txt).
set -euo pipefail
envfile=${1:?usage: with-cluster.sh ENVFILE COMMAND...}
shift
if [ -f "$envfile" ]; then
  # shellcheck disable=SC1090
  . "$envfile"
fi
if [ -n "${ASNBELAJAR_TEST_PG_SKIP:-}" ] || [ -z "${ASNBELAJAR_TEST_PG:-}" ]; then
  unset ASNBELAJAR_TEST_PG
  echo "with-cluster.sh: WARNING: no PostgreSQL test cluster (${ASNBELAJAR_TEST_PG_SKIP:-no $envfile}):" \
    "the PostgreSQL unit tests skip" >&2
fi
exec "$@"
