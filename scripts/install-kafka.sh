#!/usr/bin/env bash
# Fetches Apache Kafka 4.4.0's broker (KRaft: broker and controller in one process, no
# ZooKeeper) from Maven Central and prints its folder, KAFKA_HOME, whose libs/ holds every jar:
#
#   scripts/install-kafka.sh
#   java -cp "$KAFKA_HOME/libs/*" kafka.tools.StorageTool format ...   # once per log folder
#   java -cp "$KAFKA_HOME/libs/*" kafka.Kafka server.properties
#
# The jars are the ones Apache's release archive ships, taken one by one from Maven Central by
# scripts/kafka/pom.xml (not a module of the build). Idempotent: cached under
# ~/.cache/traced-services/kafka-<version>/ and reused. KAFKA_HOME set: that folder is used as
# it is.
set -euo pipefail

KAFKA_VERSION=4.4.0

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/traced-services/kafka-${KAFKA_VERSION}"
# The last jar copied: its presence means the folder is complete.
MARKER="$CACHE_DIR/libs/kafka_2.13-${KAFKA_VERSION}.jar"

if [[ -n "${KAFKA_HOME:-}" ]]; then
  echo "$KAFKA_HOME"
  exit 0
fi
if [[ -f "$MARKER" ]]; then
  echo "$CACHE_DIR"
  exit 0
fi

# One download at a time; one that finished while this one waited is used as it is.
mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.lock"
flock 9
if [[ -f "$MARKER" ]]; then
  echo "$CACHE_DIR"
  exit 0
fi

echo "install-kafka: fetching Kafka ${KAFKA_VERSION} from Maven Central (once)..." >&2
rm -rf "$CACHE_DIR/libs.tmp"
"$ROOT/mvnw" -B -ntp -q -f "$ROOT/scripts/kafka/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$CACHE_DIR/libs.tmp" >&2
rm -rf "$CACHE_DIR/libs"
mv "$CACHE_DIR/libs.tmp" "$CACHE_DIR/libs"
echo "$CACHE_DIR"
