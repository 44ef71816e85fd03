#!/usr/bin/env bash
# Runs the whole system on this machine without Docker: Jaeger and the three services on
# 127.0.0.1, orders in an embedded H2 file database. Ctrl-C stops all of it.
#
#   scripts/run-local.sh            build what is missing, then start
#   JAEGER_UI_ASSETS=path/to/jaeger-ui-v1.76.0-assets.tar.gz scripts/run-local.sh
#                                   the Jaeger UI from that archive, where GitHub is out of reach
#   JAEGER_BIN=/path/to/jaeger ...  use another Jaeger binary, e.g. an official release
#   JAEGER_STORAGE=memory ...       Jaeger keeps traces in memory, not on disk (Badger)
#   scripts/run-local.sh --scale    Jaeger's scale-out topology in place of the all-in-one: two
#                                   collectors, Kafka, two tail-sampling ingesters, their
#                                   two replicas and the storage node (README: Scale-out); Badger
#                                   only
#
# Logs: one JSON object per line, in target/local-run/<service>.log. Data: orders in
# target/local-run/data, traces in target/local-run/jaeger-data (JAEGER_DATA_DIR), both kept
# from run to run (`./mvnw clean` deletes them).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN_DIR="$ROOT/target/local-run"
SERVICES=(order-service auth-service gateway-service)
SCALE=false
[[ "${1:-}" == --scale ]] && SCALE=true
mkdir -p "$RUN_DIR"

for service in "${SERVICES[@]}"; do
  if [[ ! -f "$ROOT/$service/target/$service.jar" ]]; then
    echo "building the services (first run)..."
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
    break
  fi
done

JAEGER="$("$ROOT/scripts/install-jaeger.sh")"

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "stopping..."
  # Services first (they drain and flush their last spans), Jaeger last (with --scale:
  # collectors, ingesters, storage, Kafka).
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

# Ctrl-C reaches every process of the terminal's foreground group. The children ignore it,
# so that this script alone decides the order in which they stop.
run_in_background() { # log-file command...
  local log=$1
  shift
  (trap '' INT && exec "$@") >"$log" 2>&1 &
  pids+=($!)
}

wait_for() { # name url
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$2" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$1 did not become healthy; see $RUN_DIR/$1.log" >&2
  exit 1
}

# Traces on disk (Badger) in $RUN_DIR/jaeger-data, kept from run to run for JAEGER_RETENTION;
# JAEGER_STORAGE=memory keeps them in memory instead.
STORAGE="${JAEGER_STORAGE:-badger}"
STORAGE_CONFIG="$ROOT/jaeger/storage-$STORAGE.yaml"
[[ -f "$STORAGE_CONFIG" ]] || { echo "JAEGER_STORAGE must be badger or memory" >&2; exit 1; }
TRACES_DIR="${JAEGER_DATA_DIR:-$RUN_DIR/jaeger-data}"

start_all_in_one() {
  run_in_background "$RUN_DIR/jaeger.log" \
    env JAEGER_LISTEN_HOST=127.0.0.1 JAEGER_UI_CONFIG="$ROOT/jaeger/ui-config.json" \
    JAEGER_DATA_DIR="$TRACES_DIR" \
    "$JAEGER" --config "$ROOT/jaeger/config.yaml" --config "$STORAGE_CONFIG"
  wait_for jaeger http://127.0.0.1:13133/status
}

