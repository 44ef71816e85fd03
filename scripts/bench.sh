#!/usr/bin/env bash
# The benchmark, one command, about twenty-five minutes on two cores:
#   1. the floor (JMH, about two minutes): the tracing work of one request in one service against
#      the bare SDK making as many spans, target/benchmark/floor.json;
#   2. the load benchmark: the real Jaeger and the three services as separate processes on
#      loopback, untraced, traced by this project and traced by the OpenTelemetry Java agent;
#   3. the pipeline (about six minutes): the scale-out topology's sustained spans per second,
#      its delay to a queryable trace against the direct path, and the storage its sampling saves.
# Writes target/benchmark/report.md, report.json and report.svg, and pipeline.md and
# pipeline.json; docs/benchmarks.md explains the numbers.
#
#   scripts/bench.sh               # all three
#   scripts/bench.sh --pipeline    # the pipeline only (needs Kafka: scripts/install-kafka.sh)
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
KAFKA_HOME="${KAFKA_HOME:-$(scripts/install-kafka.sh)}"
export JAEGER_BIN KAFKA_HOME

# A fresh report folder, so that no figure comes from an earlier run.
rm -rf target/benchmark

tests=BenchmarkIT,PipelineBenchmarkIT
if [[ "${1:-}" == "--pipeline" ]]; then
  tests=PipelineBenchmarkIT
else
  ./mvnw -B -q verify -pl telemetry -am -Pfloor -DskipTests
fi

./mvnw -B -q verify -pl benchmark -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="$tests" -Dit.failIfNoSpecifiedTests=false -Dbench.profile=full

echo
for report in target/benchmark/report.md target/benchmark/pipeline.md; do
  if [[ -f "$report" ]]; then
    cat "$report"
  fi
done
