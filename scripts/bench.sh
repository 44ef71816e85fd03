#!/usr/bin/env bash
# The benchmark, one command: the real Jaeger and the three services as separate processes on
# loopback, traced against untraced, about ten minutes on two cores. Writes
# target/benchmark/report.md and report.json; docs/benchmarks.md explains the numbers.
#
#   scripts/bench.sh
#
# order-service keeps its orders in a fresh embedded H2 file for every run, so no run inherits
# another's data; the H2 engine and its cache count in order-service's own memory.
#
# Every build runs the same benchmark for a few seconds (BenchmarkIT, smoke profile) so the
# tool keeps working; only this script runs it at full length.
set -euo pipefail
cd "$(dirname "$0")/.."

JAEGER_BIN="${JAEGER_BIN:-$(scripts/install-jaeger.sh)}"
export JAEGER_BIN

./mvnw -B -q verify -pl e2e-tests -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=BenchmarkIT -Dbench.profile=full

echo
cat target/benchmark/report.md