# Kafka on 9092 (controller 9093), its log in $RUN_DIR/kafka-data, formatted on the first run;
# the storage node (UI 16686, Badger in $TRACES_DIR), two ingesters and their two replicas (a
# consumer group of their own), and two collectors on the OTLP ports 4318 and 4328. Each
# Jaeger's health port is 1313x or 1314x.
start_scale_pipeline() {
  [[ $STORAGE == badger ]] || { echo "--scale keeps traces in Badger only" >&2; exit 1; }
  local kafka_home kafka_config="$RUN_DIR/kafka.properties" kafka_data="$RUN_DIR/kafka-data"
  kafka_home="$("$ROOT/scripts/install-kafka.sh")"
  sed -e s/BROKER_PORT/9092/ -e s/CONTROLLER_PORT/9093/ -e "s|LOG_DIR|$kafka_data|" \
    "$ROOT/scripts/kafka/server.properties" >"$kafka_config"
  local kafka=(java -cp "$kafka_home/libs/*")
  if [[ ! -f "$kafka_data/meta.properties" ]]; then
    "${kafka[@]}" kafka.tools.StorageTool format --config "$kafka_config" \
      --cluster-id "$("${kafka[@]}" kafka.tools.StorageTool random-uuid)" >"$RUN_DIR/kafka.log" 2>&1
  fi
  # A bounded heap, as in the tests (KafkaProcess.HEAP): one broker, one small topic.
  run_in_background "$RUN_DIR/kafka.log" "${kafka[@]}" -Xmx256m kafka.Kafka "$kafka_config"
  # Also the wait for the broker: the tool retries until it answers.
  "${kafka[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 \
    --create --if-not-exists --topic jaeger-spans --partitions 4 >>"$RUN_DIR/kafka.log" 2>&1

  local common=(JAEGER_LISTEN_HOST=127.0.0.1 KAFKA_BROKERS=127.0.0.1:9092 KAFKA_TOPIC=jaeger-spans)
  run_in_background "$RUN_DIR/jaeger-storage.log" env "${common[@]}" JAEGER_HEALTH_PORT=13133 \
    JAEGER_OTLP_GRPC_PORT=14317 JAEGER_REMOTE_STORAGE_PORT=17271 JAEGER_DATA_DIR="$TRACES_DIR" \
    JAEGER_UI_CONFIG="$ROOT/jaeger/ui-config.json" "$JAEGER" --config "$ROOT/jaeger/storage.yaml"
  wait_for jaeger-storage http://127.0.0.1:13133/status
  local i group
  for i in 1 2 3 4; do
    group=jaeger-ingesters
    ((i > 2)) && group=jaeger-ingesters-replica
    run_in_background "$RUN_DIR/jaeger-ingester-$i.log" env "${common[@]}" \
      JAEGER_HEALTH_PORT=$((13133 + i)) KAFKA_CONSUMER_GROUP=$group \
      JAEGER_STORAGE_GRPC_ENDPOINT=127.0.0.1:17271 JAEGER_STORAGE_OTLP_ENDPOINT=127.0.0.1:14317 \
      "$JAEGER" --config "$ROOT/jaeger/ingester.yaml"
    wait_for "jaeger-ingester-$i" "http://127.0.0.1:$((13133 + i))/status"
  done
  for i in 1 2; do
    run_in_background "$RUN_DIR/jaeger-collector-$i.log" env "${common[@]}" \
      JAEGER_HEALTH_PORT=$((13137 + i)) JAEGER_OTLP_HTTP_PORT=$((4308 + 10 * i)) \
      JAEGER_OTLP_GRPC_PORT=$((4307 + 10 * i)) "$JAEGER" --config "$ROOT/jaeger/collector.yaml"
    wait_for "jaeger-collector-$i" "http://127.0.0.1:$((13137 + i))/status"
  done
}

if $SCALE; then
  start_scale_pipeline
  # auth-service sends to the second collector, the others to the first.
  AUTH_OTLP_ENDPOINT=http://127.0.0.1:4328
  # The ingesters drop most ordinary traces: the demo page says so.
  TRACE_SAMPLING=tail
else
  start_all_in_one
  AUTH_OTLP_ENDPOINT=http://127.0.0.1:4318
  TRACE_SAMPLING=all
fi

# The same variable names as docker-compose.yml, with loopback addresses.
export HOST=127.0.0.1
export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
export OTEL_BSP_SCHEDULE_DELAY=500
export LOG_SPAN_EVENTS_LEVEL=INFO
JAVA_OPTS=("@$ROOT/jvm.options")

start_service() { # name port env...
  local name=$1 port=$2
  shift 2
  local jar="$ROOT/$name/target/$name.jar" archive="$ROOT/$name/target/$name.jsa" cds=()
  # The class-data archive the build trained on this jar halves the start (see jvm.options).
  # One older than the jar was trained on an earlier one, and the JVM would refuse it.
  if [[ "$archive" -nt "$jar" ]]; then
    cds=("-XX:SharedArchiveFile=$archive")
  fi
  run_in_background "$RUN_DIR/$name.log" env OTEL_SERVICE_NAME="$name" PORT="$port" "$@" \
    java "${JAVA_OPTS[@]}" "${cds[@]}" -jar "$jar"
  wait_for "$name" "http://127.0.0.1:$port/health"
}

start_service order-service 8082 DB_URL="jdbc:h2:file:$RUN_DIR/data/orders"
start_service auth-service 8081 ORDER_URL=http://127.0.0.1:8082 \
  OTEL_EXPORTER_OTLP_ENDPOINT="$AUTH_OTLP_ENDPOINT"
start_service gateway-service 8080 AUTH_URL=http://127.0.0.1:8081 \
  JAEGER_QUERY_URL=http://127.0.0.1:16686 JAEGER_UI_URL=http://127.0.0.1:16686 \
  TRACE_SAMPLING="$TRACE_SAMPLING"

cat <<MSG

All up:
  Demo page      http://127.0.0.1:8080/
  API            http://127.0.0.1:8080/api
  Jaeger UI      http://127.0.0.1:16686
  Logs           $RUN_DIR/<service>.log
  Traces         $([[ $STORAGE == badger ]] && echo "$TRACES_DIR" || echo "in memory")

Try it:
  TOKEN=\$(curl -s -X POST localhost:8080/api/login -H 'Content-Type: application/json' \\
            -d '{"username":"alice","password":"wonderland"}' | sed 's/.*"accessToken":"\\([^"]*\\)".*/\\1/')
  curl -si -X POST localhost:8080/api/orders -H "Authorization: Bearer \$TOKEN" \\
       -H 'Content-Type: application/json' -H "Idempotency-Key: \$(uuidgen || date +%s%N)" \\
       -d '{"item":"teapot","quantity":1}'
  # The traceresponse header names the trace: 00-<trace id>-<span id>-03
  grep <trace id> $RUN_DIR/*.log
  curl -s localhost:16686/api/traces/<trace id>

Ctrl-C stops everything.
MSG
wait -n "${pids[@]}" || true
echo "a process exited; see $RUN_DIR/*.log" >&2
