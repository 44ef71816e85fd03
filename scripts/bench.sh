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
# The benchmark is the module benchmark/ (BenchmarkIT). Every build runs it for a few seconds
# (smoke profile) so the tool keeps working; only this script runs it at full length. The
# reactor builds what it needs (the services, the end-to-end harness) and runs no other test.
set -euo pipefail
cd "$(dirname "$0")/.."

JAEGER_BIN="${JAEGER_BIN:-$(scripts/install-jaeger.sh)}"
export JAEGER_BIN

./mvnw -B -q verify -pl benchmark -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=BenchmarkIT -Dit.failIfNoSpecifiedTests=false -Dbench.profile=full

echo
cat target/benchmark/report.md
